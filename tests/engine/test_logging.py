"""Only our redacting handlers print; the client library's errors, which the engine handles itself,
never reach the console as errors."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat
from migrator.logs import configure_logging
from migrator.secrets import register_secret

from .helpers import build_options, write_team_chat

LIBRARY_ERROR = "❌ API error: AddChatParticipant(id=3): [309] User already in chat"


@pytest.mark.parametrize("verbosity", [0, 1, 2])
def test_library_handlers_are_removed_and_its_errors_are_lowered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], verbosity: int
) -> None:
    library = logging.getLogger("trueconf.client.chatbot")
    own_stream = io.StringIO()
    library.addHandler(logging.StreamHandler(own_stream))  # as trueconf.loggers does on import
    register_secret("Planted-secret-77")
    log_file = tmp_path / "build_chat.log"
    configure_logging(verbosity, log_file)

    library.error(LIBRARY_ERROR + " password=Planted-secret-77")
    logging.getLogger("chat_bot").warning("🔌 Connection issue. Retrying in 1.0s...")

    assert own_stream.getvalue() == ""  # the library's own handler no longer prints
    console = capsys.readouterr().err
    assert "ERROR" not in console and "WARNING" not in console
    assert "Planted-secret-77" not in console
    if verbosity == 0:
        assert "API error" not in console
    written = log_file.read_text(encoding="utf-8")
    assert "INFO trueconf.client.chatbot: ❌ API error" in written  # kept for diagnosis
    assert "Planted-secret-77" not in written


def test_a_rerun_shows_no_library_error(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_team_chat(emu, tmp_path)
    options = build_options(config, tmp_path)
    assert build_chat(options) == 0
    capsys.readouterr()
    assert build_chat(options) == 0  # the participants are added again: 309 for each
    console = capsys.readouterr()
    assert "ERROR" not in console.err and "User already in chat" not in console.err
    log = (tmp_path / "out" / "build_chat.log").read_text(encoding="utf-8")
    assert "[309] User already in chat" in log and "ERROR trueconf" not in log


def test_the_console_shows_no_traceback_and_the_log_file_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever logs an exception (asyncio does, for a task that failed unread): the administrator
    reads one line; whoever diagnoses it finds the traceback in the log file."""
    log_file = tmp_path / "build_chat.log"
    configure_logging(0, log_file)
    try:
        raise ConnectionResetError("Server disconnected")
    except ConnectionResetError:
        logging.getLogger("asyncio").exception("Task exception was never retrieved")

    console = capsys.readouterr().err
    assert "Task exception was never retrieved" in console
    assert "Traceback" not in console and "Server disconnected" not in console
    written = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written
    assert "ConnectionResetError: Server disconnected" in written
