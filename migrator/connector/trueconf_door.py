"""``Connector`` through python-trueconf-bot: one session per author from a ``SessionPool``, file
uploads through one ``Uploader``; every library error leaves as a classified ``ServerFailure``.

History and chat lists are requested through the library but parsed from the raw payload
(``__returning__ = dict``): one message of a type the library does not know would otherwise make
the whole page fail.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from trueconf import Bot
from trueconf.enums import ParseMode
from trueconf.exceptions import ApiErrorException
from trueconf.methods.get_chat_history import GetChatHistory
from trueconf.methods.get_chats import GetChats
from trueconf.methods.send_file import SendFile
from trueconf.methods.send_message import SendMessage

from migrator.config.model import ChatType
from migrator.connector.failures import SessionUnavailable, server_failure
from migrator.connector.model import (
    ListedChat,
    SentFile,
    ServerLimits,
    ServerMessage,
    UploadSource,
    parse_listed_chat,
    parse_message,
)
from migrator.connector.session import SessionPool
from migrator.connector.upload import Uploader
from migrator.errors import MigratorError

T = TypeVar("T")
ALREADY_PARTICIPANT = 309
MESSAGE_NOT_FOUND = 306


class _RawChatHistory(GetChatHistory):
    __returning__ = dict  # type: ignore[assignment]


class _RawChats(GetChats):
    __returning__ = dict  # type: ignore[assignment]


@contextmanager
def _at_the_door() -> Iterator[None]:
    """Every failure of the library leaves classified; ours pass as they are."""
    try:
        yield
    except (SessionUnavailable, MigratorError):
        raise
    except Exception as exc:
        raise server_failure(exc) from exc


class TrueConfConnector:
    def __init__(self, pool: SessionPool, uploader: Uploader) -> None:
        self.pool = pool
        self.uploader = uploader

    def can_sign_in(self, login: str) -> bool:
        return self.pool.can_sign_in(login)

    async def open(self, login: str) -> None:
        with _at_the_door():
            async with self.pool.lease(login) as session:
                await session.open()

    async def open_ahead(self, logins: Sequence[str]) -> None:
        await self.pool.open_ahead(logins)

    async def my_id(self, login: str) -> str:
        with _at_the_door():
            async with self.pool.lease(login) as session:
                await session.open()
                return session.user_id

    async def reauthenticate(self, login: str) -> None:
        with _at_the_door():
            async with self.pool.lease(login) as session:
                await session.reauthenticate()

    async def create_chat(self, login: str, chat_type: ChatType, name: str) -> str:
        async def create(bot: Bot) -> str:
            if chat_type is ChatType.PERSONAL:
                return str((await bot.create_personal_chat(name)).chat_id)
            if chat_type is ChatType.CHANNEL:
                return str((await bot.create_channel(name)).chat_id)
            return str((await bot.create_group_chat(name)).chat_id)

        return await self._call(login, create)

    async def list_chats_page(self, login: str, *, count: int, page: int) -> list[ListedChat]:
        payload = await self._call(login, lambda bot: bot(_RawChats(count=count, page=page)))
        chats = payload.get("chats", []) if isinstance(payload, dict) else payload
        if not isinstance(chats, list):
            return []
        return [chat for chat in map(parse_listed_chat, chats) if chat is not None]

    async def add_participant(self, login: str, chat_id: str, user: str) -> None:
        async def add(bot: Bot) -> None:
            try:
                await bot.add_participant_to_chat(chat_id, user, display_history=True)
            except ApiErrorException as exc:
                if int(exc.code) != ALREADY_PARTICIPANT:
                    raise

        await self._call(login, add)

    async def set_role(self, login: str, chat_id: str, user: str, role: str) -> None:
        await self._call(login, lambda bot: bot.change_participant_role(chat_id, user, role))

    async def send_text(self, login: str, chat_id: str, html: str, *, reply_to: str | None) -> str:
        # The request itself, not ``bot.send_message``: that one measures the text's visible
        # length first (about a millisecond a post), which the planner has done already; a text
        # the server still finds too long is refused by it.
        request = SendMessage(
            chat_id=chat_id,
            text=html,
            parse_mode=ParseMode.HTML.value,
            reply_message_id=reply_to,
        )
        sent = await self._call(login, lambda bot: bot(request))
        return str(sent.message_id)

    async def upload(self, login: str, source: UploadSource) -> str:
        with _at_the_door():
            async with self.pool.lease(login) as session:
                return await self.uploader.upload(session, source)

    async def send_file(
        self,
        login: str,
        chat_id: str,
        temporal_id: str,
        *,
        caption: str | None,
        reply_to: str | None,
    ) -> SentFile:
        request = SendFile(
            chat_id=chat_id,
            temporal_file_id=temporal_id,
            text=caption or None,
            parse_mode=ParseMode.HTML.value if caption else None,
            reply_message_id=reply_to,
        )
        response = await self._call(login, lambda bot: bot(request))
        caption_id = response.caption_message_id
        return SentFile(str(response.message_id), str(caption_id) if caption_id else None)

    async def history_page(
        self, login: str, chat_id: str, *, count: int, from_id: str | None
    ) -> list[ServerMessage]:
        request = _RawChatHistory(chat_id=chat_id, count=count, from_message_id=from_id)
        payload = await self._call(login, lambda bot: bot(request))
        raw: list[Any] = payload.get("messages") or [] if isinstance(payload, dict) else []
        return [parse_message(m, arrival=i) for i, m in enumerate(raw) if isinstance(m, dict)]

    async def message_exists(self, login: str, message_id: str) -> bool:
        async def look_up(bot: Bot) -> bool:
            try:
                await bot.get_message_by_id(message_id)
            except ApiErrorException as exc:
                if int(exc.code) == MESSAGE_NOT_FOUND:
                    return False
                raise
            return True

        return await self._call(login, look_up)

    async def upload_limits(self, login: str) -> ServerLimits:
        async def fetch(bot: Bot) -> ServerLimits:
            limits = await bot.get_file_info_upload_limits()
            extensions = limits.extensions
            return ServerLimits(
                max_size=limits.max_size,
                pushed_size=bot.max_file_size,
                extensions_mode=extensions.mode if extensions else None,
                extensions=tuple(extensions.list if extensions else ()),
            )

        return await self._call(login, fetch)

    async def aclose(self) -> None:
        await self.uploader.aclose()
        await self.pool.aclose()

    async def _call(self, login: str, request: Callable[[Bot], Awaitable[T]]) -> T:
        with _at_the_door():
            async with self.pool.lease(login) as session:
                return await session.call(request)
