"""A small in-memory server behind the ``Connector`` interface, to drive the sender through the
protocol's corner cases (as httpx tests drive a client through ``MockTransport``).

Each method may be scripted to misbehave on its next calls (``fail``): ``applied_301`` and
``applied_drop`` apply the request and then fail with an unknown outcome; ``lost`` fails before
anything happens; ``refused`` is a definite refusal. Server habits are switches: pages capped,
an inclusive ``fromMessageId`` anchor, LDAP-style author ids in mixed case, stored text
normalised, a file and its caption in one box with equal timestamps.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from migrator.config.model import ChatType
from migrator.connector import SERVER_CHAT_TYPE, ListedChat, SentFile, ServerLimits, ServerMessage
from migrator.connector.model import UploadSource
from migrator.retry import FailureKind, ServerFailure

T = TypeVar("T")
_ATTRIBUTES = re.compile(r"<(\w+)\s[^>]*>")
_BREAK = re.compile(r"<br\s*/?>")


def normalised(html: str) -> str:
    """Stored as a sanitising server might: attributes dropped, <br> a newline, spaces collapsed,
    apostrophes as entities."""
    text = _BREAK.sub("\n", _ATTRIBUTES.sub(r"<\1>", html))
    return re.sub(r"[ \t]+", " ", text).replace("'", "&#39;").strip()


@dataclass
class FakeServer:
    page_cap: int | None = None
    chats_page_cap: int | None = None
    inclusive_anchor: bool = False
    ldap_ids: bool = False
    normalise_text: bool = False
    shared_box: bool = False
    frame_limit: int | None = None  # a page holding more characters is "too big": socket drops
    chats: dict[str, tuple[ChatType, str, list[ServerMessage]]] = field(default_factory=dict)
    script: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    uploads: dict[str, tuple[str, int]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _box: int = 0

    def fail(self, method: str, *actions: str) -> None:
        self.script[method].extend(actions)

    def author_id(self, login: str) -> str:
        return f"EXAMPLE\\{login.title()}@srv" if self.ldap_ids else f"{login}@srv"

    def messages(self, chat_id: str) -> list[ServerMessage]:
        return self.chats[chat_id][2]

    def next_id(self) -> str:
        return f"m{next(self._ids)}"


class FakeConnector:
    def __init__(self, server: FakeServer, logins: tuple[str, ...]) -> None:
        self.server = server
        self.logins = logins

    def can_sign_in(self, login: str) -> bool:
        return login in self.logins

    async def open(self, login: str) -> None:
        return None

    async def open_ahead(self, logins: Sequence[str]) -> None:
        return None

    async def my_id(self, login: str) -> str:
        # The session's own id in the server's format, but not in the letter case of history.
        return self.server.author_id(login).lower()

    async def reauthenticate(self, login: str) -> None:
        return None

    async def create_chat(self, login: str, chat_type: ChatType, name: str) -> str:
        def create() -> str:
            chat_id = f"chat{len(self.server.chats) + 1}"
            self.server.chats[chat_id] = (chat_type, name, [])
            return chat_id

        return self._change("create_chat", create)

    async def list_chats_page(self, login: str, *, count: int, page: int) -> list[ListedChat]:
        self._read("list_chats_page")
        size = min(count, self.server.chats_page_cap or count)
        listed = [
            ListedChat(chat_id, title, SERVER_CHAT_TYPE[kind], bool(messages))
            for chat_id, (kind, title, messages) in self.server.chats.items()
        ]
        return listed[(page - 1) * size : page * size]

    async def add_participant(self, login: str, chat_id: str, user: str) -> None:
        self._change("add_participant", lambda: None)

    async def set_role(self, login: str, chat_id: str, user: str, role: str) -> None:
        self._change("set_role", lambda: None)

    async def send_text(self, login: str, chat_id: str, html: str, *, reply_to: str | None) -> str:
        return self._change("send_text", lambda: self._store(chat_id, login, text=html))

    async def upload(self, login: str, source: UploadSource) -> str:
        temporal = f"t{next(self.server._ids)}"
        self.server.uploads[temporal] = (source.file_name, len(source.path.read_bytes()))
        return temporal

    async def send_file(
        self,
        login: str,
        chat_id: str,
        temporal_id: str,
        *,
        caption: str | None,
        reply_to: str | None,
    ) -> SentFile:
        def send() -> SentFile:
            name, size = self.server.uploads[temporal_id]
            file_id = self._store(chat_id, login, file=(name, size))
            caption_id = (
                self._store(chat_id, login, text=caption, same_box=True) if caption else None
            )
            return SentFile(file_id, caption_id)

        return self._change("send_file", send)

    async def history_page(
        self, login: str, chat_id: str, *, count: int, from_id: str | None
    ) -> list[ServerMessage]:
        self._read("history_page")
        messages = self.server.messages(chat_id)
        end = len(messages)
        if from_id is not None:
            end = next(i for i, m in enumerate(messages) if m.message_id == from_id)
            end += 1 if self.server.inclusive_anchor else 0
        size = min(count, self.server.page_cap or count)
        page = list(reversed(messages[max(0, end - size) : end]))
        limit = self.server.frame_limit
        if limit is not None and sum(len(m.text or "") for m in page) > limit:
            raise ServerFailure(FailureKind.UNKNOWN, "ConnectionDropped: closed with 1009")
        return page

    async def message_exists(self, login: str, message_id: str) -> bool:
        self._read("message_exists")
        return any(
            m.message_id == message_id
            for _, _, messages in self.server.chats.values()
            for m in messages
        )

    async def upload_limits(self, login: str) -> ServerLimits:
        return ServerLimits(None, None, None, ())

    def _read(self, method: str) -> None:
        self.server.calls[method] += 1
        actions = self.server.script[method]
        if actions and actions.pop(0) == "lost":
            raise ServerFailure(FailureKind.UNKNOWN, "ConnectionDropped: closed before the answer")

    def _change(self, method: str, apply: Callable[[], T]) -> T:
        self.server.calls[method] += 1
        actions = self.server.script[method]
        action = actions.pop(0) if actions else None
        if action == "refused":
            raise ServerFailure(
                FailureKind.REFUSED, "server error 303: Not enough rights", code=303
            )
        if action == "lost":
            raise ServerFailure(FailureKind.UNKNOWN, "ConnectionDropped: closed before the request")
        result = apply()
        if action == "applied_301":
            raise ServerFailure(
                FailureKind.UNKNOWN, "server error 301: Operation timeout", code=301
            )
        if action == "applied_drop":
            raise ServerFailure(FailureKind.UNKNOWN, "ConnectionDropped: closed before the answer")
        return result

    def _store(
        self,
        chat_id: str,
        login: str,
        *,
        text: str | None = None,
        file: tuple[str, int] | None = None,
        same_box: bool = False,
    ) -> str:
        server = self.server
        messages = server.messages(chat_id)
        shared = same_box and server.shared_box and messages
        if not shared:
            server._box += 1
        message = ServerMessage(
            message_id=server.next_id(),
            author=server.author_id(login),
            type=200 if file is None else 202,
            box_id=server._box,
            box_position="1" if shared else "0",
            timestamp=1_700_000_000 + (server._box if server.shared_box else len(messages)),
            text=(normalised(text) if server.normalise_text else text) if text else None,
            file_name=file[0] if file else None,
            file_size=file[1] if file else None,
        )
        messages.append(message)
        return message.message_id
