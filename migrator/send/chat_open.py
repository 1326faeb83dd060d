"""Opening the TrueConf chat of a migration: the one the ledger knows, or a new one created exactly
once whatever stops the run; then every participant admitted."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from migrator import retry
from migrator.config.model import ChatType
from migrator.connector import Connector, ListedChat, SessionUnavailable, list_chats
from migrator.errors import ServerError
from migrator.i18n import tr
from migrator.ledger import ChatCreation, ChatLedger
from migrator.send.chat_setup import (
    ChatSpec,
    chat_title,
    chats_named,
    creation_name,
    participants_to_admit,
    role_of,
)
from migrator.send.failures import owner_error, reauthenticate_or_fail, server_error

log = logging.getLogger(__name__)
ADMITS_IN_FLIGHT = 8  # adds of participants sent together on the owner's connection


async def _repeat_is_harmless() -> None:
    """The reconciliation of an idempotent change (admitting, giving a role): nothing to look
    for, repeating it cannot do harm."""
    return None


class ChatOpener:
    """Opens one chat for the owner with the one retry policy."""

    def __init__(
        self,
        *,
        connector: Connector,
        ledger: ChatLedger,
        spec: ChatSpec,
        backoff: retry.Backoff,
    ) -> None:
        self.connector = connector
        self.ledger = ledger
        self.spec = spec
        self.backoff = backoff

    async def open(self, on_refused: Callable[[str, str], None]) -> str:
        """Reuse the chat the ledger knows, or create it; then admit every participant.

        A participant the server refuses for good (no such account, …) does not stop the run:
        ``on_refused(login, the server's reason)`` is called and the next one is admitted.
        """
        try:
            chat_id = self.ledger.chat_id()
            if chat_id is None:
                chat_id = await self._create_chat()
                self.ledger.set_chat_id(chat_id)
            for login, refusal in await self._admit_all(chat_id, participants_to_admit(self.spec)):
                if refusal is not None:
                    on_refused(login, refusal)
        except SessionUnavailable as exc:  # the owner: the only account acting here
            raise owner_error(exc) from exc
        return chat_id

    async def _admit_all(self, chat_id: str, logins: list[str]) -> list[tuple[str, str | None]]:
        """Every participant admitted; each with the server's reason when it refuses for good.

        The adds go out together, ``ADMITS_IN_FLIGHT`` at a time (a round trip for the lot
        instead of one each: their order does not matter, and repeating one is harmless). One
        that failed is admitted again afterwards on its own under the retry policy, so that a
        token refused to all of them is renewed once, not once by each.
        """
        owner = self.spec.owner
        gate = asyncio.Semaphore(ADMITS_IN_FLIGHT)

        async def first_try(login: str) -> None:
            async with gate:
                await self.connector.add_participant(owner, chat_id, login)

        tried = await asyncio.gather(*map(first_try, logins), return_exceptions=True)
        admitted: list[tuple[str, str | None]] = []
        for login, failure in zip(logins, tried, strict=True):
            if failure is None:
                admitted.append((login, await self._give_role(chat_id, login)))
            elif not isinstance(failure, retry.ServerFailure):
                raise failure
            elif failure.kind is retry.FailureKind.REFUSED:
                admitted.append((login, failure.reason))
            else:
                admitted.append((login, await self._admit(chat_id, login)))
        return admitted

    async def _admit(self, chat_id: str, login: str) -> str | None:
        """Add one participant (and the role a channel author needs); the server's reason when
        it refuses for good, else None."""
        owner = self.spec.owner
        refusal = await self._refusal(lambda: self.connector.add_participant(owner, chat_id, login))
        return refusal if refusal is not None else await self._give_role(chat_id, login)

    async def _give_role(self, chat_id: str, login: str) -> str | None:
        """The role a channel author needs, once admitted (the server's reason when it refuses
        for good)."""
        owner = self.spec.owner
        role = role_of(self.spec, login)
        if role is None:
            return None
        return await self._refusal(lambda: self.connector.set_role(owner, chat_id, login, role))

    async def _refusal(self, op: Callable[[], Awaitable[None]]) -> str | None:
        """Run a change under the retry policy: the server's reason when it refuses for good,
        else None."""
        try:
            await self._change(op)
        except retry.Refused as exc:
            return exc.reason
        except retry.GaveUp as exc:
            raise server_error(tr("chat_setup.setup_failed"), exc) from exc
        return None

    async def _change(self, op: Callable[[], Awaitable[None]]) -> None:
        await retry.change(
            op,
            self.backoff,
            reconcile=_repeat_is_harmless,
            reauthenticate=self._reauthenticate,
        )

    async def _create_chat(self) -> str:
        """Create the chat exactly once, whatever stops the run or loses the server's answer.

        ``creating`` is committed first, with the ids of the owner's chats that already bear the
        title; after a crash (the marker is still there) or an unknown outcome, the chat is looked
        for among the owner's chats before another is created.
        """
        marker = self.ledger.creation()
        if marker is not None:
            adopted = await self._find_created(marker)
            if adopted is not None:
                return adopted
        title = chat_title(self.spec.title)
        name = creation_name(self.spec)
        existing = [chat.chat_id for chat in await self._listed(title)]
        self.ledger.mark_creating(
            title=title, chat_type=self.spec.type.value, existing_ids=existing
        )

        async def created_meanwhile() -> str | None:
            marker = self.ledger.creation()
            found = await self._find_created(marker) if marker is not None else None
            if found is not None:
                log.info("the chat was created although its answer was lost")
            return found

        try:
            chat_id = await retry.change(
                lambda: self.connector.create_chat(self.spec.owner, self.spec.type, name),
                self.backoff,
                reconcile=created_meanwhile,
                reauthenticate=self._reauthenticate,
            )
        except retry.Refused as exc:
            peer = self.spec.personal_peer if self.spec.type is ChatType.PERSONAL else None
            if peer is not None:
                raise ServerError(
                    tr("chat_setup.personal_failed", peer=peer, reason=exc.reason),
                    hint=tr("chat_setup.personal_failed_hint", peer=peer),
                ) from exc
            raise server_error(tr("chat_setup.create_failed"), exc) from exc
        except retry.GaveUp as exc:
            raise server_error(tr("chat_setup.create_failed"), exc) from exc
        log.info("created %s chat %s", self.spec.type.value, chat_id)
        return chat_id

    async def _listed(self, title: str) -> list[ListedChat]:
        """The owner's chats bearing ``title`` with our type (none for a personal chat: the
        server names a P2P chat after the other person, and gives back the existing one when
        it is created again)."""
        if self.spec.type is ChatType.PERSONAL:
            return []
        try:
            chats = await list_chats(self.connector, self.spec.owner, backoff=self.backoff)
        except retry.RetryFailed as exc:
            raise server_error(tr("chat_setup.setup_failed"), exc) from exc
        return chats_named(chats, title, self.spec.type)

    async def _find_created(self, marker: ChatCreation) -> str | None:
        """The chat a ``creating`` marker stands for, if the server has it: a chat with the
        marker's title and type that was not there before and that no Telegram chat of the
        ledger claims. Nothing is posted before the chat id is recorded, so it holds none of
        our posts; a chat someone else posted in is taken only when no empty one is there.
        A personal chat is never looked for: createP2PChat gives back the existing one."""
        if self.spec.type is ChatType.PERSONAL and marker.chat_type == ChatType.PERSONAL.value:
            return None
        if marker.title != chat_title(self.spec.title) or marker.chat_type != self.spec.type.value:
            log.warning(
                "%s",
                tr(
                    "warn.marker_other_chat",
                    old_type=marker.chat_type,
                    old_title=marker.title,
                    new_type=self.spec.type.value,
                    new_title=chat_title(self.spec.title),
                ),
            )
            return None
        claimed = self.ledger.claimed_chat_ids() | marker.existing_ids
        candidates = [c for c in await self._listed(marker.title) if c.chat_id not in claimed]
        if not candidates:
            return None
        candidates.sort(key=lambda chat: chat.has_messages)  # stable: empty ones first
        chosen = candidates[0]
        if len(candidates) > 1:
            log.warning(
                "%s",
                tr(
                    "warn.several_new_chats",
                    count=len(candidates),
                    title=marker.title,
                    chat_id=chosen.chat_id,
                ),
            )
        log.info("chat %s was created before its id was recorded: using it", chosen.chat_id)
        return chosen.chat_id

    async def _reauthenticate(self) -> None:
        await reauthenticate_or_fail(self.connector, self.spec.owner)
