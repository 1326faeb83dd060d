"""Running the three scripts as an administrator would, and writing the inputs they read.

Shared by the bad-input and the security suites: the scripts run as subprocesses of the project's
interpreter, so what is asserted is exactly what a terminal would show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "bad_input"
PYTHON = Path(sys.executable)

ALICE_ID, BOB_ID, CAROL_ID, DAVE_ID = 2001, 2002, 2003, 2004
BASE_UNIXTIME = 1756735200  # 2025-09-01 14:00 UTC


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return f"exit {self.code}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"


def run_script(
    script: str,
    *args: str | Path,
    cwd: Path,
    timeout: float = 90,
    memory_limit: int | None = None,
) -> Run:
    """Run ``script`` (parse_users.py, add_users_to_server.py, build_chat.py) from ``cwd``.

    ``memory_limit``: the most address space in bytes the script may use (POSIX only).
    """
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("PYTHONPATH", None)
    completed = subprocess.run(
        [str(PYTHON), str(REPO / script), *(str(arg) for arg in args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
        preexec_fn=None if memory_limit is None else _limit_memory(memory_limit),
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def _limit_memory(limit: int) -> Callable[[], None]:
    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def assert_fails_cleanly(run: Run, code: int, *fragments: str) -> None:
    """Exit ``code``, no traceback anywhere, and every fragment in what the user sees."""
    assert run.code == code, run
    assert "Traceback" not in run.output, run
    for fragment in fragments:
        assert fragment in run.output, f"{fragment!r} missing from:\n{run}"


def message(
    mid: int, sender: int | None, name: str | None, text: Any, **extra: Any
) -> dict[str, Any]:
    """One ordinary message as Telegram Desktop writes it."""
    raw: dict[str, Any] = {
        "id": mid,
        "type": "message",
        "date": f"2025-09-01T14:{int(mid) % 60:02d}:00",
        "date_unixtime": str(BASE_UNIXTIME + int(mid) * 60),
    }
    if sender is not None:
        raw["from"] = name
        raw["from_id"] = f"user{sender}"
    raw["text"] = text
    if isinstance(text, str):
        raw["text_entities"] = [{"type": "plain", "text": text}] if text else []
    raw.update(extra)
    return raw


def simple_messages() -> list[dict[str, Any]]:
    return [
        message(1, ALICE_ID, "Alice", "Hello"),
        message(2, BOB_ID, "Bob", "Hi Alice", reply_to_message_id=1),
        message(3, ALICE_ID, "Alice", "Bye"),
    ]


def write_export(
    folder: Path,
    messages: list[dict[str, Any]] | None = None,
    *,
    name: str = "Team",
    kind: str = "private_group",
    chat_id: int = 777,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "name": name,
        "type": kind,
        "id": chat_id,
        "messages": simple_messages() if messages is None else messages,
    }
    (folder / "result.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def write_config(
    path: Path,
    *,
    export: Path | str = "export",
    server: dict[str, Any] | None = None,
    chat: dict[str, Any] | None = None,
    registration: dict[str, Any] | None = None,
    users: dict[str, dict[str, Any]] | None = None,
    extra_lines: str = "",
    mode: int = 0o600,
) -> Path:
    """A config.toml with the given tables (``chat`` may hold ``datetime``/``voice_message``)."""
    lines = [f"telegram_export_dir = {toml_value(str(export))}", extra_lines, "[server]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in (server or {}).items()]
    chat = dict(chat or {})
    nested = {key: chat.pop(key) for key in ("datetime", "voice_message") if key in chat}
    lines.append("[chat]")
    lines += [f"{key} = {toml_value(value)}" for key, value in chat.items()]
    for table, values in nested.items():
        lines.append(f"[chat.{table}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in values.items()]
    lines.append("[registration]")
    lines += [f"{key} = {toml_value(value)}" for key, value in (registration or {}).items()]
    lines.append("[users]")
    for login, fields in (users or {}).items():
        lines.append(f"[users.{login}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in fields.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


def emulator_server(host: str, port: int, **overrides: Any) -> dict[str, Any]:
    """``[server]`` for a plain-HTTP emulator with its default OAuth client."""
    section: dict[str, Any] = {
        "address": host,
        "port": port,
        "https": False,
        "client_id": "emulator",
        "client_secret": "emulator-secret",
    }
    section.update(overrides)
    return section
