"""SIGKILL the migration at 20 random points, resuming each time: nothing lost or doubled.

The process is killed from outside: a thread watches the in-process emulator and sends SIGKILL
to the ``build_chat.py`` subprocess as soon as the chat holds the chosen number of messages.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator.config import PROFILES
from migrator.emulator.server import RunningEmulator

from .exports import ALICE, BOB, _message, write_config, write_export
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript

pytestmark = pytest.mark.parametrize("emu", PROFILES, indirect=True)


REPO = Path(__file__).resolve().parents[2]
TITLE = "Migrated"


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


def run_build(
    config: Path,
    out: Path,
    *extra: str,
    kill_when: Callable[[], bool] | None = None,
    grace: float = 0.0,
) -> int:
    """build_chat.py in a subprocess; SIGKILLed ``grace`` seconds after ``kill_when()`` holds."""
    process = subprocess.Popen(
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
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    done = threading.Event()

    def watch() -> None:
        while kill_when is not None and not done.is_set() and process.poll() is None:
            if kill_when():
                time.sleep(grace)
                process.send_signal(signal.SIGKILL)
                return
            time.sleep(0.001)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return process.wait(timeout=60)
    finally:
        done.set()
        watcher.join()


def messages_in_chat(emu: RunningEmulator, title: str = TITLE) -> int:
    with emu.state.lock:
        return sum(len(c.message_ids) for c in emu.state.chats.values() if c.title == title)


def test_sigkill_at_twenty_points_then_resume(emu: RunningEmulator, tmp_path: Path) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Crash", chat_id=4242, messages=crash_export(export, 30)
    )
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    rng = random.Random(20)
    killed = 0
    for _ in range(20):
        target = messages_in_chat(emu) + rng.randint(1, 2)
        code = run_build(
            config,
            tmp_path / "out",
            kill_when=lambda n=target: messages_in_chat(emu) >= n,
            grace=rng.choice((0.0, 0.0, 0.002, 0.01)),  # before or after the ledger's mark
        )
        assert code in (-signal.SIGKILL, 0), code
        killed += code == -signal.SIGKILL
    assert killed >= 15
    assert run_build(config, tmp_path / "out") == 0  # whatever is left
    assert run_build(config, tmp_path / "out", "--verify") == 0  # no difference found
    messages = read_chat(emu, chat_id_of(config, emu, "tg4242"))
    assert transcript(messages) == expected_rows(planned_posts(config), emu)
    ids = [m.message_id for m in messages]
    assert len(ids) == len(set(ids))
    assert len([c for c in emu.state.chats.values() if c.title == TITLE]) == 1
