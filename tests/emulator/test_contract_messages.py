"""Messages through the official client: send, reply, history, edit, remove, forward, limits."""

from __future__ import annotations

import asyncio

import pytest
from trueconf import Dispatcher, Message, Router
from trueconf.enums import ChatParticipantRole, ParseMode
from trueconf.exceptions import ApiErrorException
from trueconf.methods import EditMessage, SendMessage

from tests.emulator.support import BotFactory

TEXT, FORWARD = 200, 201


async def _code(call: object) -> int:
    with pytest.raises(ApiErrorException) as caught:
        await call  # type: ignore[misc]
    return caught.value.code


async def _group_with(bots: BotFactory, *others: str) -> tuple[str, list[object]]:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Migration test")).chat_id
    clients: list[object] = [alice]
    for login in others:
        await alice.add_participant_to_chat(chat_id, login, display_history=True)
        clients.append(await bots(login))
    return chat_id, clients


async def test_group_message_is_read_back_by_another_participant(bots: BotFactory) -> None:
    chat_id, (alice, bob) = await _group_with(bots, "bob")
    sent = await alice.send_message(chat_id, "<b>Hello</b> world", parse_mode=ParseMode.HTML)  # type: ignore[attr-defined]
    reply = await alice.send_message(chat_id, "second", reply_message_id=sent.message_id)  # type: ignore[attr-defined]

    history = await bob.get_chat_history(chat_id, count=10)  # type: ignore[attr-defined]

    texts = [
        (m.message_id, m.author.id, m.content.text, m.content.parse_mode, m.reply_message_id)
        for m in history.messages
        if m.type == TEXT
    ]
    assert texts == [
        (reply.message_id, "alice@emulator.local", "second", "text", sent.message_id),
        (sent.message_id, "alice@emulator.local", "<b>Hello</b> world", "html", None),
    ]
    assert history.messages[0].reply_message.message_id == sent.message_id
    assert sent.timestamp < reply.timestamp


