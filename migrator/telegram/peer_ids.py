"""Normalising the three historical ``from_id`` formats into ``PeerId``.

Telegram Desktop wrote sender ids three ways over the years (spec §7):

* v1.4.8 – v2.3.x: the bare user id as a JSON number;
* v2.4.0 – v2.7.1: an internal number, ``2**32 + id`` for users and ``2**33 + id`` for basic groups
  *and* channels alike;
* v2.7.2 and later: a string ``"user<id>"``, ``"chat<id>"`` or ``"channel<id>"``.

A number in ``[2**33, 2**33 + 2**32)`` cannot say whether it was a basic group or a channel. We
read it as a channel: in exports of that era the only non-user senders are channel posts and
anonymous supergroup admins, both channels to Telegram; a basic group never sends a message.
"""

from __future__ import annotations

from functools import lru_cache

from migrator.telegram.model import PeerId, PeerKind

USER_ID_OFFSET = 1 << 32
CHAT_OR_CHANNEL_ID_OFFSET = 1 << 33
_OFFSET_RANGE_END = CHAT_OR_CHANNEL_ID_OFFSET + (1 << 32)

_PREFIXES = (
    ("user", PeerKind.USER),
    ("channel", PeerKind.CHANNEL),
    ("chat", PeerKind.CHAT),
)


def peer_id_from_number(value: int) -> PeerId | None:
    """Read a numeric ``from_id`` (the two pre-2021 formats); ``None`` for a non-positive id."""
    if value <= 0:
        return None
    if value < USER_ID_OFFSET:
        return PeerId(PeerKind.USER, value)
    if value < CHAT_OR_CHANNEL_ID_OFFSET:
        return PeerId(PeerKind.USER, value - USER_ID_OFFSET)
    if value < _OFFSET_RANGE_END:
        return PeerId(PeerKind.CHANNEL, value - CHAT_OR_CHANNEL_ID_OFFSET)
    # Too large for an internal number of that era: a bare (user) id.
    return PeerId(PeerKind.USER, value)


@lru_cache(maxsize=4096)
def peer_id_from_text(value: str) -> PeerId | None:
    """Read ``"user123"``, ``"chat123"``, ``"channel123"`` (or digits only); ``None`` otherwise."""
    for prefix, kind in _PREFIXES:
        if value.startswith(prefix):
            digits = value[len(prefix) :]
            if digits.isdigit() and digits.isascii():
                return PeerId(kind, int(digits))
            return None
    if value.isdigit() and value.isascii():
        return peer_id_from_number(int(value))
    return None


def normalize_peer_id(value: object) -> PeerId | None:
    """Normalise any ``from_id`` / ``actor_id`` / ``reply_to_peer_id`` value.

    Returns ``None`` when the value is absent or in no known format; callers count that.
    """
    if isinstance(value, str):
        return peer_id_from_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return peer_id_from_number(value)
    return None
