"""Opening the TrueConf chat of a migration: the one the ledger knows, or a new one created exactly
once whatever stops the run; then every participant admitted."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from migrator.config.model import ChatType
from migrator.errors import ServerError
from migrator.ledger import ChatCreation, ChatLedger
from migrator.send.chat_setup import (
    ChatSpec,
    ListedChat,
    admit_participant,
    chat_title,
    chats_named,
    create_chat,
    participants_to_admit,
)
from migrator.send.failures import owner_error, reauthenticate_or_fail, server_error
from migrator.send.retry import Backoff, Outcome, SessionUnavailable, classify, describe
from migrator.send.session import AuthorSession, SessionPool

log = logging.getLogger(__name__)

PauseFn = Callable[[int, BaseException], Awaitable[None]]


class ChatOpener:
    """Opens one chat for the owner; retries and pauses as the sender does."""

    def __init__(
        self,
        *,
        pool: SessionPool,
        ledger: ChatLedger,
        spec: ChatSpec,
        backoff: Backoff,
        pause: PauseFn,
    ) -> None:
        self.pool = pool
        self.ledger = ledger
        self.spec = spec
        self.backoff = backoff
        self._pause = pause

    async def open(self, on_refused: Callable[[str, str], None]) -> str:
        """Reuse the chat the ledger knows, or create it; then admit every participant.

        A participant the server refuses for good (no such account, …) does not stop the run:
        ``on_refused(login, the server's reason)`` is called and the next one is admitted.
        """
        chat_id = self.ledger.chat_id()
        async with self.pool.lease(self.spec.owner) as owner:
            if chat_id is None:
                chat_id = await self._create_chat(owner)
                self.ledger.set_chat_id(chat_id)
            for login in participants_to_admit(self.spec):
                refusal = await self._admit(owner, chat_id, login)
                if refusal is not None:
                    on_refused(login, refusal)
        return chat_id

    async def _admit(self, owner: AuthorSession, chat_id: str, login: str) -> str | None:
        """Add one participant; the server's reason when it refuses for good, else None."""
        for attempt in range(self.backoff.attempts):
            try:
                await admit_participant(owner, chat_id, self.spec, login)
                return None
            except SessionUnavailable as exc:
                raise owner_error(exc) from exc
            except Exception as exc:
                outcome = classify(exc)
                if outcome is Outcome.DEFINITIVE:
                    return describe(exc)
                if attempt == self.backoff.attempts - 1:
                    raise server_error("Setting up the chat failed", exc) from exc
                if outcome is Outcome.AUTH:
                    await reauthenticate_or_fail(owner)
                await self._pause(attempt, exc)
        raise AssertionError("unreachable")

    async def _create_chat(self, owner: AuthorSession) -> str:
        """Create the chat exactly once, whatever stops the run or loses the server's answer.

        ``creating`` is committed first, with the ids of the owner's chats that already bear the
        title; after a crash (the marker is still there) or a lost answer, the chat is looked
        for among the owner's chats before another is created.
        """
        marker = self.ledger.creation()
        if marker is not None:
            adopted = await self._find_created(owner, marker)
            if adopted is not None:
                return adopted
        title = chat_title(self.spec.title)
        existing = [chat.chat_id for chat in await self._listed(owner, title)]
        self.ledger.mark_creating(
            title=title, chat_type=self.spec.type.value, existing_ids=existing
        )
        for attempt in range(self.backoff.attempts):
            try:
                chat_id = await create_chat(owner, self.spec)
            except SessionUnavailable as exc:
                raise owner_error(exc) from exc
            except Exception as exc:
                found = await self._creation_failed(owner, attempt, exc)
                if found is not None:
                    return found
                continue
            return chat_id
        raise AssertionError("unreachable")

    async def _creation_failed(
        self, owner: AuthorSession, attempt: int, exc: Exception
    ) -> str | None:
        """After a failed ``create`` request: raise if it is final; else the chat id if the
        server created the chat although its answer was lost, or None (after the pause) to try
        again."""
        outcome = classify(exc)
        peer = self.spec.personal_peer if self.spec.type is ChatType.PERSONAL else None
        if outcome is Outcome.DEFINITIVE and peer is not None:
            raise ServerError(
                f"Creating the personal chat with {peer!r} failed: {describe(exc)}",
                hint=f"check that {peer} has a TrueConf account (add_users_to_server.py "
                "creates the accounts of [users])",
            ) from exc
        if outcome is Outcome.DEFINITIVE or attempt == self.backoff.attempts - 1:
            raise server_error("Creating the chat failed", exc) from exc
        marker = self.ledger.creation()
        if outcome is Outcome.AMBIGUOUS and marker is not None:
            found = await self._find_created(owner, marker)
            if found is not None:
                log.info("the chat was created although its answer was lost")
                return found
        if outcome is Outcome.AUTH:
            await reauthenticate_or_fail(owner)
        await self._pause(attempt, exc)
        return None

    async def _listed(self, owner: AuthorSession, title: str) -> list[ListedChat]:
        """The owner's chats bearing ``title`` with our type (none for a personal chat: the
        server names a P2P chat after the other person, and gives back the existing one when
        it is created again)."""
        if self.spec.type is ChatType.PERSONAL:
            return []
        listed: list[ListedChat] = await self._with_retries(
            owner, lambda: chats_named(owner, title, self.spec.type)
        )
        return listed

    async def _find_created(self, owner: AuthorSession, marker: ChatCreation) -> str | None:
        """The chat a ``creating`` marker stands for, if the server has it: a chat with the
        marker's title and type that was not there before and that no Telegram chat of the
        ledger claims. Nothing is posted before the chat id is recorded, so it holds none of
        our posts; a chat someone else posted in is taken only when no empty one is there.
        A personal chat is never looked for: createP2PChat gives back the existing one."""
        if self.spec.type is ChatType.PERSONAL and marker.chat_type == ChatType.PERSONAL.value:
            return None
        if marker.title != chat_title(self.spec.title) or marker.chat_type != self.spec.type.value:
            log.warning(
                "an earlier run stopped while creating the %s chat %r; [chat] now asks for the "
                "%s chat %r, so that one is created (remove the other in TrueConf if it exists)",
                marker.chat_type,
                marker.title,
                self.spec.type.value,
                chat_title(self.spec.title),
            )
            return None
        claimed = self.ledger.claimed_chat_ids() | marker.existing_ids
        candidates = [
            c for c in await self._listed(owner, marker.title) if c.chat_id not in claimed
        ]
        if not candidates:
            return None
        candidates.sort(key=lambda chat: chat.has_messages)  # stable: empty ones first
        chosen = candidates[0]
        if len(candidates) > 1:
            log.warning(
                "%d new chats titled %r found after an interrupted run; using %s",
                len(candidates),
                marker.title,
                chosen.chat_id,
            )
        log.info("chat %s was created before its id was recorded: using it", chosen.chat_id)
        return chosen.chat_id

    async def _with_retries(self, owner: AuthorSession, op: Callable[[], Awaitable[Any]]) -> Any:
        for attempt in range(self.backoff.attempts):
            try:
                return await op()
            except SessionUnavailable as exc:
                raise owner_error(exc) from exc
            except Exception as exc:
                outcome = classify(exc)
                if outcome is Outcome.DEFINITIVE or attempt == self.backoff.attempts - 1:
                    raise server_error("Setting up the chat failed", exc) from exc
                if outcome is Outcome.AUTH:
                    await reauthenticate_or_fail(owner)
                await self._pause(attempt, exc)
        raise AssertionError("unreachable")
