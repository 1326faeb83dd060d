"""The event loop a migration runs on: asyncio's, except that where it would go to sleep waiting
for the network it first keeps polling for a moment.

Posts go one at a time: each waits for the server's answer. On a LAN the answer comes within a
fraction of a millisecond, and a thread that went to sleep is woken later than that (on a
virtual machine, tens of microseconds to more than a hundred, at every post). Polling for up to
``POLL_BEFORE_SLEEP`` first catches most answers awake; a longer wait (a WAN, a server that
takes its time) costs that much CPU once, then sleeps as before.

On Windows asyncio's own loop is used as it is (its proactor does not poll).
"""

from __future__ import annotations

import asyncio
import selectors
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

POLL_BEFORE_SLEEP = 0.0005  # seconds


class PollingSelector(selectors.DefaultSelector):
    """The platform's selector; a wait with a timeout (or none) polls first, for up to
    ``poll_for`` seconds and never past the timeout."""

    def __init__(self, poll_for: float = POLL_BEFORE_SLEEP) -> None:
        super().__init__()
        self._poll_for = poll_for

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is not None and timeout <= 0:
            return super().select(timeout)
        started = time.monotonic()
        until = started + (self._poll_for if timeout is None else min(self._poll_for, timeout))
        while True:
            ready = super().select(0)
            if ready:
                return ready
            now = time.monotonic()
            if now >= until:
                break
        return super().select(None if timeout is None else max(0.0, timeout - (now - started)))


def _polling_loop() -> asyncio.AbstractEventLoop:
    return asyncio.SelectorEventLoop(PollingSelector())


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """What ``asyncio.Runner`` makes its loop with: None (asyncio's own) on Windows."""
    return None if sys.platform == "win32" else _polling_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)`` on that loop."""
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        return runner.run(main)
