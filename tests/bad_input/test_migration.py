"""Bad input that only the migration itself meets: build_chat.py against the emulator.

Each case ends in a message that names the key to change (exit 2 or 3), or in a run that
completes and reports the message that could not be posted (exit 1) — never in a traceback.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator
from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    CAROL_ID,
    PYTHON,
    REPO,
    Run,
    assert_fails_cleanly,
    emulator_server,
    message,
    run_script,
    write_config,
    write_export,
)

USERS = {
    "alice": {"password": "Alice-pass-1", "telegram_id": f"user{ALICE_ID}"},
    "bob": {"password": "Bob-pass-22", "telegram_id": f"user{BOB_ID}"},
    "carol": {"password": "Carol-pass-3", "telegram_id": f"user{CAROL_ID}"},
}
VOICE_SOURCE = REPO / "tests" / "fixtures" / "exports" / "all-kinds" / "voice_messages"


@pytest.fixture(scope="module")
def emulator() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as running:
        for login, fields in USERS.items():
            running.add_user(login, fields["password"], display_name=login.title())
        yield running


def _three_people() -> list[dict[str, Any]]:
    return [
        message(1, ALICE_ID, "Alice", "one"),
        message(2, BOB_ID, "Bob", "two"),
        message(3, CAROL_ID, "Carol", "three"),
    ]


def _setup(
    folder: Path,
    emu: RunningEmulator | None,
    chat: dict[str, Any],
    messages: list[dict[str, Any]] | None = None,
    *,
    server: dict[str, Any] | None = None,
    users: dict[str, dict[str, Any]] | None = None,
) -> None:
    write_export(folder / "export", messages or _three_people())
    if server is None:
        assert emu is not None
        server = emulator_server(emu.host, emu.port)
    write_config(
        folder / "config.toml",
        server=server,
        chat={"name": folder.name, "language": "en", **chat},
        users=USERS if users is None else users,
    )


def _build(folder: Path, *extra: str) -> Run:
    return run_script(
        "build_chat.py", "--config", "config.toml", "--quiet", "--output", "out", *extra, cwd=folder
    )


def _report(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "out" / "report.json").read_text("utf-8"))
    return data


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_personal_chat_with_three_people_names_the_fix(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    _setup(tmp_path, emulator, {"owner": "alice", "type": "personal"})
    run = _build(tmp_path)
    assert_fails_cleanly(
        run, 2, '[chat] type is "personal" but the export has more than two people',
        "alice, bob, carol", 'use type = "group"',
    )  # fmt: skip
    assert all(chat.title != tmp_path.name for chat in emulator.state.chats.values())


def test_personal_chat_with_three_people_is_caught_by_the_dry_run(tmp_path: Path) -> None:
    _setup(tmp_path, None, {"owner": "alice", "type": "personal"}, server={"address": "x"})
    run = _build(tmp_path, "--dry-run")
    assert_fails_cleanly(run, 2, "more than two people", 'use type = "group"')


def test_chat_owner_not_in_users_stops_before_anything_is_created(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    _setup(tmp_path, emulator, {"owner": "zed"})
    run = _build(tmp_path)
    assert_fails_cleanly(run, 2, "[chat] owner", "'zed'", "not in [users]", "alice")
    assert all(chat.title != tmp_path.name for chat in emulator.state.chats.values())


def test_chat_owner_not_in_users_is_named_as_a_config_mistake(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    _setup(tmp_path, emulator, {"owner": "zed"})
    run = _build(tmp_path, "--dry-run")
    assert_fails_cleanly(run, 2, "[chat] owner", "'zed'", "not in [users]", "alice")


def test_owner_with_a_wrong_password_names_the_account(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    users = {**USERS, "alice": {"password": "Wrong-pass-0", "telegram_id": f"user{ALICE_ID}"}}
    _setup(tmp_path, emulator, {"owner": "alice"}, users=users)
    run = _build(tmp_path)
    assert_fails_cleanly(
        run, 3, "The chat owner 'alice' cannot sign in", "refused the password", "[users.alice]"
    )
    assert "Wrong-pass-0" not in run.output


def test_unreachable_server_names_the_settings(tmp_path: Path) -> None:
    _setup(tmp_path, None, {"owner": "alice"}, server=emulator_server("127.0.0.1", _free_port()))
    run = _build(tmp_path)
    assert_fails_cleanly(run, 3, "Cannot reach TrueConf Server", "[server] address, port and https")


def _voice(export: Path) -> list[dict[str, Any]]:
    source = sorted(VOICE_SOURCE.glob("*.ogg"))[0]
    (export / "voice_messages").mkdir(parents=True, exist_ok=True)
    shutil.copy(source, export / "voice_messages" / "voice.ogg")
    return [
        message(1, ALICE_ID, "Alice", "before the voice note"),
        message(
            2,
            BOB_ID,
            "Bob",
            "",
            file="voice_messages/voice.ogg",
            media_type="voice_message",
            mime_type="audio/ogg",
            duration_seconds=2,
        ),
        message(3, ALICE_ID, "Alice", "after the voice note"),
    ]


def test_missing_cover_image_is_reported_with_the_key(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    voice = {"convert_voice_message_to_video": True, "cover_image": "covers/missing.png"}
    messages = _voice(tmp_path / "export")
    _setup(tmp_path, emulator, {"owner": "alice", "voice_message": voice}, messages)
    run = _build(tmp_path)
    # Checked before anything is created or sent, not when the first voice note comes up.
    assert_fails_cleanly(run, 2, "[chat.voice_message] cover_image", "missing.png does not exist")
    assert all(chat.title != tmp_path.name for chat in emulator.state.chats.values())


def test_missing_cover_image_is_caught_by_the_dry_run(tmp_path: Path) -> None:
    voice = {"convert_voice_message_to_video": True, "cover_image": "covers/missing.png"}
    messages = _voice(tmp_path / "export")
    _setup(
        tmp_path, None, {"owner": "alice", "voice_message": voice}, messages,
        server={"address": "x"},
    )  # fmt: skip
    run = _build(tmp_path, "--dry-run")
    assert_fails_cleanly(run, 2, "[chat.voice_message] cover_image", "missing.png")


def test_file_that_vanished_after_planning_is_reported_and_the_rest_is_sent(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    export = tmp_path / "export"
    (export / "files").mkdir(parents=True)
    (export / "files" / "minutes.txt").write_text("minutes\n", encoding="utf-8")
    # The file comes well after the sender's upload look-ahead, so it is opened only later.
    messages = [message(i, ALICE_ID if i % 2 else BOB_ID, "X", f"text {i}") for i in range(1, 30)]
    messages.insert(25, message(30, ALICE_ID, "Alice", "", file="files/minutes.txt"))
    messages.append(message(31, BOB_ID, "Bob", "the last one"))
    _setup(tmp_path, emulator, {"owner": "alice"}, messages)
    emulator.faults.latency_ms = 80
    try:
        process = subprocess.Popen(
            [str(PYTHON), str(REPO / "build_chat.py"), "--config", "config.toml", "--quiet",
             "--output", "out"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        _wait_for_first_posts(emulator, tmp_path.name, process, count=2)
        (export / "files" / "minutes.txt").unlink()
        stdout, stderr = process.communicate(timeout=90)
    finally:
        emulator.faults.latency_ms = 0
    run = Run(process.returncode, stdout, stderr)
    assert run.code == 1, run
    assert "Traceback" not in run.output
    report = {m["message_id"]: m for m in _report(tmp_path)["messages"]}
    assert report[30]["verdict"] == "failed"
    assert "minutes.txt" in " ".join(report[30]["reasons"])
    assert report[31]["verdict"] == "posted"
    assert sum(m["verdict"] == "posted" for m in report.values()) == 30


def _wait_for_first_posts(
    emu: RunningEmulator, title: str, process: subprocess.Popen[str], *, count: int
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        with emu.state.lock:
            chats = [c.chat_id for c in emu.state.chats.values() if c.title == title]
        if chats and len(emu.chat_messages(chats[0])) >= count:
            return
        time.sleep(0.02)
    stdout, stderr = process.communicate(timeout=30)
    raise AssertionError(f"the migration did not start posting:\n{stdout}\n{stderr}")
