"""Each opt-in server behaviour as the official client sees it, and the default without it."""

from __future__ import annotations

import asyncio
import html
import math
import re
import time
from typing import Any

import aiohttp
import httpx
import pytest
from trueconf import Dispatcher, Router
from trueconf.enums import ParseMode
from trueconf.exceptions import ApiErrorException
from trueconf.types import BufferedInputFile, Message

from migrator.emulator import RunningEmulator
from migrator.emulator.textlen import visible_text
from tests.emulator.support import BotFactory, RawClient, raw_client

QUICK_POSTS = 6
SENT_HTML = (
    '<b class="loud">It&#39;s</b>  said  "hi"   \n'
    '<a target="_blank" href="https://example.org/a?b=1">the link</a><br/>and &quot;more&quot;  '
)


def _seen(text: str) -> str:
    """What a reader of an HTML post sees: markup gone, entities read, line breaks, spaces."""
    shown = html.unescape(visible_text(re.sub(r"<br\s*/?>", "\n", text)))
    return "\n".join(" ".join(line.split()) for line in shown.split("\n"))


async def _posts(bot: Any, chat_id: str, count: int = 100) -> list[Message]:
    history = await bot.get_chat_history(chat_id, count)
    return [m for m in reversed(history.messages) if m.type in (200, 202)]


# --- normalise_text -----------------------------------------------------------------------------


@pytest.mark.parametrize("normalise", [False, True], ids=["default", "normalise_text"])
async def test_stored_text_is_rewritten_but_reads_the_same(
    plain_emulator: RunningEmulator, plain_bots: BotFactory, normalise: bool
) -> None:
    plain_emulator.behaviours.normalise_text = normalise
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Sanitised")).chat_id
    await alice.send_message(chat_id, SENT_HTML, parse_mode=ParseMode.HTML)
    await alice.send_document(
        chat_id,
        BufferedInputFile(b"body", file_name="a.txt"),
        caption=SENT_HTML,
        parse_mode=ParseMode.HTML,
    )
    await alice.send_message(chat_id, "plain   text  ", parse_mode=ParseMode.TEXT)
    text, _file, caption, plain = [
        getattr(m.content, "text", None) for m in await _posts(alice, chat_id)
    ]
    if not normalise:
        assert (text, caption, plain) == (SENT_HTML, SENT_HTML, "plain   text  ")
        return
    expected = (
        '<b>It\'s</b> said &quot;hi&quot;<br><a href="https://example.org/a?b=1">the link</a>'
        '\nand "more"'
    )
    assert text == caption == expected
    assert _seen(text) == _seen(SENT_HTML)
    assert plain == "plain text"


async def test_the_length_rule_applies_to_what_was_sent(plain_emulator: RunningEmulator) -> None:
    plain_emulator.behaviours.normalise_text = True
    # 4,099 characters as sent, 4,094 once the trailing spaces are trimmed: still refused.
    too_long = "x" * 4094 + "     "
    async with raw_client(plain_emulator) as alice:
        chat_id = (await alice.call("createGroupChat", {"title": "Long"}))["chatId"]
        refused = await alice.call(
            "sendMessage", {"chatId": chat_id, "content": {"text": too_long}}
        )
        trimmed = await alice.call("sendMessage", {"chatId": chat_id, "content": {"text": "x  "}})
    assert refused.get("errorCode") == 399
    assert [m.content["text"] for m in plain_emulator.chat_messages(chat_id)] == ["x"]
    assert "messageId" in trimmed


# --- history_page_cap and chats_page_cap --------------------------------------------------------


