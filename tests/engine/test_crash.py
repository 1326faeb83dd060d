"""SIGKILL the migration from outside at 20 points, resuming each time: nothing lost or doubled.

The kills land before the server applies a send (the ledger says ``sending``), after the server
applied it but before the answer reaches the migrator (so before the ledger's mark), and a
little after a send was applied (after the mark, or in the middle of the next post).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator.config import PROFILES
from migrator.emulator.server import RunningEmulator

from .exports import ALICE, BOB, _message, write_config, write_export
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript
from .killing import Phase, killing, run_build, start_build

pytestmark = pytest.mark.parametrize("emu", PROFILES, indirect=True)

SENDS = ("sendMessage", "sendFile")


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


def test_sigkill_at_twenty_points_then_resume(
    emu: RunningEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Crash", chat_id=4242, messages=crash_export(export, 160)
    )
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    out = tmp_path / "out"
    rng = random.Random(20)
    phases: list[Phase] = []
    with killing(monkeypatch, *SENDS) as killer:
        for _ in range(20):
            phase = rng.choice(list(Phase))
            done = killer.run(
                start_build(config, out), phase, rng.randint(1, 2), rng.uniform(0.0, 0.05)
            )
            assert done.killed or done.code == 0, done.stderr
            assert "Traceback" not in done.stderr
            if done.killed:
                phases.append(phase)
    assert len(phases) >= 15
    assert set(phases) == set(Phase)  # every kind of kill point was hit
    finished = run_build(config, out)
    assert finished.code == 0, finished.stderr
    assert run_build(config, out, "--verify").code == 0  # no difference found
    messages = read_chat(emu, chat_id_of(config, emu, "tg4242"))
    assert transcript(messages) == expected_rows(planned_posts(config), emu)
    ids = [m.message_id for m in messages]
    assert len(ids) == len(set(ids))
    assert len([c for c in emu.state.chats.values() if c.title == "Migrated"]) == 1
