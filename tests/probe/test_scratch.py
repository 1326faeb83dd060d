"""Scratch chats against a fake server: which leftovers are removed, unsure answers."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

from migrator.probe.scratch import ScratchChats, is_scratch, scratch_title
from migrator.probe.server import ListedChat, ProbeRefused

STARTED = datetime(2026, 12, 1, 10, 15)


@dataclass
class FakeChat:
    title: str
    chat_type: int
    roles: dict[str, str]


@dataclass
class FakeServer:
    chats: dict[str, FakeChat] = field(default_factory=dict)
    fail_next_create: bool = False  # apply the creation, then answer 301
    fail_next_remove: bool = False  # apply the removal, then give no answer
    creations: int = 0

    async def list_chats(self, login: str) -> list[ListedChat]:
        return [
            ListedChat(chat_id, chat.title, chat.chat_type)
            for chat_id, chat in self.chats.items()
            if login in chat.roles
        ]

    async def role_in(self, login: str, chat_id: str) -> str | None:
        return self.chats[chat_id].roles.get(login)

    async def create_group(self, login: str, title: str) -> str:
        self.creations += 1
        chat_id = f"c{len(self.chats) + 1}"
        self.chats[chat_id] = FakeChat(title, 2, {login: "owner"})
        if self.fail_next_create:
            self.fail_next_create = False
            raise ProbeRefused(301, "Operation timeout")
        return chat_id

    async def remove_chat(self, login: str, chat_id: str) -> None:
        chat = self.chats.get(chat_id)
        if chat is None:
            raise ProbeRefused(304, "Chat not found")
        if chat.roles.get(login) != "owner":
            raise ProbeRefused(303, "Not enough rights")
        del self.chats[chat_id]
        if self.fail_next_remove:
            self.fail_next_remove = False
            raise ProbeRefused(None, "no answer")


def test_scratch_titles_are_recognised_only_with_the_prefix_and_a_group_or_channel() -> None:
    title = scratch_title(STARTED, "history")
    assert title == "tg2trueconf probe 2026-12-01 10:15 history"
    assert is_scratch(ListedChat("a", title, 2)) and is_scratch(ListedChat("b", title, 6))
    assert not is_scratch(ListedChat("c", title, 1))
    assert not is_scratch(ListedChat("d", "tg2trueconf probes 2026", 2))
    assert not is_scratch(ListedChat("e", "Team", 2))


def test_leftovers_removed_only_when_the_owner_owns_them() -> None:
    old = "tg2trueconf probe 2026-11-30 09:00 history"
    server = FakeServer(
        chats={
            "mine": FakeChat(old, 2, {"alice": "owner"}),
            "mine-channel": FakeChat(old, 6, {"alice": "owner", "bob": "writer"}),
            "theirs": FakeChat(old, 2, {"alice": "user", "carol": "owner"}),
            "team": FakeChat("Team", 2, {"alice": "owner"}),
            "personal": FakeChat(old, 1, {"alice": "user", "bob": "user"}),
        }
    )
    scratch = ScratchChats(server, "alice", STARTED)  # type: ignore[arg-type]
    asyncio.run(scratch.remove_leftovers())
    assert sorted(server.chats) == ["personal", "team", "theirs"]
    assert (scratch.removed, scratch.left) == (2, [])


def test_a_creation_answered_with_301_is_found_by_title_not_made_twice() -> None:
    server = FakeServer(fail_next_create=True)
    scratch = ScratchChats(server, "alice", STARTED)  # type: ignore[arg-type]
    chat_id = asyncio.run(scratch.group("history"))
    assert server.creations == 1
    assert server.chats[chat_id].title == scratch_title(STARTED, "history")


def test_an_unanswered_removal_is_tried_again_and_counted_once() -> None:
    server = FakeServer()
    scratch = ScratchChats(server, "alice", STARTED)  # type: ignore[arg-type]

    async def run() -> None:
        await scratch.group("texts")
        server.fail_next_remove = True
        await scratch.remove_all()
        await scratch.remove_leftovers()

    asyncio.run(run())
    assert server.chats == {}
    assert (scratch.removed, scratch.left) == (1, [])