@pytest.mark.parametrize("cap", [None, 20], ids=["default", "history_page_cap"])
async def test_history_pages_are_capped_whatever_count_asks(
    plain_emulator: RunningEmulator, plain_bots: BotFactory, cap: int | None
) -> None:
    plain_emulator.behaviours.history_page_cap = cap
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Capped")).chat_id
    sent = [(await alice.send_message(chat_id, f"{n}")).message_id for n in range(45)]
    first = (await alice.get_chat_history(chat_id, 100)).messages
    assert len(first) == (45 if cap is None else 20)
    # Paging on from the oldest message of each page still reaches every message once.
    seen = [m.message_id for m in first]
    while len(seen) < 45:
        page = (await alice.get_chat_history(chat_id, 100, from_message_id=seen[-1])).messages
        assert 0 < len(page) <= 20
        seen += [m.message_id for m in page]
    assert list(reversed(seen)) == sent


@pytest.mark.parametrize("cap", [None, 5], ids=["default", "chats_page_cap"])
async def test_chat_list_pages_are_capped(
    plain_emulator: RunningEmulator, plain_bots: BotFactory, cap: int | None
) -> None:
    plain_emulator.behaviours.chats_page_cap = cap
    alice = await plain_bots("alice")
    created = {(await alice.create_group_chat(f"Chat {n}")).chat_id for n in range(8)}
    first = [c.chat_id for c in (await alice.get_chats(count=100, page=1)).chats]
    if cap is None:
        assert set(first) == created
        return
    second = [c.chat_id for c in (await alice.get_chats(count=100, page=2)).chats]
    third = (await alice.get_chats(count=100, page=3)).chats
    assert (len(first), len(second), third) == (5, 3, [])
    assert set(first) | set(second) == created


# --- commit_then_error_every --------------------------------------------------------------------


