"""Creating the chat exactly once: a ``creating`` marker left by an interrupted run makes the
sender look for that chat among the owner's chats before creating another."""

from __future__ import annotations

import logging

import pytest

from migrator.config.model import ChatType
from migrator.emulator.server import RunningEmulator
from migrator.ledger import Ledger
from migrator.send import ChatSpec, Status

from .conftest import credentials_by_token, pool_for
from .posts import CHAT, text
from .test_sender import migrate, read_back, transcript

POSTS = [text(1, "alice", "first"), text(2, "bob", "second")]


def channel(title: str = "Team") -> ChatSpec:
    return ChatSpec(title, ChatType.CHANNEL, "alice", ("bob",), frozenset({"bob"}))


async def create_as_alice(
    emu: RunningEmulator, kind: ChatType, title: str, *, post: str | None = None
) -> str:
    """A chat created (and optionally posted in) by alice through the client library."""
    pool = pool_for(emu, credentials_by_token(emu, "alice"))
    try:
        async with pool.lease("alice") as owner:
            if kind is ChatType.CHANNEL:
                created = await owner.call(lambda bot: bot.create_channel(title))
            else:
                created = await owner.call(lambda bot: bot.create_group_chat(title))
            chat_id = str(created.chat_id)
            if post is not None:
                await owner.call(lambda bot: bot.send_message(chat_id, post))
    finally:
        await pool.aclose()
    return chat_id


def titled(emu: RunningEmulator, title: str) -> set[str]:
    return {chat.chat_id for chat in emu.state.chats.values() if chat.title == title}


async def test_the_chat_an_interrupted_run_created_is_used(
    emu: RunningEmulator, ledger: Ledger
) -> None:
    before = await create_as_alice(emu, ChatType.CHANNEL, "Team")  # alice's own, older channel
    scope = ledger.chat(server=emu.base_url, chat_key=CHAT)
    scope.mark_creating(title="Team", chat_type="channel", existing_ids=[before])
    # What the interrupted run created, and a group of the same title (another type).
    left_behind = await create_as_alice(emu, ChatType.CHANNEL, "Team")
    group = await create_as_alice(emu, ChatType.GROUP, "Team")

    sender, outcomes = await migrate(
        emu, ledger, POSTS, credentials_by_token(emu, "alice", "bob"), spec=channel()
    )

    assert sender.chat_id == left_behind
    assert titled(emu, "Team") == {before, left_behind, group}  # nothing new
    assert scope.chat_id() == left_behind and scope.creation() is None
    assert [o.status for o in outcomes] == [Status.SENT, Status.SENT]
    assert transcript(await read_back(emu, left_behind)) == [
        ("alice", "first", None),
        ("bob", "second", None),
    ]
    assert await read_back(emu, before) == []


async def test_a_marker_without_a_chat_on_the_server_creates_one(
    emu: RunningEmulator, ledger: Ledger
) -> None:
    before = await create_as_alice(emu, ChatType.CHANNEL, "Team")
    scope = ledger.chat(server=emu.base_url, chat_key=CHAT)
    scope.mark_creating(title="Team", chat_type="channel", existing_ids=[before])

    sender, _ = await migrate(
        emu, ledger, POSTS, credentials_by_token(emu, "alice", "bob"), spec=channel()
    )

    assert sender.chat_id is not None and sender.chat_id != before
    assert titled(emu, "Team") == {before, sender.chat_id}
    assert scope.chat_id() == sender.chat_id and scope.creation() is None


async def test_a_chat_another_telegram_chat_claims_is_not_taken(
    emu: RunningEmulator, ledger: Ledger
) -> None:
    scope = ledger.chat(server=emu.base_url, chat_key=CHAT)
    scope.mark_creating(title="Team", chat_type="channel", existing_ids=[])
    theirs = await create_as_alice(emu, ChatType.CHANNEL, "Team")
    ledger.chat(server=emu.base_url, chat_key="tg-other").set_chat_id(theirs)

    sender, _ = await migrate(
        emu, ledger, POSTS, credentials_by_token(emu, "alice", "bob"), spec=channel()
    )

    assert sender.chat_id not in (None, theirs)
    assert await read_back(emu, theirs) == []


async def test_an_empty_chat_is_preferred_to_one_someone_posted_in(
    emu: RunningEmulator, ledger: Ledger
) -> None:
    scope = ledger.chat(server=emu.base_url, chat_key=CHAT)
    scope.mark_creating(title="Team", chat_type="channel", existing_ids=[])
    used = await create_as_alice(emu, ChatType.CHANNEL, "Team", post="not ours")
    empty = await create_as_alice(emu, ChatType.CHANNEL, "Team")
    await create_as_alice(emu, ChatType.CHANNEL, "Other")  # another title: never a candidate

    sender, _ = await migrate(
        emu, ledger, POSTS, credentials_by_token(emu, "alice", "bob"), spec=channel()
    )

    assert sender.chat_id == empty
    assert titled(emu, "Team") == {used, empty}


async def test_a_marker_for_another_title_is_left_alone(
    emu: RunningEmulator, ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    scope = ledger.chat(server=emu.base_url, chat_key=CHAT)
    scope.mark_creating(title="Old name", chat_type="channel", existing_ids=[])
    old = await create_as_alice(emu, ChatType.CHANNEL, "Old name")

    with caplog.at_level(logging.WARNING, logger="migrator.send.chat_open"):
        sender, _ = await migrate(
            emu, ledger, POSTS, credentials_by_token(emu, "alice", "bob"), spec=channel()
        )

    assert sender.chat_id not in (None, old)
    assert titled(emu, "Team") == {sender.chat_id}
    assert "'Old name'" in caplog.text and "'Team'" in caplog.text


async def test_a_lost_answer_to_the_creation_creates_no_second_chat(
    emu: RunningEmulator, ledger: Ledger
) -> None:
    # The owner's connection: auth, getChats (the marker's snapshot), createGroupChat, whose
    # answer is lost as the connection drops; the run looks the chat up and goes on.
    emu.faults.drop_ws_lose_reply = True
    emu.faults.drop_ws_after_frames = 3
    spec = ChatSpec("Team", ChatType.GROUP, "alice")
    sender, outcomes = await migrate(emu, ledger, [], credentials_by_token(emu, "alice"), spec=spec)
    emu.faults.drop_ws_after_frames = None
    assert outcomes == []
    assert titled(emu, "Team") == {sender.chat_id}
    assert ledger.chat(server=emu.base_url, chat_key=CHAT).creation() is None
