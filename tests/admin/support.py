"""Running the scripts as an administrator would, in a given language and console encoding."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from typing import Any

from migrator.emulator.server import RunningEmulator
from migrator.engine.run import build_chat
from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    PYTHON,
    REPO,
    Run,
    message,
    write_config,
    write_export,
)
from tests.engine import exports
from tests.engine.helpers import build_options

USERS = {
    "alice": {"password": "Alice-pass-1", "telegram_id": f"user{ALICE_ID}"},
    "bob": {"password": "Bob-pass-22", "telegram_id": f"user{BOB_ID}"},
}


def run_as_admin(
    script: str,
    *args: str | Path,
    cwd: Path,
    encoding: str = "utf-8",
    lang: str = "C.UTF-8",
    timeout: float = 90,
) -> Run:
    """Run ``script`` with the console encoding ``encoding`` and the locale ``lang``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "LANG": lang, "COLUMNS": "120"}
    for name in ("PYTHONPATH", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    completed = subprocess.run(
        [str(PYTHON), str(REPO / script), *(str(arg) for arg in args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return Run(
        completed.returncode,
        completed.stdout.decode(encoding),
        completed.stderr.decode(encoding),
    )


def emoji_chat(folder: Path, **chat: Any) -> Path:
    """An export and config.toml whose chat and people have emoji in their names."""
    messages = [
        message(1, ALICE_ID, "Alice 🚀", "Hello 👋"),
        message(2, BOB_ID, "Боб 😀", "Привет", reply_to_message_id=1),
        message(3, 2999, "Гость 🎉", "no account"),
    ]
    write_export(folder / "export", messages, name="Команда 🚀")
    return write_config(
        folder / "config.toml",
        server={"address": "127.0.0.1", "port": 9, "https": False},
        chat={"name": "Команда 🚀", "owner": "alice", "language": "en", **chat},
        users=USERS,
    )


def chat_with_problems(folder: Path, port: int) -> Path:
    export = folder / "export"
    (export / "files").mkdir(parents=True)
    (export / "files" / "setup.exe").write_bytes(b"MZ" + b"\0" * 100)
    (export / "files" / "notes.txt").write_text("notes\n", encoding="utf-8")
    messages = [
        exports._message(1, exports.ALICE, "Alice", "hello"),
        exports._message(
            2, exports.BOB, "Bob", "look at this", photo="photos/gone.jpg", width=9, height=9
        ),
        exports._message(3, exports.BOB, "Bob", "", file="files/setup.exe", file_size=102),
        exports._message(
            4, exports.ALICE, "Alice", "the minutes", file="files/notes.txt", file_size=6
        ),
        exports._message(5, exports.ALICE, "Alice", "bye"),
    ]
    exports.write_export(export, kind="private_group", name="Team", chat_id=777, messages=messages)
    return exports.write_config(
        folder / "config.toml",
        export=export,
        port=port,
        chat_type="group",
        extra='[chat.datetime]\ntimezone = "Asia/Yekaterinburg"',
    )


def migrate_with_problems(server: RunningEmulator, tmp_path: Path) -> Path:
    """A dry run (the preview), then the migration: message 2's photo is not in the export,
    message 3's .exe the server refuses, message 4's upload fails; returns the output folder."""
    config = chat_with_problems(tmp_path, server.port)
    assert build_chat(build_options(config, tmp_path, dry_run=True), stdout=io.StringIO()) == 0
    server.faults.upload_5xx_probability = 1.0  # every upload fails: message 4's file
    options = build_options(config, tmp_path, retry_attempts=2)
    assert build_chat(options, stdout=io.StringIO()) == 1
    return tmp_path / "out"
