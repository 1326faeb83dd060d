"""Hostile and unlucky input: each case exits 2 with a message naming the file or key and the
fix, and never a traceback."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    PYTHON,
    REPO,
    Run,
    assert_fails_cleanly,
    message,
    run_script,
    write_config,
    write_export,
)

USERS = {"alice": {"password": "Alice-pass-1", "telegram_id": f"user{ALICE_ID}"}}
LOCAL = {"address": "127.0.0.1", "port": 9, "https": False}


def _build(
    folder: Path,
    messages: list[dict[str, Any]] | None = None,
    *,
    users: dict[str, dict[str, Any]] | None = None,
    server: dict[str, Any] | None = None,
    args: tuple[str, ...] = ("--dry-run",),
) -> Run:
    write_export(folder / "export", messages)
    write_config(
        folder / "config.toml",
        server=server or LOCAL,
        chat={"name": "Team", "owner": "alice", "language": "en"},
        users=USERS if users is None else users,
    )
    return run_script(
        "build_chat.py", "--config", "config.toml", *args, "--output", "out", cwd=folder
    )


def test_an_empty_chat_is_refused_before_anything_starts(tmp_path: Path) -> None:
    run = _build(tmp_path, [])
    assert_fails_cleanly(run, 2, "the chat 'Team' has no messages", "telegram_export_dir")
    assert not (tmp_path / "out").exists()


def test_an_owner_with_no_users_at_all_says_how_to_fill_them(tmp_path: Path) -> None:
    run = _build(tmp_path, users={})
    assert_fails_cleanly(
        run, 2, "config.toml: [chat] owner 'alice' is not in [users]", "parse_users.py"
    )


def test_a_time_out_of_range_names_the_message_and_the_key(tmp_path: Path) -> None:
    messages = [
        message(1, ALICE_ID, "Alice", "fine"),
        message(2, BOB_ID, "Bob", "broken", date_unixtime="99999999999999999"),
    ]
    run = _build(tmp_path, messages)
    assert_fails_cleanly(
        run, 2, "result.json", "message #2: date_unixtime = '99999999999999999'", "export the chat"
    )


def test_a_negative_edit_time_is_refused_too(tmp_path: Path) -> None:
    messages = [message(1, ALICE_ID, "Alice", "x", edited="1900-01-01T00:00:00")]
    messages[0]["edited_unixtime"] = "-2208988800"
    run = _build(tmp_path, messages)
    assert_fails_cleanly(run, 2, "message #1: edited_unixtime = '-2208988800'")


def test_https_true_with_an_http_address_is_a_contradiction(tmp_path: Path) -> None:
    # checked where the address is read, before any connection (a dry run reads none)
    server = {"address": "http://tc.example.com", "https": True}
    run = _build(tmp_path, server=server, args=())
    assert_fails_cleanly(
        run,
        2,
        "[server] address 'http://tc.example.com' says http:// but [server] https = true",
        "without http://",
    )


def test_https_false_with_an_https_address_is_a_contradiction(tmp_path: Path) -> None:
    run = _build(tmp_path, server={"address": "https://tc.example.com", "https": False}, args=())
    assert_fails_cleanly(run, 2, "says https:// but [server] https = false")


def test_a_huge_config_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    write_config(tmp_path / "config.toml")
    with (tmp_path / "config.toml").open("a", encoding="utf-8") as file:
        file.write("# " + "x" * (17 * 1024 * 1024) + "\n")
    run = run_script("parse_users.py", "--config", "config.toml", "--check-tokens", cwd=tmp_path)
    assert_fails_cleanly(run, 2, "config.toml: larger than 16 MB", "--config")


def test_an_endless_config_file_is_refused(tmp_path: Path) -> None:
    run = run_script("build_chat.py", "--config", "/dev/zero", "--dry-run", cwd=tmp_path)
    assert_fails_cleanly(run, 2, "/dev/zero: larger than 16 MB")


def _deep_export(folder: Path) -> None:
    export = folder / "export"
    export.mkdir(parents=True)
    text = "[" * 200_000 + "]" * 200_000  # 400 KB that used to cost gigabytes of memory
    (export / "result.json").write_text(
        '{"name": "Team", "type": "private_group", "id": 777, "messages": '
        f'[{{"id": 1, "type": "message", "text": {text}}}]}}',
        encoding="utf-8",
    )


def test_json_nested_too_deep_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    _deep_export(tmp_path)
    write_config(tmp_path / "config.toml")
    run = run_script(
        "parse_users.py", "--config", "config.toml", cwd=tmp_path, timeout=60, memory_limit=1 << 30
    )
    assert_fails_cleanly(
        run, 2, "result.json: JSON nested more than 2000 levels deep", "Export the chat again"
    )


@contextlib.contextmanager
def _interruptible_children() -> Iterator[None]:
    """A child started meanwhile takes Ctrl+C as a terminal gives it, even when the tests run as
    a shell's background job (``pytest &``), which ignores SIGINT: an ignored signal is
    inherited, a handled one is reset to its default in the child."""
    before = signal.getsignal(signal.SIGINT)
    if before is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if before is signal.SIG_IGN:
            signal.signal(signal.SIGINT, before)


# Both land during start-up, wherever the script is when the signal comes: importing, reading
# the config, or finding the export missing. The moments are shares of the time the same run
# takes to end on its own (the missing export), measured first: start-up gets faster. Not later:
# a signal during the interpreter's own exit ends it by the signal, after the script's last word.
@pytest.mark.parametrize("share", [0.2, 0.45])
@pytest.mark.parametrize("script", ["build_chat.py", "parse_users.py", "add_users_to_server.py"])
def test_ctrl_c_during_start_up_exits_130_quietly(
    tmp_path: Path, script: str, share: float
) -> None:
    write_config(tmp_path / "config.toml", server=LOCAL)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPATH", None)
    argv = [str(PYTHON), str(REPO / script), "--config", "config.toml"]
    started = time.monotonic()
    subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, check=False, timeout=60)
    on_its_own = time.monotonic() - started
    with _interruptible_children():
        process = subprocess.Popen(
            argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    time.sleep(max(0.15, on_its_own * share))
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, (stdout, stderr)
    assert "Traceback" not in stdout + stderr
    assert "interrupted" in stderr.lower()  # start-up or the engine's own "Interrupted: …"


def test_ctrl_c_while_a_library_defines_its_classes_exits_130_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On Python 3.11 a Ctrl+C in a field's ``__set_name__`` (the client library's dataclasses, at
    import) comes as a RuntimeError caused by it: CI once printed that traceback."""
    (tmp_path / "interrupted_library.py").write_text(
        "class Field:\n"
        "    def __set_name__(self, owner, name):\n"
        "        raise KeyboardInterrupt\n"
        "class Response:\n"
        "    upload_task_id = Field()\n"
        "def main():\n"
        "    return 0\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    from migrator.cli import EXIT_INTERRUPTED, INTERRUPTED, launch

    assert launch("interrupted_library") == EXIT_INTERRUPTED
    assert capsys.readouterr().err == INTERRUPTED


def test_ctrl_c_that_python_ignores_in_a_callback_still_exits_130_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Ctrl+C in a weakref callback (as in an import's module lock) is only printed by Python
    ("Exception ignored in"), and the script would go on: CI once saw parse_users.py do so."""
    (tmp_path / "interrupted_callback.py").write_text(
        "import time, weakref\n"
        "class Lock:\n"
        "    pass\n"
        "def interrupted(_):\n"
        "    raise KeyboardInterrupt\n"
        "def main():\n"
        "    lock = Lock()\n"
        "    ref = weakref.ref(lock, interrupted)\n"
        "    del lock\n"
        "    time.sleep(1)\n"
        "    return 0\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # restored afterwards
    from migrator.cli import EXIT_INTERRUPTED, INTERRUPTED, launch

    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # as on a terminal
    try:
        assert launch("interrupted_callback") == EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, before)
    assert capsys.readouterr().err == INTERRUPTED


def test_another_error_of_a_class_body_is_not_taken_for_ctrl_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken_library.py").write_text(
        "class Field:\n"
        "    def __set_name__(self, owner, name):\n"
        "        raise ValueError('broken')\n"
        "class Response:\n"
        "    upload_task_id = Field()\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    from migrator.cli import launch

    with pytest.raises((RuntimeError, ValueError)):
        launch("broken_library")


def test_an_output_folder_that_cannot_be_written_names_it(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file where the output folder should be", encoding="utf-8")
    run = _build(tmp_path)
    assert_fails_cleanly(run, 2, "out: cannot be written", "--output DIR")
