"""The one interface to the server's chats that the sender, chat opening and verify depend on.

Every method acts as ``login`` (the account that creates, admits, posts or reads). A failure
is raised as ``migrator.retry.ServerFailure`` (classified), ``SessionUnavailable`` (the account
cannot sign in) or ``MigratorError`` (a problem the administrator must fix).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from migrator.config.model import ChatType
from migrator.connector.model import ListedChat, SentFile, ServerLimits, ServerMessage, UploadSource


class Connector(Protocol):
    def can_sign_in(self, login: str) -> bool: ...

    async def open(self, login: str) -> None:
        """Sign ``login`` in now (the owner first: a wrong address stops the run at once)."""

    async def open_ahead(self, logins: Sequence[str]) -> None:
        """Sign these accounts in together before they are needed; never raises (a failure is
        reported by the account's first use, and a refused password is not tried twice)."""

    async def my_id(self, login: str) -> str:
        """The id the server gives ``login``'s own messages as their author."""

    async def reauthenticate(self, login: str) -> None:
        """The token was refused: sign in again (``SessionUnavailable`` when impossible)."""

    async def create_chat(self, login: str, chat_type: ChatType, name: str) -> str:
        """A group or channel titled ``name``, or the P2P chat with the user ``name``."""

    async def list_chats_page(self, login: str, *, count: int, page: int) -> list[ListedChat]: ...

    async def add_participant(self, login: str, chat_id: str, user: str) -> None:
        """Admit ``user`` with the earlier history visible; already a participant is fine."""

    async def set_role(self, login: str, chat_id: str, user: str, role: str) -> None: ...

    async def send_text(
        self, login: str, chat_id: str, html: str, *, reply_to: str | None
    ) -> str: ...

    async def upload(self, login: str, source: UploadSource) -> str:
        """Upload a file as ``login``; the temporal file id for ``send_file``."""

    async def send_file(
        self,
        login: str,
        chat_id: str,
        temporal_id: str,
        *,
        caption: str | None,
        reply_to: str | None,
    ) -> SentFile: ...

    async def history_page(
        self, login: str, chat_id: str, *, count: int, from_id: str | None
    ) -> list[ServerMessage]:
        """One page of ``getChatHistory`` as the server sends it (newest first)."""

    async def message_exists(self, login: str, message_id: str) -> bool:
        """False only when the server answers "message not found" for this id."""

    async def upload_limits(self, login: str) -> ServerLimits: ...
