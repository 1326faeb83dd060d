"""What the probe needs from a TrueConf Server, as a protocol (the connector implements it).

Every operation takes the login that acts and, where one user needs two sockets at once, the
name of the connection (``"main"`` unless said otherwise). A refusal by the server is raised as
``ProbeRefused`` so that the checks never see the client library's types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

JsonDict = Mapping[str, Any]
MAIN = "main"
UNSURE_CODES = frozenset({300, 301})  # internal error, operation timeout


class ProbeRefused(Exception):
    """The server answered a request with an error (``code`` as it sent it)."""

    def __init__(self, code: int | None, detail: str) -> None:
        super().__init__(f"{code}: {detail}" if code is not None else detail)
        self.code = code
        self.detail = detail

    @property
    def unsure(self) -> bool:
        """No answer, or an error that says nothing of whether the request was applied."""
        return self.code is None or self.code in UNSURE_CODES


@dataclass(frozen=True, slots=True)
class ListedChat:
    chat_id: str
    title: str
    chat_type: int  # as getChats lists it: 1 personal, 2 group, 6 channel


class ProbeServer(Protocol):
    async def server_version(self) -> str | None: ...

    async def my_id(self, login: str) -> str: ...

    async def list_chats(self, login: str) -> list[ListedChat]: ...

    async def create_group(self, login: str, title: str) -> str: ...

    async def create_channel(self, login: str, title: str) -> str: ...

    async def create_personal(self, login: str, peer: str) -> str: ...

    async def add_participant(self, login: str, chat_id: str, user: str) -> None: ...

    async def set_role(self, login: str, chat_id: str, user: str, role: str) -> None: ...

    async def send_text(self, login: str, chat_id: str, html: str) -> str: ...

    async def send_texts_together(
        self, login: str, chat_id: str, htmls: Sequence[str]
    ) -> list[str]:
        """Send every text on one connection without waiting for answers in between."""
        ...

    async def upload(self, login: str, *, name: str, data: bytes, connection: str = MAIN) -> str:
        """Upload a file; the temporal file id for ``send_file``."""
        ...

    async def send_file(
        self,
        login: str,
        chat_id: str,
        temporal_id: str,
        *,
        caption: str | None = None,
        connection: str = MAIN,
    ) -> tuple[str, str | None]:
        """The file message's id and the caption message's id (when the server returns one)."""
        ...

    async def history_page(
        self, login: str, chat_id: str, *, count: int, from_id: str | None = None
    ) -> list[JsonDict]: ...

    async def message_by_id(self, login: str, message_id: str) -> JsonDict: ...

    async def role_in(self, login: str, chat_id: str) -> str | None:
        """``login``'s own role in the chat ("owner", "admin", "user", …)."""
        ...

    async def remove_chat(self, login: str, chat_id: str) -> None: ...

    async def reconnect(self, login: str, *, connection: str = MAIN) -> None:
        """Close the connection and open a new one."""
        ...

    async def idle(self, login: str, seconds: float, *, connection: str) -> float | None:
        """Open ``connection``, send nothing for ``seconds``; when the server dropped it, the
        seconds after which it did (else None)."""
        ...

    async def close(self, login: str, *, connection: str = MAIN) -> None: ...
