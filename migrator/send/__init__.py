"""Sending planned posts through python-trueconf-bot: sessions, uploads, order, retries."""

from migrator.send.chat_setup import ChatSpec, admit_participants, create_chat
from migrator.send.history import ServerMessage, read_history
from migrator.send.pipeline import default_prepare
from migrator.send.retry import Backoff, ConnectionDropped, Outcome, SessionUnavailable, classify
from migrator.send.sender import ChatSender, PostOutcome, Status, attribution_prefix
from migrator.send.session import AuthorSession, Credentials, ServerTarget, SessionPool
from migrator.send.upload import Uploader, UploadSource

__all__ = [
    "AuthorSession",
    "Backoff",
    "ChatSender",
    "ChatSpec",
    "ConnectionDropped",
    "Credentials",
    "Outcome",
    "PostOutcome",
    "ServerMessage",
    "ServerTarget",
    "SessionPool",
    "SessionUnavailable",
    "Status",
    "UploadSource",
    "Uploader",
    "admit_participants",
    "attribution_prefix",
    "classify",
    "create_chat",
    "default_prepare",
    "read_history",
]
