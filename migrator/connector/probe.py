"""The probe's operations on a real server (``migrator.probe.server.ProbeServer``).

A separate block of the connector: one ``AuthorSession`` per (login, connection name), so that one
user can hold two sockets at once. The server's refusals, and a change left without an answer,
become ``ProbeRefused`` (the check that made it reports it); a read is tried again after no answer
or a transient error.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from trueconf import Bot
from trueconf.enums import ParseMode
from trueconf.exceptions import ApiErrorException, FileUploadError
from trueconf.methods.get_chat_history import GetChatHistory
from trueconf.methods.get_chats import GetChats
from trueconf.methods.get_message_by_id import GetMessageById
from trueconf.methods.send_file import SendFile

from migrator.connector.failures import ConnectionDropped, SessionUnavailable
from migrator.connector.model import UploadSource
from migrator.connector.session import AuthorSession, Credentials, ServerTarget, SessionsShared
from migrator.connector.upload import Uploader
from migrator.errors import AuthError
from migrator.i18n import tr
from migrator.probe.server import MAIN, JsonDict, ListedChat, ProbeRefused

T = TypeVar("T")
CHATS_PAGE = 100
READ_ATTEMPTS = 4
# Answers after which a read is simply asked again (connection, internal error, timeout, busy).
TRANSIENT_CODES = frozenset({100, 101, 300, 301, 429, 503})
NO_ANSWER = "no answer: the connection was lost (the request may have been applied)"


class _RawHistory(GetChatHistory):
    __returning__ = dict  # type: ignore[assignment]


class _RawChats(GetChats):
    __returning__ = dict  # type: ignore[assignment]


class _RawMessage(GetMessageById):
    __returning__ = dict  # type: ignore[assignment]


async def _signed_in(bot: Bot) -> None:
    """No request: the session is connected and signed in once this returns."""
    del bot


def _chats_page(number: int) -> Callable[[Bot], Awaitable[Any]]:
    return lambda bot: bot(_RawChats(count=CHATS_PAGE, page=number))


class _WatchedSession(AuthorSession):
    """An author session that remembers when its socket was dropped."""

    def __init__(
        self,
        target: ServerTarget,
        credentials: Credentials,
        shared: SessionsShared,
    ) -> None:
        super().__init__(target, credentials, shared)
        self.dropped_at: float | None = None
        self.drop = asyncio.Event()

    async def _on_health(self, status: Mapping[str, Any]) -> None:
        if status.get("status") == "disconnected" and not self.drop.is_set():
            self.dropped_at = time.monotonic()
            self.drop.set()
        await super()._on_health(status)


class ProbeConnector:
    """``ProbeServer`` over the official client library."""

    def __init__(
        self, target: ServerTarget, credentials: Mapping[str, Credentials], *, owner: str
    ) -> None:
        self._target = target
        self._owner = owner
        self._credentials = dict(credentials)
        self._sessions: dict[tuple[str, str], _WatchedSession] = {}
        self._shared = SessionsShared(target.verify)
        self._uploader = Uploader(target)
        self._files = tempfile.TemporaryDirectory(prefix="tg2trueconf-probe-")

    # -- plumbing --------------------------------------------------------------------------------

    def _session(self, login: str, connection: str) -> _WatchedSession:
        key = (login, connection)
        if key not in self._sessions:
            creds = self._credentials.get(login) or Credentials(login)
            self._sessions[key] = _WatchedSession(self._target, creds, self._shared)
        return self._sessions[key]

    async def _call(
        self, login: str, request: Callable[[Bot], Awaitable[T]], *, connection: str = MAIN
    ) -> T:
        """A request that changes the server: once."""
        try:
            return await self._session(login, connection).call(request)
        except ApiErrorException as exc:
            raise ProbeRefused(int(exc.code), str(exc.detail)) from exc
        except SessionUnavailable as exc:
            if exc.login == self._owner:
                raise AuthError(
                    tr("sender.owner_cannot_sign_in", login=exc.login, reason=exc.reason),
                    hint=tr("sender.owner_cannot_sign_in_hint"),
                ) from exc
            raise AuthError(
                tr("sender.cannot_sign_in_error", login=exc.login, reason=exc.reason),
                hint=tr("probe_run.cannot_sign_in_hint"),
            ) from exc
        except (ConnectionDropped, TimeoutError) as exc:
            raise ProbeRefused(None, NO_ANSWER) from exc

    async def _read(
        self, login: str, request: Callable[[Bot], Awaitable[T]], *, connection: str = MAIN
    ) -> T:
        """A request that only reads: again after no answer or a transient error."""
        for _ in range(READ_ATTEMPTS - 1):
            try:
                return await self._call(login, request, connection=connection)
            except ProbeRefused as exc:
                if exc.code is not None and exc.code not in TRANSIENT_CODES:
                    raise
                await asyncio.sleep(0.5)
        return await self._call(login, request, connection=connection)

    async def aclose(self) -> None:
        sessions = list(self._sessions.values())
        self._sessions.clear()
        await self._shared.acknowledgements.aclose()
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
        await self._uploader.aclose()
        self._files.cleanup()

    # -- ProbeServer -----------------------------------------------------------------------------

    async def server_version(self) -> str | None:
        version = await self._read(self._owner, lambda bot: bot.server_version)
        return str(version) if version else None

    async def my_id(self, login: str) -> str:
        session = self._session(login, MAIN)
        await self._read(login, _signed_in)
        return session.user_id

    async def list_chats(self, login: str) -> list[ListedChat]:
        found: dict[str, ListedChat] = {}
        page = 1
        while True:
            payload = await self._read(login, _chats_page(page))
            chats = payload.get("chats", []) if isinstance(payload, dict) else payload
            fresh = [
                ListedChat(str(c["chatId"]), str(c.get("title") or ""), int(c.get("chatType") or 0))
                for c in (chats if isinstance(chats, list) else [])
                if isinstance(c, dict) and "chatId" in c and str(c["chatId"]) not in found
            ]
            if not fresh:
                return list(found.values())
            found.update((chat.chat_id, chat) for chat in fresh)
            page += 1

    async def create_group(self, login: str, title: str) -> str:
        response = await self._call(login, lambda bot: bot.create_group_chat(title))
        return str(response.chat_id)

    async def create_channel(self, login: str, title: str) -> str:
        response = await self._call(login, lambda bot: bot.create_channel(title))
        return str(response.chat_id)

    async def create_personal(self, login: str, peer: str) -> str:
        response = await self._call(login, lambda bot: bot.create_personal_chat(peer))
        return str(response.chat_id)

    async def add_participant(self, login: str, chat_id: str, user: str) -> None:
        await self._call(
            login, lambda bot: bot.add_participant_to_chat(chat_id, user, display_history=True)
        )

    async def set_role(self, login: str, chat_id: str, user: str, role: str) -> None:
        await self._call(login, lambda bot: bot.change_participant_role(chat_id, user, role))

    async def send_text(self, login: str, chat_id: str, html: str) -> str:
        response = await self._call(
            login, lambda bot: bot.send_message(chat_id, html, ParseMode.HTML)
        )
        return str(response.message_id)

    async def send_texts_together(
        self, login: str, chat_id: str, htmls: Sequence[str]
    ) -> list[str]:
        async def together(bot: Bot) -> list[str]:
            sends = [bot.send_message(chat_id, html, ParseMode.HTML) for html in htmls]
            return [str(r.message_id) for r in await asyncio.gather(*sends)]

        return await self._call(login, together)

    async def upload(self, login: str, *, name: str, data: bytes, connection: str = MAIN) -> str:
        path = Path(self._files.name) / name
        path.write_bytes(data)
        session = self._session(login, connection)
        try:
            return await self._uploader.upload(session, UploadSource(path, name, "text/plain"))
        except ApiErrorException as exc:
            raise ProbeRefused(int(exc.code), str(exc.detail)) from exc
        except FileUploadError as exc:
            raise ProbeRefused(None, str(exc)) from exc

    async def send_file(
        self,
        login: str,
        chat_id: str,
        temporal_id: str,
        *,
        caption: str | None = None,
        connection: str = MAIN,
    ) -> tuple[str, str | None]:
        request = SendFile(
            chat_id=chat_id,
            temporal_file_id=temporal_id,
            text=caption,
            parse_mode=ParseMode.HTML.value if caption else None,
        )
        response = await self._call(login, lambda bot: bot(request), connection=connection)
        caption_id = response.caption_message_id
        return str(response.message_id), str(caption_id) if caption_id else None

    async def history_page(
        self, login: str, chat_id: str, *, count: int, from_id: str | None = None
    ) -> list[JsonDict]:
        payload = await self._read(
            login,
            lambda bot: bot(_RawHistory(chat_id=chat_id, count=count, from_message_id=from_id)),
        )
        messages = payload.get("messages") if isinstance(payload, dict) else None
        return [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []

    async def message_by_id(self, login: str, message_id: str) -> JsonDict:
        payload = await self._read(login, lambda bot: bot(_RawMessage(message_id=message_id)))
        return payload if isinstance(payload, dict) else {}

    async def role_in(self, login: str, chat_id: str) -> str | None:
        me = await self.my_id(login)
        response = await self._read(login, lambda bot: bot.get_chat_participant(chat_id, me))
        role = getattr(response, "role", None)
        return None if role is None else str(getattr(role, "value", role))

    async def remove_chat(self, login: str, chat_id: str) -> None:
        await self._call(login, lambda bot: bot.delete_chat(chat_id))

    async def reconnect(self, login: str, *, connection: str = MAIN) -> None:
        session = self._session(login, connection)
        await session.close()
        await self._read(login, _signed_in, connection=connection)

    async def idle(self, login: str, seconds: float, *, connection: str) -> float | None:
        session = self._session(login, connection)
        await self._read(login, _signed_in, connection=connection)
        started = time.monotonic()
        session.drop.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(session.drop.wait(), timeout=seconds)
        dropped_at = session.dropped_at if session.drop.is_set() else None
        await self.close(login, connection=connection)
        return None if dropped_at is None else dropped_at - started

    async def close(self, login: str, *, connection: str = MAIN) -> None:
        session = self._sessions.pop((login, connection), None)
        if session is not None:
            await session.close()