async def test_every_nth_change_is_applied_then_answered_301_or_dropped(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    alice = await plain_bots("alice", timeout=1)
    bob = await plain_bots("bob", timeout=1)
    chat_id = (await alice.create_group_chat("Unkind")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    plain_emulator.behaviours.commit_then_error_every = 3
    outcomes: list[str] = []
    # Counted across connections: alice and bob take turns.
    for n, bot in enumerate([alice, bob, alice, bob, alice, bob]):
        await asyncio.wait_for(bot.authorized_event.wait(), 5)
        try:
            await bot.send_message(chat_id, f"post {n}")
            outcomes.append("answered")
        except ApiErrorException as error:
            outcomes.append(f"error {error.code}")
        except TimeoutError:
            outcomes.append("no answer")
    assert outcomes == ["answered", "answered", "error 301", "answered", "answered", "no answer"]
    plain_emulator.behaviours.commit_then_error_every = None
    await asyncio.wait_for(alice.authorized_event.wait(), 5)
    texts = [m.content.text for m in await _posts(alice, chat_id)]
    assert texts == [f"post {n}" for n in range(6)]


async def test_by_default_changes_are_answered(plain_bots: BotFactory) -> None:
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Kind")).chat_id
    for n in range(12):
        await alice.send_message(chat_id, f"post {n}")


# --- shared_box ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shared", [False, True], ids=["default", "shared_box"])
async def test_file_and_caption_share_a_box_and_times_are_whole_seconds(
    plain_emulator: RunningEmulator, plain_bots: BotFactory, shared: bool
) -> None:
    plain_emulator.behaviours.shared_box = shared
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Boxes")).chat_id
    await alice.send_document(
        chat_id, BufferedInputFile(b"body", file_name="a.txt"), caption="the caption"
    )
    started = time.monotonic()
    for n in range(QUICK_POSTS):
        await alice.send_message(chat_id, f"quick {n}")
    elapsed = time.monotonic() - started
    posts = await _posts(alice, chat_id)
    boxes = [(m.box.id, m.box.position) for m in posts if m.box is not None]
    stamps = [m.timestamp for m in posts]
    assert len(boxes) == 2 + QUICK_POSTS
    if not shared:
        assert len({box_id for box_id, _ in boxes}) == 2 + QUICK_POSTS
        assert stamps == sorted(set(stamps))
        return
    (file_box, file_position), (caption_box, caption_position) = boxes[0], boxes[1]
    assert file_box == caption_box
    assert int(caption_position) > int(file_position)
    assert len({box_id for box_id, _ in boxes}) == 1 + QUICK_POSTS
    assert all(stamp % 1000 == 0 for stamp in stamps)
    assert stamps == sorted(stamps)
    # Posts sent within S seconds span at most S + 1 distinct whole seconds: on a machine that
    # is not crawling, several of the quick posts share a timestamp.
    assert len(set(stamps[2:])) <= math.ceil(elapsed) + 1 < QUICK_POSTS


# --- temporal_file_ttl_seconds ------------------------------------------------------------------


async def _upload(emu: RunningEmulator, client: RawClient, body: bytes) -> str:
    task = await client.call("uploadFile", {"fileSize": len(body), "fileName": "t.txt"})
    async with httpx.AsyncClient(base_url=emu.base_url) as http:
        response = await http.post(
            "/bridge/api/client/v1/files",
            headers={"Upload-Task-Id": task["uploadTaskId"]},
            files={"file": ("t.txt", body, "text/plain")},
        )
    temporal_id: str = response.json()["temporalFileId"]
    return temporal_id


async def _send_file(client: RawClient, chat_id: str, temporal_id: str) -> dict[str, Any]:
    return await client.call(
        "sendFile", {"chatId": chat_id, "content": {"temporalFileId": temporal_id}}
    )


@pytest.mark.parametrize("ttl", [None, 1.5], ids=["default", "temporal_file_ttl_seconds"])
async def test_uploads_expire_and_belong_to_their_connection(
    plain_emulator: RunningEmulator, ttl: float | None
) -> None:
    plain_emulator.behaviours.temporal_file_ttl_seconds = ttl
    async with raw_client(plain_emulator) as first, raw_client(plain_emulator) as second:
        chat_id = (await first.call("createGroupChat", {"title": "Uploads"}))["chatId"]
        mine = await _upload(plain_emulator, first, b"mine")
        other = await _send_file(second, chat_id, mine)
        stale = await _upload(plain_emulator, first, b"stale")
        await asyncio.sleep(1.7)
        late = await _send_file(first, chat_id, stale)
        fresh = await _upload(plain_emulator, first, b"fresh")
        in_time = await _send_file(first, chat_id, fresh)
    assert "fileId" in in_time
    if ttl is None:
        assert "fileId" in other and "fileId" in late
        return
    # 404 is the 5.5.6 file error "File not found".
    assert (other.get("errorCode"), late.get("errorCode")) == (404, 404)


async def test_the_official_client_sends_files_under_a_ttl(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    plain_emulator.behaviours.temporal_file_ttl_seconds = 60
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Files in time")).chat_id
    sent = await alice.send_document(chat_id, BufferedInputFile(b"ok", file_name="ok.txt"))
    assert await alice.download_file_by_id(sent.file_id) == b"ok"


# --- idle_drop_seconds --------------------------------------------------------------------------


@pytest.mark.parametrize("idle", [None, 0.5], ids=["default", "idle_drop_seconds"])
async def test_a_silent_socket_is_cut_without_a_close_frame(
    plain_emulator: RunningEmulator, idle: float | None
) -> None:
    plain_emulator.behaviours.idle_drop_seconds = idle
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(plain_emulator.base_url + "/websocket/chat_bot", autoping=False) as ws,
    ):
        try:
            message = await ws.receive(timeout=1.5)
        except TimeoutError:
            assert idle is None, "the socket was not cut"
            assert not ws.closed
            return
    assert idle is not None
    # A close frame would arrive as CLOSE with a code; the cut connection just ends.
    assert message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
    assert ws.close_code in (None, 1006)


async def test_the_official_client_reconnects_after_an_idle_cut(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    statuses: list[str] = []

    async def on_health(report: dict[str, Any]) -> None:
        statuses.append(report["status"])

    plain_emulator.behaviours.idle_drop_seconds = 0.5
    alice = await plain_bots("alice", on_health_check=on_health)
    for _ in range(60):
        if "disconnected" in statuses and statuses[-1] == "authorized":
            break
        await asyncio.sleep(0.05)
    assert statuses[:3] == ["connected", "authorized", "disconnected"]
    plain_emulator.behaviours.idle_drop_seconds = None
    await asyncio.wait_for(alice.authorized_event.wait(), 5)
    assert (await alice.create_group_chat("After the cut")).chat_id


# --- echo_own -----------------------------------------------------------------------------------


@pytest.mark.parametrize("echo", [False, True], ids=["default", "echo_own"])
async def test_own_posts_come_back_to_the_sending_connection(
    plain_emulator: RunningEmulator, plain_bots: BotFactory, echo: bool
) -> None:
    plain_emulator.behaviours.echo_own = echo
    received: asyncio.Queue[Message] = asyncio.Queue()
    router = Router()

    @router.message()
    async def on_message(message: Message) -> None:
        await received.put(message)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    alice = await plain_bots("alice", dispatcher=dispatcher, skip_self_messages=False)
    chat_id = (await alice.create_group_chat("Echo")).chat_id
    sent = await alice.send_message(chat_id, "do I hear myself?")
    if not echo:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(received.get(), 0.5)
        return
    message = await asyncio.wait_for(received.get(), 5)
    assert (message.message_id, message.text) == (sent.message_id, "do I hear myself?")


# --- ldap_ids -----------------------------------------------------------------------------------


@pytest.mark.parametrize("ldap", [False, True], ids=["default", "ldap_ids"])
async def test_user_ids_are_reported_in_the_ldap_form(
    plain_emulator: RunningEmulator, plain_bots: BotFactory, ldap: bool
) -> None:
    plain_emulator.behaviours.ldap_ids = ldap
    alice_id = "EMULATOR\\Alice@emulator.local" if ldap else "alice@emulator.local"
    bob_id = "EMULATOR\\Bob@emulator.local" if ldap else "bob@emulator.local"
    alice = await plain_bots("alice")
    bob = await plain_bots("bob")
    assert alice.me_id == alice_id
    chat_id = (await alice.create_group_chat("Directory")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    sent = await alice.send_message(chat_id, "who am I?")
    history = (await bob.get_chat_history(chat_id, 10)).messages
    assert [m.author.id for m in history] == [alice_id, alice_id]
    assert history[0].message_id == sent.message_id
    participants = (await bob.get_chat_participants(chat_id, 10, 1)).participants
    assert [p.user_id for p in participants] == [alice_id, bob_id]


async def test_requests_take_any_form_of_a_user_id(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    plain_emulator.behaviours.ldap_ids = True
    alice = await plain_bots("alice")
    forms = ["BOB", "Carol@EMULATOR.local"]
    chat_id = (await alice.create_group_chat("Forms")).chat_id
    for form in forms:
        await alice.add_participant_to_chat(chat_id, form)
    await alice.change_participant_role(chat_id, "emulator\\BOB@emulator.local", "admin")
    roles = {
        p.user_id: p.role for p in (await alice.get_chat_participants(chat_id, 10, 1)).participants
    }
    assert roles == {
        "EMULATOR\\Alice@emulator.local": "owner",
        "EMULATOR\\Bob@emulator.local": "admin",
        "EMULATOR\\Carol@emulator.local": "user",
    }
    ldap_bob = "EMULATOR\\Bob@emulator.local"
    assert (await alice.get_chat_participant(chat_id, ldap_bob.lower())).user_id == ldap_bob
    # Another directory's prefix names nobody here.
    with pytest.raises(ApiErrorException):
        await alice.get_chat_participant(chat_id, "OTHER\\Bob@emulator.local")
    assert (await alice.get_user_display_name(ldap_bob)).display_name == "Bob"
