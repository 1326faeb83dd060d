"""Scratch chats: titled so that nobody mistakes them, and removed afterwards, also when an
earlier probe was killed before it could remove its own."""

from __future__ import annotations

import logging
from datetime import datetime

from migrator.i18n import tr
from migrator.probe.server import ListedChat, ProbeRefused, ProbeServer

log = logging.getLogger(__name__)

PREFIX = "tg2trueconf probe"
GROUP, CHANNEL = 2, 6
CHAT_NOT_FOUND = 304
OWNER = "owner"
REMOVE_ATTEMPTS = 3


def scratch_title(started: datetime, purpose: str) -> str:
    """E.g. ``tg2trueconf probe 2026-12-01 10:15 history``."""
    return f"{PREFIX} {started:%Y-%m-%d %H:%M} {purpose}"


def is_scratch(chat: ListedChat) -> bool:
    return chat.chat_type in (GROUP, CHANNEL) and chat.title.startswith(PREFIX + " ")


class ScratchChats:
    """The scratch chats of one probe run, all created and removed by ``owner``."""

    def __init__(self, server: ProbeServer, owner: str, started: datetime) -> None:
        self._server = server
        self._owner = owner
        self._started = started
        self._created: dict[str, str] = {}  # chat id → title
        self._handled: set[str] = set()  # removed, or tried and left
        self.removed = 0
        self.left: list[str] = []

    async def group(self, purpose: str) -> str:
        return await self._create(purpose, GROUP)

    async def channel(self, purpose: str) -> str:
        return await self._create(purpose, CHANNEL)

    async def _create(self, purpose: str, chat_type: int) -> str:
        title = scratch_title(self._started, purpose)
        create = self._server.create_channel if chat_type == CHANNEL else self._server.create_group
        try:
            chat_id = await create(self._owner, title)
        except ProbeRefused as exc:
            if not exc.unsure:
                raise
            listed = [c for c in await self._server.list_chats(self._owner) if c.title == title]
            chat_id = listed[0].chat_id if listed else await create(self._owner, title)
        self._created[chat_id] = title
        return chat_id

    def adopt(self, chat_id: str, title: str) -> None:
        """A chat the probe created by other means (a personal chat) to remove at the end."""
        self._created[chat_id] = title

    async def remove_leftovers(self) -> None:
        """Remove the scratch chats this owner owns (left by a probe that was killed); one that
        someone else owns (their own probe) is left alone."""
        for chat in await self._server.list_chats(self._owner):
            fresh = chat.chat_id not in self._created and chat.chat_id not in self._handled
            if is_scratch(chat) and fresh and await self._owns(chat):
                await self._remove(chat.chat_id, chat.title)

    async def _owns(self, chat: ListedChat) -> bool:
        try:
            return await self._server.role_in(self._owner, chat.chat_id) == OWNER
        except ProbeRefused as exc:
            log.info("scratch chat %s (%s) skipped: %s", chat.chat_id, chat.title, exc)
            return False

    async def remove_all(self) -> None:
        for chat_id, title in list(self._created.items()):
            await self._remove(chat_id, title)
        self._created.clear()

    async def _remove(self, chat_id: str, title: str) -> None:
        self._handled.add(chat_id)
        for attempt in range(REMOVE_ATTEMPTS):
            try:
                await self._server.remove_chat(self._owner, chat_id)
            except ProbeRefused as exc:
                if exc.code == CHAT_NOT_FOUND and attempt > 0:
                    break  # the unanswered attempt before had removed it
                if exc.unsure and attempt < REMOVE_ATTEMPTS - 1:
                    continue
                log.warning("%s", tr("warn.scratch_left", chat_id=chat_id, title=title, error=exc))
                self.left.append(title)
                return
            break
        self.removed += 1
