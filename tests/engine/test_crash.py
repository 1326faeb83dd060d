"""SIGKILL the migration at 20 random points, resuming each time: nothing lost or doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from migrator.emulator.server import RunningEmulator
from migrator.send.sender import KILL_ENV

from .exports import ALICE, BOB, _message, write_config, write_export
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript

REPO = Path(__file__).resolve().parents[2]
PHASES = ("before_send", "after_send", "after_mark")


def crash_export(export: Path, count: int) -> list[dict[str, Any]]:
    (export / "files").mkdir(parents=True, exist_ok=True)
    messages: list[dict[str, Any]] = []
    for i in range(1, count + 1):
        sender, name = (ALICE, "Alice") if i % 2 else (BOB, "Bob")
        if i % 4 == 0:
            path = export / "files" / f"part{i}.txt"
            path.write_text(f"part {i}\n" * i, encoding="utf-8")
            messages.append(
                _message(
                    i, sender, name, f"file {i}", file=f"files/part{i}.txt", mime_type="text/plain"
                )
            )
        else:
            messages.append(
                _message(
                    i,
                    sender,
                    name,
                    f"message {i}",
                    reply_to_message_id=i - 1 if i % 3 == 0 else None,
                )
            )
    return [{k: v for k, v in m.items() if v is not None} for m in messages]


def run_build(config: Path, out: Path, kill_at: str | None, *extra: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != KILL_ENV}
    if kill_at is not None:
        env[KILL_ENV] = kill_at
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "build_chat.py"),
            "--config",
            str(config),
            "--quiet",
            "--output",
            str(out),
            *extra,
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    return done.returncode


def test_sigkill_at_twenty_points_then_resume(emu: RunningEmulator, tmp_path: Path) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Crash", chat_id=4242, messages=crash_export(export, 30)
    )
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    rng = random.Random(20)
    killed = 0
    for _ in range(20):
        point = f"{rng.randint(0, 2)}:{rng.choice(PHASES)}"
        code = run_build(config, tmp_path / "out", point)
        assert code in (-signal.SIGKILL, 0), code
        killed += code == -signal.SIGKILL
    assert killed >= 15
    assert run_build(config, tmp_path / "out", None, "--verify") == 0  # no difference found
    messages = read_chat(emu, chat_id_of(config, emu, "tg4242"))
    assert transcript(messages) == expected_rows(planned_posts(config))
    ids = [m.message_id for m in messages]
    assert len(ids) == len(set(ids))
    assert len([c for c in emu.state.chats.values() if c.title == "Migrated"]) == 1
