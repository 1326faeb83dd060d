from __future__ import annotations

import io

from migrator.engine.progress import Progress, format_duration


class Tty(io.StringIO):
    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def test_line_shows_percentage_counts_rate_elapsed_and_eta() -> None:
    progress = Progress("Team (tg1)", 10, stream=Tty(), interval=0)
    for _ in range(4):
        progress.advance()
    progress.advance(failed=True)
    line = progress.line()
    assert line.startswith("Team (tg1) [") and "50% 5/10" in line and "1 failed" in line
    assert "posts/s" in line and "ETA 0:00:0" in line and " · 0:00:0" in line


def test_posts_sent_by_an_earlier_run_are_not_a_rate() -> None:
    stream = Tty()
    progress = Progress("x", 3, stream=stream, interval=0)
    for _ in range(3):
        progress.advance(earlier=True)
    progress.finish()
    text = stream.getvalue()
    assert "/s" not in text and "nothing left to post (3 already in the chat)" in text
    assert progress.rate() == 0.0


def test_rate_counts_only_what_this_run_sent() -> None:
    progress = Progress("x", 10, stream=Tty(), interval=0)
    for _ in range(8):
        progress.advance(earlier=True)
    progress.advance()
    assert progress.sent == 1 and "80%" not in progress.line() and "90% 9/10" in progress.line()


def test_quiet_writes_nothing() -> None:
    stream = Tty()
    progress = Progress("x", 3, stream=stream, quiet=True, interval=0)
    for _ in range(3):
        progress.advance()
    progress.finish()
    assert stream.getvalue() == ""


def test_a_terminal_gets_a_clean_redraw_in_place() -> None:
    stream = Tty()
    progress = Progress("x", 3, stream=stream, interval=0)
    for _ in range(3):
        progress.advance()
    progress.finish()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.count("\x1b[K") == 3 and text.count("\n") == 1


def test_a_pipe_gets_plain_periodic_lines_not_redraws() -> None:
    stream = io.StringIO()
    progress = Progress("x", 150, stream=stream, plain_interval=3600)
    for _ in range(150):
        progress.advance()
    progress.finish()
    lines = stream.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == 2, lines  # one line: the last
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()
    assert lines[0].startswith("x [") and "100% 150/150" in lines[0]
    every_post = io.StringIO()
    progress = Progress("x", 5, stream=every_post, plain_interval=0)
    for _ in range(5):
        progress.advance()
    assert every_post.getvalue().count("\n") == 5


def test_a_console_without_block_glyphs_gets_an_ascii_bar() -> None:
    class Cp866(io.StringIO):
        encoding = "ascii"

    progress = Progress("x", 2, stream=Cp866())
    progress.advance()
    assert "[##########----------]" in progress.line()


def test_duration_format() -> None:
    assert format_duration(3725) == "1:02:05" and format_duration(-3) == "0:00:00"