async def test_every_parse_mode_is_kept(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Modes")).chat_id
    for mode in (ParseMode.TEXT, ParseMode.MARKDOWN, ParseMode.HTML):
        await alice.send_message(chat_id, f"**{mode.value}**", parse_mode=mode)
    history = await alice.get_chat_history(chat_id, 10)
    assert [m.content.parse_mode for m in history.messages] == ["html", "markdown", "text"]
    assert await _code(alice(SendMessage(chat_id=chat_id, text="x", parse_mode="bbcode"))) == 399


async def test_history_pages_backwards_from_a_message(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Paging")).chat_id
    ids = [(await alice.send_message(chat_id, f"m{i}")).message_id for i in range(5)]
    newest = await alice.get_chat_history(chat_id, 2)
    assert [m.message_id for m in newest.messages] == [ids[4], ids[3]]
    assert newest.count == 2
    older = await alice.get_chat_history(chat_id, 10, from_message_id=ids[3])
    assert [m.message_id for m in older.messages] == [ids[2], ids[1], ids[0]]


async def test_text_over_4096_visible_characters_is_refused_by_the_server(
    bots: BotFactory,
) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Limits")).chat_id
    await alice.send_message(chat_id, "я" * 4096)
    # Markup is free: 4096 visible characters inside tags are still within the limit.
    await alice.send_message(chat_id, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    too_long = SendMessage(chat_id=chat_id, text="я" * 4097, parse_mode="text")
    assert await _code(alice(too_long)) == 399
    assert len((await alice.get_chat_history(chat_id, 10)).messages) == 2


async def test_posting_rules(bots: BotFactory) -> None:
    alice = await bots("alice")
    carol = await bots("carol")
    chat_id = (await alice.create_group_chat("Private")).chat_id
    assert await _code(carol.send_message(chat_id, "let me in")) == 305
    assert await _code(alice.send_message("no-such-chat", "hi")) == 304
    assert await _code(carol.get_chat_history(chat_id, 10)) == 305


async def test_channel_posting_rights_follow_the_role(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    channel = (await alice.create_channel("News")).chat_id
    await alice.add_participant_to_chat(channel, "bob")
    assert await _code(bob.send_message(channel, "subscriber post")) == 303
    await alice.change_participant_role(channel, "bob", ChatParticipantRole.WRITER)
    await bob.send_message(channel, "writer post")
    history = await alice.get_chat_history(channel, 10)
    assert [m.content.text for m in history.messages if m.type == TEXT] == ["writer post"]


async def test_reply_to_an_unknown_message_is_refused(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Replies")).chat_id
    assert await _code(alice.send_message(chat_id, "x", reply_message_id="missing")) == 306


async def test_get_message_by_id(bots: BotFactory) -> None:
    chat_id, (alice, bob, carol) = await _trio(bots)
    sent = await alice.send_message(chat_id, "find me")
    found = await bob.get_message_by_id(sent.message_id)
    assert (found.message_id, found.chat_id, found.content.text) == (
        sent.message_id,
        chat_id,
        "find me",
    )
    assert await _code(carol.get_message_by_id(sent.message_id)) == 305
    assert await _code(alice.get_message_by_id("missing")) == 306


async def _trio(bots: BotFactory) -> tuple[str, tuple[object, object, object]]:
    chat_id, (alice, bob) = await _group_with(bots, "bob")
    return chat_id, (alice, bob, await bots("carol"))


async def test_edit_message(bots: BotFactory) -> None:
    chat_id, (alice, bob) = await _group_with(bots, "bob")
    sent = await alice.send_message(chat_id, "draft")
    edited = await alice.edit_message(sent.message_id, "final", parse_mode=ParseMode.MARKDOWN)
    assert edited.message_id == sent.message_id
    message = (await bob.get_chat_history(chat_id, 1)).messages[0]
    assert (message.content.text, message.content.parse_mode, message.is_edited) == (
        "final",
        "markdown",
        True,
    )
    assert await _code(bob.edit_message(sent.message_id, "hijack")) == 303
    too_long = EditMessage(message_id=sent.message_id, text="x" * 4097, parse_mode="text")
    assert await _code(alice(too_long)) == 399


async def test_remove_message(bots: BotFactory) -> None:
    chat_id, (alice, bob) = await _group_with(bots, "bob")
    keep = await alice.send_message(chat_id, "keep")
    drop = await bob.send_message(chat_id, "drop")
    assert await _code(bob.remove_message(keep.message_id, for_all=True)) == 303
    await bob.remove_message(drop.message_id, for_all=True)
    ids = [m.message_id for m in (await alice.get_chat_history(chat_id, 10)).messages]
    assert keep.message_id in ids
    assert drop.message_id not in ids
    assert await _code(alice.get_message_by_id(drop.message_id)) == 306


async def test_forward_message(bots: BotFactory) -> None:
    alice = await bots("alice")
    source = (await alice.create_group_chat("Source")).chat_id
    target = (await alice.create_group_chat("Target")).chat_id
    original = await alice.send_message(source, "worth sharing")
    forwarded = await alice.forward_message(target, original.message_id)
    message = (await alice.get_chat_history(target, 1)).messages[0]
    assert (message.message_id, message.type) == (forwarded.message_id, FORWARD)
    assert message.content.message_id == original.message_id
    assert message.content.content.text == "worth sharing"
    assert await _code(alice.forward_message("missing", original.message_id)) == 304


async def test_other_participants_receive_new_messages_live(bots: BotFactory) -> None:
    received: asyncio.Queue[Message] = asyncio.Queue()
    router = Router()

    @router.message()
    async def on_message(message: Message) -> None:
        await received.put(message)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)

    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Live")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    await bots("bob", dispatcher=dispatcher)
    sent = await alice.send_message(chat_id, "ping")
    message = await asyncio.wait_for(received.get(), 5)
    assert (message.message_id, message.text, message.author.id) == (
        sent.message_id,
        "ping",
        "alice@emulator.local",
    )


async def test_empty_text_is_refused(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Empty")).chat_id
    assert await _code(alice(SendMessage(chat_id=chat_id, text="", parse_mode="text"))) == 399


async def test_remove_message_for_oneself_only(bots: BotFactory) -> None:
    chat_id, (alice, bob) = await _group_with(bots, "bob")
    sent = await alice.send_message(chat_id, "hide it from me")
    await bob.remove_message(sent.message_id, for_all=False)
    assert (await bob.get_chat_history(chat_id, 10)).messages[0].message_id != sent.message_id
    assert (await alice.get_chat_history(chat_id, 10)).messages[0].message_id == sent.message_id
