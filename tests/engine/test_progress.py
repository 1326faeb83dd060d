from __future__ import annotations

import io

from migrator.engine.progress import Progress, format_duration


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_line_shows_counts_rate_and_eta() -> None:
    progress = Progress("Team (tg1)", 10, stream=Tty(), interval=0)
    for _ in range(4):
        progress.advance()
    progress.advance(failed=True)
    line = progress.line()
    assert line.startswith("Team (tg1) [") and "5/10" in line and "1 failed" in line
    assert "/s" in line and "ETA 0:00:0" in line


def test_quiet_writes_nothing() -> None:
    stream = Tty()
    progress = Progress("x", 3, stream=stream, quiet=True, interval=0)
    for _ in range(3):
        progress.advance()
    progress.finish()
    assert stream.getvalue() == ""


def test_a_pipe_gets_whole_lines_not_redraws() -> None:
    stream = io.StringIO()
    progress = Progress("x", 150, stream=stream, interval=0)
    for _ in range(150):
        progress.advance()
    lines = stream.getvalue().strip("\r\n").split("\n")
    assert len(lines) == 2 and lines[-1].lstrip("\r").startswith("x [") and "150/150" in lines[-1]


def test_duration_format() -> None:
    assert format_duration(3725) == "1:02:05" and format_duration(-3) == "0:00:00"
