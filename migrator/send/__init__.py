"""Sending planned posts through a ``migrator.connector.Connector``: chat, order, reconciliation."""

from migrator.send.chat_setup import ChatSpec
from migrator.send.pipeline import default_prepare
from migrator.send.sender import ChatSender, PostOutcome, Status, attribution_prefix

__all__ = [
    "ChatSender",
    "ChatSpec",
    "PostOutcome",
    "Status",
    "attribution_prefix",
    "default_prepare",
]
