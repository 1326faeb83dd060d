from __future__ import annotations

import pytest

from migrator.telegram.model import PeerId, PeerKind
from migrator.telegram.peer_ids import normalize_peer_id

USER, CHAT, CHANNEL = PeerKind.USER, PeerKind.CHAT, PeerKind.CHANNEL


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # v2.7.2+: prefixed strings
        ("user123", PeerId(USER, 123)),
        ("chat456", PeerId(CHAT, 456)),
        ("channel1292077344", PeerId(CHANNEL, 1292077344)),
        ("user7000000000", PeerId(USER, 7000000000)),  # 64-bit user ids
        # v1.4.8 – v2.3.x: bare user id as a number
        (777000111, PeerId(USER, 777000111)),
        # v2.4.0 – v2.7.1: internal numbers
        (4294967296 + 777000111, PeerId(USER, 777000111)),
        (8589934592 + 1292077344, PeerId(CHANNEL, 1292077344)),  # chat or channel: read as channel
        (9882011936, PeerId(CHANNEL, 1292077344)),  # the tg2md sample pair
        # digits in a string are read like the number
        ("4294967301", PeerId(USER, 5)),
    ],
)
def test_known_formats_are_normalised(raw: object, expected: PeerId) -> None:
    assert normalize_peer_id(raw) == expected


@pytest.mark.parametrize(
    "raw", [None, "", "user", "userabc", "group12", "user-5", 0, -5, True, 1.5, [1], "user１２"]
)
def test_unknown_formats_give_none(raw: object) -> None:
    assert normalize_peer_id(raw) is None


def test_str_round_trips_the_modern_format() -> None:
    assert str(normalize_peer_id("channel42")) == "channel42"
