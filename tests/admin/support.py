"""Running the scripts as an administrator would, in a given language and console encoding."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

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
