"""Chats and participants through the official client: creation, roles, listing, removal."""

from __future__ import annotations

import pytest
from trueconf.enums import ChatParticipantRole
from trueconf.exceptions import ApiErrorException
from trueconf.methods import CreateChannel, CreateGroupChat

from tests.emulator.support import BotFactory

GROUP, P2P, CHANNEL = 2, 1, 6


async def _code(call: object) -> int:
    with pytest.raises(ApiErrorException) as caught:
        await call  # type: ignore[misc]
    return caught.value.code


async def test_create_group_chat_makes_the_creator_owner(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Отдел продаж")).chat_id
    info = await alice.get_chat_by_id(chat_id)
    assert (info.title, info.chat_type) == ("Отдел продаж", GROUP)
    participants = await alice.get_chat_participants(chat_id, page_size=10, page_number=1)
    assert [(p.user_id, p.role) for p in participants.participants] == [
        ("alice@emulator.local", ChatParticipantRole.OWNER)
    ]


async def test_create_channel(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_channel("News")).chat_id
    assert (await alice.get_chat_by_id(chat_id)).chat_type == CHANNEL


async def test_titles_over_256_characters_are_refused_by_the_server(bots: BotFactory) -> None:
    alice = await bots("alice")
    assert (await alice.create_group_chat("t" * 256)).chat_id
    assert await _code(alice(CreateGroupChat(title="t" * 257))) == 399
    assert await _code(alice(CreateChannel(title="t" * 257))) == 399


async def test_create_p2p_chat_returns_the_same_chat_for_the_same_pair(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    first = (await alice.create_personal_chat("bob")).chat_id
    again = (await bob.create_personal_chat("alice@emulator.local")).chat_id
    assert first == again
    assert (await bob.get_chat_by_id(first)).chat_type == P2P
    assert await _code(alice.create_personal_chat("nobody")) == 399


async def test_add_chat_participant(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Team")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    with pytest.warns(DeprecationWarning):  # the client deprecates the method, servers keep it
        assert (await alice.has_chat_participant(chat_id, "bob")).result is True
        assert (await alice.has_chat_participant(chat_id, "carol")).result is False
    assert await _code(alice.add_participant_to_chat(chat_id, "bob")) == 309
    assert await _code(alice.add_participant_to_chat(chat_id, "nobody")) == 399


async def test_only_owner_or_admin_adds_participants(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    chat_id = (await alice.create_group_chat("Team")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    assert await _code(bob.add_participant_to_chat(chat_id, "carol")) == 303
    await alice.change_participant_role(chat_id, "bob", ChatParticipantRole.ADMIN)
    await bob.add_participant_to_chat(chat_id, "carol")
    participant = await alice.get_chat_participant(chat_id, "carol")
    assert (participant.user_id, participant.role) == ("carol@emulator.local", "user")


async def test_history_before_joining_is_hidden_unless_display_history(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    carol = await bots("carol")
    chat_id = (await alice.create_group_chat("Team")).chat_id
    early = await alice.send_message(chat_id, "before anyone joined")
    await alice.add_participant_to_chat(chat_id, "bob", display_history=True)
    await alice.add_participant_to_chat(chat_id, "carol", display_history=False)
    bob_ids = {m.message_id for m in (await bob.get_chat_history(chat_id, 50)).messages}
    carol_ids = {m.message_id for m in (await carol.get_chat_history(chat_id, 50)).messages}
    assert early.message_id in bob_ids
    assert early.message_id not in carol_ids


async def test_change_participant_role_and_unknown_role(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_channel("News")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    await alice.change_participant_role(chat_id, "bob", ChatParticipantRole.WRITER)
    assert (await alice.get_chat_participant(chat_id, "bob")).role == ChatParticipantRole.WRITER
    assert await _code(alice.change_participant_role(chat_id, "bob", "emperor")) == 312
    assert await _code(alice.change_participant_role(chat_id, "carol", "writer")) == 305


async def test_get_chats_lists_only_the_callers_chats_newest_first(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    first = (await alice.create_group_chat("First")).chat_id
    second = (await alice.create_group_chat("Second")).chat_id
    await alice.send_message(second, "latest activity")
    await bob.create_group_chat("Bob's own")
    chats = (await alice.get_chats(count=10, page=1)).chats
    assert [c.chat_id for c in chats] == [second, first]
    assert chats[0].last_message is not None
    assert chats[0].last_message.content.text == "latest activity"
    assert [c.chat_id for c in (await alice.get_chats(count=1, page=2)).chats] == [first]


async def test_get_chat_by_id_errors(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    chat_id = (await alice.create_group_chat("Private")).chat_id
    assert await _code(alice.get_chat_by_id("missing")) == 304
    assert await _code(bob.get_chat_by_id(chat_id)) == 305


async def test_get_chat_participants_pages(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Team")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    await alice.add_participant_to_chat(chat_id, "carol")
    page2 = await alice.get_chat_participants(chat_id, page_size=2, page_number=2)
    assert [p.user_id for p in page2.participants] == ["carol@emulator.local"]


async def test_remove_chat_only_by_owner(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    chat_id = (await alice.create_group_chat("Short-lived")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    assert await _code(bob.delete_chat(chat_id)) == 303
    await alice.delete_chat(chat_id)
    assert await _code(alice.get_chat_by_id(chat_id)) == 304


async def test_edit_chat_title_and_display_name(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Old")).chat_id
    await alice.edit_chat_title(chat_id, "New")
    assert (await alice.get_chat_by_id(chat_id)).title == "New"
    assert (await alice.get_user_display_name("bob")).display_name == "Bob"


async def test_remove_participant(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    chat_id = (await alice.create_group_chat("Team")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    await alice.remove_participant_from_chat(chat_id, "bob")
    assert await _code(bob.get_chat_history(chat_id, 5)) == 305
    assert await _code(alice.remove_participant_from_chat(chat_id, "bob")) == 305


async def test_favorites_chat_is_personal_and_stable(bots: BotFactory) -> None:
    alice = await bots("alice")
    first = (await alice.create_favorites_chat()).chat_id
    assert (await alice.create_favorites_chat()).chat_id == first
    await alice.send_message(first, "note to self")
    assert (await alice.get_chat_by_id(first)).chat_type == 5


async def test_clear_history_for_everyone(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Scratch")).chat_id
    await alice.send_message(chat_id, "gone soon")
    await alice.clear_chat_history(chat_id, for_all=True)
    assert (await alice.get_chat_history(chat_id, 10)).messages == []


async def test_chat_activity_is_acknowledged(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Typing")).chat_id
    answer = await alice.send_chat_activity(chat_id, "typing")
    assert answer.retry_after > 0
