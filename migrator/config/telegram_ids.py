"""The ``telegram_id`` of a ``[users]`` entry, in the forms administrators meet.

This tool writes ``"user123"`` / ``"channel456"`` / ``"chat789"`` (``str(PeerId)``). The original
workflow wrote the bare number (``"12345678"``) with ``type = "user"`` or ``"channel"``; both are
read as the same peer.
"""

from __future__ import annotations

import re

from migrator.telegram.model import PeerId, PeerKind

_PREFIXED = re.compile(r"(user|chat|channel)(\d+)")
_BARE = re.compile(r"\d+")

TELEGRAM_ID_FORMAT = '"user<digits>", "channel<digits>", "chat<digits>" or the bare number'


def parse_telegram_id(value: str, user_type: str = "user") -> PeerId:
    """The peer a ``telegram_id`` names; ``ValueError`` when it has no recognisable form."""
    text = value.strip()
    prefixed = _PREFIXED.fullmatch(text)
    if prefixed:
        return PeerId(PeerKind(prefixed.group(1)), int(prefixed.group(2)))
    if _BARE.fullmatch(text):
        kind = PeerKind.CHANNEL if user_type == "channel" else PeerKind.USER
        return PeerId(kind, int(text))
    raise ValueError(f"expected {TELEGRAM_ID_FORMAT}")
