"""What the pool reads of the posting order to work ahead of the posts, and the deadlines the
acknowledgements are written on (each socket its own)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from migrator.connector import pushes
from migrator.connector.pushes import PushAcknowledgements
from migrator.connector.session import PostingOrder


def test_the_order_tells_who_posts_ahead_and_who_comes_next() -> None:
    order = PostingOrder(["ann", "bob", "ann", "cid", "bob", "dan"])
    assert order.ahead(0) == "ann" and order.ahead(3) == "cid" and order.ahead(6) is None
    assert order.upcoming(4) == ["ann", "bob", "cid"]  # each once, soonest first
    order.advance()
    order.advance()
    assert order.ahead(0) == "ann" and order.ahead(3) == "dan" and order.ahead(4) is None
    assert order.upcoming(10) == ["ann", "cid", "bob", "dan"]
    assert order.distance("bob") == 2 and order.distance("ann") == 0


class _Socket:
    """What ``_acknowledge`` writes with: websockets' send context and the transport."""

    def __init__(self, name: str, written: list[tuple[str, float, bytes]]) -> None:
        self.name = name
        self._written = written
        self.transport = self

    @asynccontextmanager
    async def send_context(self) -> AsyncIterator[None]:
        yield

    def write(self, data: bytes) -> None:
        self._written.append((self.name, asyncio.get_running_loop().time(), data))


async def test_each_socket_is_acknowledged_on_its_own_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Pushes read on two sockets 30 ms apart: written all together at the first deadline, the
    # server would read every acknowledgement at once while a post waits. (The deadline is
    # stretched so that this machine's timer jitter cannot blur 1 ms steps.)
    monkeypatch.setattr(pushes, "ACK_WITHIN", 0.05)
    ack_within = pushes.ACK_WITHIN
    written: list[tuple[str, float, bytes]] = []
    first, second = _Socket("first", written), _Socket("second", written)
    acknowledgements = PushAcknowledgements()
    loop = asyncio.get_running_loop()
    started = loop.time()
    acknowledgements.owe(first, 1)
    acknowledgements.owe(first, 2)
    await asyncio.sleep(0.03)
    acknowledgements.owe(second, 3)
    acknowledgements.owe(first, 4)  # joins the write already due on its socket
    await asyncio.sleep(ack_within + 0.04)
    await acknowledgements.aclose()
    by_socket: dict[str, Any] = {name: (at - started, data) for name, at, data in written}
    assert [name for name, _, _ in written] == ["first", "second"]  # one write each
    assert ack_within <= by_socket["first"][0] < ack_within + 0.025
    assert by_socket["second"][0] >= ack_within + 0.03
    frame = 2 + 4 + len(b'{"type": 2, "id": 1}')  # header, mask key, payload
    assert len(by_socket["first"][1]) == 3 * frame  # the three pushes of the first socket


async def test_closing_writes_every_acknowledgement_owed_at_once() -> None:
    written: list[tuple[str, float, bytes]] = []
    acknowledgements = PushAcknowledgements()
    acknowledgements.owe(_Socket("only", written), 7)
    await acknowledgements.aclose()
    assert [name for name, _, _ in written] == ["only"]
