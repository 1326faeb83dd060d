"""A console that cannot show every character (cp1251, cp866, ascii) never crashes a script."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import emoji_chat, run_as_admin


@pytest.mark.parametrize("encoding", ["cp1251", "cp866", "ascii"])
def test_dry_run_with_emoji_names_does_not_crash(tmp_path: Path, encoding: str) -> None:
    emoji_chat(tmp_path)
    run = run_as_admin(
        "build_chat.py", "--dry-run", "--output", "out", cwd=tmp_path, encoding=encoding
    )
    assert run.code == 0, run
    assert "Traceback" not in run.output, run
    assert (tmp_path / "out" / "report.html").is_file()
    # What the console cannot show is replaced, the rest is kept.
    assert "?" in run.stdout


def test_cp1251_keeps_cyrillic(tmp_path: Path) -> None:
    emoji_chat(tmp_path)
    run = run_as_admin(
        "build_chat.py", "--dry-run", "--output", "out", cwd=tmp_path, encoding="cp1251"
    )
    assert run.code == 0, run
    assert "Команда ?" in run.stdout, run


def test_parse_users_with_emoji_names_does_not_crash(tmp_path: Path) -> None:
    emoji_chat(tmp_path)
    run = run_as_admin("parse_users.py", cwd=tmp_path, encoding="cp1251")
    assert run.code == 0, run
    assert "Traceback" not in run.output, run
