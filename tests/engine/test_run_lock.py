"""One build_chat.py at a time per ledger: a second run exits 2 at once, naming the lock and the
process; a lock left by a killed run is taken over."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from migrator.emulator.model import USER_MESSAGE_TYPES
from migrator.emulator.server import RunningEmulator
from migrator.ledger import ledger_path_for
from migrator.runlock import info_path_for, lock_path_for, read_holder, run_lock

from .exports import write_config, write_export
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript
from .killing import Phase, finish, killing, run_build, start_build
from .test_crash import crash_export


def crash_config(emu: RunningEmulator, tmp_path: Path, count: int = 20) -> Path:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Lock", chat_id=55, messages=crash_export(export, count)
    )
    return write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")


def user_messages(emu: RunningEmulator) -> int:
    with emu.state.lock:
        return sum(m.type in USER_MESSAGE_TYPES for m in emu.state.messages.values())


def test_two_runs_at_once_one_posts_the_other_stops_at_once(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    config = crash_config(emu, tmp_path, count=30)
    emu.faults.latency_ms = 100  # the first run takes seconds; the second must not wait for it
    started = time.monotonic()
    processes = [start_build(config, tmp_path / "out1"), start_build(config, tmp_path / "out2")]
    ended: dict[int, float] = {}
    while len(ended) < len(processes) and time.monotonic() - started < 120:
        for index, process in enumerate(processes):
            if index not in ended and process.poll() is not None:
                ended[index] = time.monotonic() - started
        time.sleep(0.01)
    finished = [(finish(process), ended[index]) for index, process in enumerate(processes)]
    assert sorted(done.code for done, _ in finished) == [0, 2]
    (winner, winner_took), (loser, loser_took) = sorted(finished, key=lambda item: item[0].code)
    assert loser_took < winner_took  # it did not wait for the other run
    assert loser_took < 15
    lock = lock_path_for(ledger_path_for(config))
    assert str(lock) in loser.stderr
    assert "build_chat.py migration, process " in loser.stderr
    assert socket.gethostname() in loser.stderr
    assert "Traceback" not in loser.stderr
    assert winner.stderr == "" or "Traceback" not in winner.stderr
    messages = read_chat(emu, chat_id_of(config, emu, "tg55"))
    assert transcript(messages) == expected_rows(planned_posts(config))  # each message once
    assert user_messages(emu) == len(messages)
    assert not info_path_for(lock).exists()  # the winner released it


def test_the_loser_stops_within_seconds(emu: RunningEmulator, tmp_path: Path) -> None:
    config = crash_config(emu, tmp_path, count=4)
    ledger = ledger_path_for(config)
    with run_lock(ledger, what="ledger", program="build_chat.py", purpose="migration"):
        started = time.monotonic()
        done = run_build(config, tmp_path / "out")
        took = time.monotonic() - started
    assert done.code == 2, done.stderr
    assert took < 15
    assert f"process {os.getpid()} on {socket.gethostname()}" in done.stderr
    assert str(lock_path_for(ledger)) in done.stderr
    assert emu.state.chats == {} and user_messages(emu) == 0  # nothing created or signed in for


def test_verify_waits_for_no_one_but_never_runs_beside_a_migration(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    config = crash_config(emu, tmp_path, count=4)
    assert run_build(config, tmp_path / "out").code == 0
    ledger = ledger_path_for(config)
    with run_lock(ledger, what="ledger", program="build_chat.py", purpose="migration"):
        during = run_build(config, tmp_path / "out", "--verify")
    assert during.code == 2 and "Traceback" not in during.stderr
    with run_lock(ledger, what="ledger", program="build_chat.py", purpose="--verify", shared=True):
        beside_a_verify = run_build(config, tmp_path / "out", "--verify")
        blocked = run_build(config, tmp_path / "out")
    assert beside_a_verify.code == 0, beside_a_verify.stderr
    assert blocked.code == 2 and "--verify, process" in blocked.stderr


def test_a_killed_runs_lock_is_taken_over(
    emu: RunningEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = crash_config(emu, tmp_path, count=8)
    lock = lock_path_for(ledger_path_for(config))
    out = tmp_path / "out"
    with killing(monkeypatch, "sendMessage") as killer:
        process = start_build(config, out)
        assert killer.run(process, Phase.AFTER_APPLY, 2).killed
    left = read_holder(lock)
    assert left is not None and left.pid == process.pid  # the dead run's info is still there

    resumed = run_build(config, out)
    assert resumed.code == 0, resumed.stderr
    log = (out / "build_chat.log").read_text(encoding="utf-8")
    assert "stopped without releasing it; taken over" in log
    assert f"process {process.pid} " in log
    assert not info_path_for(lock).exists()
    messages = read_chat(emu, chat_id_of(config, emu, "tg55"))
    assert transcript(messages) == expected_rows(planned_posts(config))
