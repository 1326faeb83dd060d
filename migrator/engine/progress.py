"""A progress line per chat on stderr: percentage, elapsed time, the rate of posts actually sent
in this run, and the time left. On a terminal it redraws in place; in a log or a pipe it writes a
plain line now and then; in quiet mode nothing.

Posts an earlier run already sent (the ledger) count towards the percentage but not the rate: a
re-run with nothing to do must not look like a second posting.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from migrator.i18n import tr

PLAIN_INTERVAL = 10.0  # seconds between plain lines in a log or a pipe
_BAR_WIDTH = 20


def format_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def _bar_glyphs(stream: TextIO) -> tuple[str, str]:
    """Block glyphs where the console can show them, ASCII where it cannot (cp866, ascii)."""
    try:
        "█·".encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "#", "-"
    return "█", "·"


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
        plain_interval: float = PLAIN_INTERVAL,
    ) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.failed = 0
        self.sent = 0  # posts sent (or tried) in this run, not taken from the ledger
        self._stream = stream or sys.stderr
        self._quiet = quiet
        self._tty = self._stream.isatty()
        self._interval = interval if self._tty else plain_interval
        self._started = time.monotonic()
        self._last_draw = self._started if not self._tty else 0.0
        self._finished = False

    def advance(self, *, failed: bool = False, earlier: bool = False) -> None:
        """One post done: ``earlier`` when an earlier run had already sent it."""
        now = time.monotonic()
        self.done += 1
        self.failed += int(failed)
        self.sent += int(not earlier)
        if self.done >= self.total or now - self._last_draw >= self._interval:
            self._last_draw = now
            self._draw(now)

    def rate(self, now: float | None = None) -> float:
        """Posts sent per second in this run (0 when none were)."""
        if self.sent == 0:
            return 0.0
        elapsed = (now or time.monotonic()) - self._started
        return self.sent / elapsed if elapsed > 0 else 0.0

    def line(self, now: float | None = None) -> str:
        now = now or time.monotonic()
        full, empty = _bar_glyphs(self._stream)
        share = self.done / self.total if self.total else 1.0
        filled = int(_BAR_WIDTH * share)
        rate = self.rate(now)
        remaining = self.total - self.done
        return tr(
            "progress.line",
            label=self.label,
            bar=full * filled + empty * (_BAR_WIDTH - filled),
            percent=int(share * 100),
            done=self.done,
            total=self.total,
            failed=tr("progress.failed", count=self.failed) if self.failed else "",
            elapsed=format_duration(now - self._started),
            rate=tr("progress.rate", rate=rate) if rate > 0 else tr("progress.no_rate"),
            eta=format_duration(remaining / rate) if rate > 0 else "—" if remaining else "0:00:00",
        )

    def _draw(self, now: float) -> None:
        if self._quiet or self._finished:
            return
        last = self.done >= self.total
        if self.sent == 0 and last:
            self._write_final(tr("progress.nothing_to_do", label=self.label, done=self.done))
            return
        text = self.line(now)
        if not self._tty:
            self._stream.write(text + "\n")
        else:
            width = shutil.get_terminal_size((100, 20)).columns - 1
            # \r back to the start, the line cut to the terminal (a wrapped line cannot be
            # redrawn), then clear what an earlier, longer line left.
            self._stream.write("\r" + text[:width] + "\x1b[K" + ("\n" if last else ""))
        self._stream.flush()
        self._finished = last

    def _write_final(self, text: str) -> None:
        self._stream.write(("\r" + text + "\x1b[K\n") if self._tty else text + "\n")
        self._stream.flush()
        self._finished = True

    def finish(self) -> None:
        """The last line, if the run stopped before every post was done."""
        if not self._quiet and not self._finished:
            if self.sent == 0 and self.done >= self.total:
                self._write_final(tr("progress.nothing_to_do", label=self.label, done=self.done))
                return
            self._write_final(self.line())
