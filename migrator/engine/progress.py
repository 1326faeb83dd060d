"""A progress line per chat: counts, rate and ETA on stderr; nothing in quiet mode."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def format_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class Progress:
    """Counts posts as they are done; redraws at most every ``interval`` seconds."""

    def __init__(
        self,
        label: str,
        total: int,
        *,
        stream: TextIO | None = None,
        quiet: bool = False,
        interval: float = 0.25,
    ) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.failed = 0
        self._stream = stream or sys.stderr
        self._quiet = quiet
        self._interval = interval
        self._started = time.monotonic()
        self._last_draw = 0.0

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += int(failed)
        now = time.monotonic()
        if now - self._last_draw >= self._interval or self.done == self.total:
            self._last_draw = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.monotonic()) - self._started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        remaining = (self.total - self.done) / rate if rate > 0 else 0.0
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "█" * filled + "·" * (width - filled)
        failed = f" · {self.failed} failed" if self.failed else ""
        return (
            f"{self.label} [{bar}] {self.done}/{self.total}{failed} · {rate:.1f}/s"
            f" · ETA {format_duration(remaining)}"
        )

    def _draw(self, now: float) -> None:
        if self._quiet:
            return
        end = "\n" if self.done >= self.total or not self._stream.isatty() else ""
        if not self._stream.isatty() and self.done < self.total and self.done % 100:
            return  # logs and pipes: one line per hundred posts, not a redraw per post
        self._stream.write("\r" + self.line(now) + end)
        self._stream.flush()

    def finish(self) -> None:
        if not self._quiet and self.done < self.total:
            self._stream.write("\r" + self.line() + "\n")
            self._stream.flush()
