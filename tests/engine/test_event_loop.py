"""The loop build_chat runs on polls for a moment before it sleeps, and otherwise behaves as
asyncio's: events ready are returned at once, a timeout is kept, nothing is lost."""

from __future__ import annotations

import asyncio
import socket
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from migrator import event_loop
from migrator.event_loop import PollingSelector

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps asyncio's loop")


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    left, right = socket.socketpair()
    try:
        yield left, right
    finally:
        left.close()
        right.close()


def test_ready_events_come_back_at_once(pair: tuple[socket.socket, socket.socket]) -> None:
    left, right = pair
    with PollingSelector(poll_for=5.0) as selector:
        selector.register(left, 1)  # EVENT_READ
        right.send(b"x")
        for timeout in (0, 0.5, None):
            ready = selector.select(timeout)
            assert [key.fileobj for key, _ in ready] == [left]


def test_an_event_that_comes_while_polling_is_returned(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    left, right = pair
    writer = threading.Timer(0.05, right.send, args=(b"x",))
    with PollingSelector(poll_for=5.0) as selector:
        selector.register(left, 1)
        writer.start()
        try:
            ready = selector.select(None)
        finally:
            writer.join()
    assert [key.fileobj for key, _ in ready] == [left]


def test_the_timeout_is_kept_and_the_wait_polls_first(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    left, _ = pair
    with PollingSelector(poll_for=0.2) as selector:
        selector.register(left, 1)
        started, cpu = time.monotonic(), time.process_time()
        assert selector.select(0.3) == []
        waited, used = time.monotonic() - started, time.process_time() - cpu
    assert waited >= 0.3
    assert used >= 0.02  # a sleeping wait uses next to no CPU; this one polled first
    with PollingSelector(poll_for=5.0) as selector:  # the timeout bounds the polling too
        selector.register(left, 1)
        started = time.monotonic()
        assert selector.select(0.05) == []
        assert time.monotonic() - started < 4.0


@posix_only
def test_build_chat_runs_on_the_polling_loop() -> None:
    async def selector_in_use() -> object:
        loop = asyncio.get_running_loop()
        assert isinstance(loop, asyncio.SelectorEventLoop)
        return loop._selector  # type: ignore[attr-defined]  # asyncio keeps it there

    assert isinstance(event_loop.run(selector_in_use()), PollingSelector)


def test_windows_keeps_asyncios_own_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert event_loop.loop_factory() is None
