"""The only door to TrueConf's chats: the client library is imported here and nowhere else.

``Connector`` is the interface the sender, chat opening and verify depend on;
``TrueConfConnector`` implements it with python-trueconf-bot sessions and uploads.
"""

import contextlib

# The client library's types (mashumaro dataclasses) build their readers and writers when the
# library is imported, about 0.4 s of every start; with mashumaro's own ``lazy_compilation``
# each is built when first used, and a run uses few. Set before the library is first imported.
with contextlib.suppress(ImportError):
    from mashumaro.config import BaseConfig

    BaseConfig.lazy_compilation = True

from migrator.connector.door import Connector
from migrator.connector.failures import (
    ConnectionDropped,
    SessionUnavailable,
    certificate_error,
    describe,
    server_failure,
)
from migrator.connector.history import list_chats, read_history
from migrator.connector.model import (
    SERVER_CHAT_TYPE,
    ListedChat,
    SentFile,
    ServerLimits,
    ServerMessage,
    UploadSource,
)
from migrator.connector.session import (
    AuthorSession,
    Credentials,
    ServerTarget,
    SessionPool,
    check_certificate,
)
from migrator.connector.trueconf_door import TrueConfConnector
from migrator.connector.upload import STICKER_CONTENT_TYPE, Uploader

__all__ = [
    "SERVER_CHAT_TYPE",
    "STICKER_CONTENT_TYPE",
    "AuthorSession",
    "ConnectionDropped",
    "Connector",
    "Credentials",
    "ListedChat",
    "SentFile",
    "ServerLimits",
    "ServerMessage",
    "ServerTarget",
    "SessionPool",
    "SessionUnavailable",
    "TrueConfConnector",
    "UploadSource",
    "Uploader",
    "certificate_error",
    "check_certificate",
    "describe",
    "list_chats",
    "read_history",
    "server_failure",
]
