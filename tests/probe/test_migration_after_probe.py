"""A migration after a probe is exactly-once under each pessimistic behaviour: the probe writes
the profile, the migration follows it, is SIGKILLed from outside three times, resumes, and the
chat holds every post once, in order, which --verify confirms."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator.config import Behaviours, EmulatorConfig
from migrator.emulator.server import EmulatorThread
from migrator.engine.cli import main
from migrator.probe.profile import profile_path_for, read_profile
from migrator.probe.settings import settings_from
from migrator.send.reconcile import visible_text
from tests.engine.exports import ALICE, BOB, PASSWORDS, _message, write_config, write_export
from tests.engine.helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript
from tests.engine.killing import Phase, killing, run_build, start_build
from tests.engine.test_crash import SENDS, crash_export

from .test_probe_emulator import SWITCHES

Row = tuple[str, str | None, str | None]


def _comparable(rows: list[Row]) -> list[Row]:
    """Logins without an LDAP domain and in lower case, texts as their visible characters (a
    normalising server stores other bytes for the same text)."""
    return [
        (login.rpartition("\\")[2].lower(), None if text is None else visible_text(text), name)
        for login, text, name in rows
    ]


@pytest.mark.parametrize(("behaviour", "switch", "check"), SWITCHES, ids=[s[0] for s in SWITCHES])
def test_probe_then_crashed_migration_is_exactly_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    behaviour: str,
    switch: dict[str, Any],
    check: str,
) -> None:
    with EmulatorThread(EmulatorConfig(behaviours=Behaviours(**switch))) as emu:
        for login, password in PASSWORDS.items():
            emu.add_user(login, password, display_name=login.title())
        export = tmp_path / "export"
        write_export(
            export,
            kind="private_group",
            name="Crash",
            chat_id=4242,
            messages=crash_export(export, 16),
        )
        config = write_config(
            tmp_path / "config.toml", export=export, port=emu.port, chat_type="group"
        )
        probe = ["--config", str(config), "--probe", "--probe-idle-seconds", "2", "--quiet"]
        assert main([*probe, "--output", str(tmp_path / "probe")]) == 0
        profile = read_profile(profile_path_for(config))
        assert profile is not None and profile.status(check) is not None
        assert profile.checks[check].status.value == "differs", behaviour
        rng = random.Random(behaviour)
        out = tmp_path / "out"
        killed = 0
        with killing(monkeypatch, *SENDS) as killer:
            for phase in (Phase.BEFORE_APPLY, Phase.AFTER_APPLY, Phase.LATER):
                done = killer.run(start_build(config, out), phase, rng.randint(2, 4), 0.01)
                assert done.killed or done.code == 0, done.stderr
                killed += done.killed
        assert killed >= 1
        finished = run_build(config, out)
        assert finished.code == 0, finished.stderr
        assert run_build(config, out, "--verify").code == 0
        messages = read_chat(emu, chat_id_of(config, emu, "tg4242"))
        rows: list[Row] = [(m.login, m.text, m.file_name) for m in messages]
        assert _comparable(rows) == _comparable(expected_rows(planned_posts(config)))
        ids = [m.message_id for m in messages]
        assert len(ids) == len(set(ids))


def runs_export(export: Path, count: int) -> list[dict[str, Any]]:
    """Long runs of Alice's posts (sent in windows after a probe), a post of Bob's and a file now
    and then, replies inside a run and across runs."""
    (export / "files").mkdir(parents=True, exist_ok=True)
    messages: list[dict[str, Any]] = []
    for i in range(1, count + 1):
        sender, name = (BOB, "Bob") if i % 13 == 0 else (ALICE, "Alice")
        if i % 20 == 0:
            (export / "files" / f"part{i}.txt").write_text(f"part {i}\n" * i, encoding="utf-8")
            extra: dict[str, Any] = {"file": f"files/part{i}.txt", "mime_type": "text/plain"}
            messages.append(_message(i, sender, name, f"file {i}", **extra))
        else:
            reply = i - 1 if i % 7 == 0 else (i - 12 if i % 11 == 0 and i > 12 else None)
            messages.append(_message(i, sender, name, f"run {i}", reply_to_message_id=reply))
    return [{k: v for k, v in m.items() if v is not None} for m in messages]


def test_probe_then_crashed_pipelined_migration_is_exactly_once_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default emulator keeps the order of requests in flight together: the probe says so,
    the migration sends windows of posts, is SIGKILLed inside them (after the server applied a
    send, or a moment later; the server applies what it had received), resumes, and the chat
    holds every post once, in order."""
    with EmulatorThread(EmulatorConfig()) as emu:
        for login, password in PASSWORDS.items():
            emu.add_user(login, password, display_name=login.title())
        export = tmp_path / "export"
        write_export(
            export,
            kind="private_group",
            name="Runs",
            chat_id=4343,
            messages=runs_export(export, 59),
        )
        config = write_config(
            tmp_path / "config.toml", export=export, port=emu.port, chat_type="group"
        )
        probe = ["--config", str(config), "--probe", "--probe-idle-seconds", "1", "--quiet"]
        assert main([*probe, "--output", str(tmp_path / "probe")]) == 0
        assert settings_from(read_profile(profile_path_for(config))).pipelined_posts
        rng = random.Random(43)
        out = tmp_path / "out"
        killed = 0
        with killing(monkeypatch, "sendMessage") as killer:
            for phase in (Phase.AFTER_APPLY, Phase.LATER, Phase.AFTER_APPLY, Phase.LATER):
                done = killer.run(start_build(config, out), phase, rng.randint(3, 12), 0.005)
                assert done.killed or done.code == 0, done.stderr
                assert "Traceback" not in done.stderr
                killed += done.killed
        assert killed >= 3
        finished = run_build(config, out)
        assert finished.code == 0, finished.stderr
        assert run_build(config, out, "--verify").code == 0
        messages = read_chat(emu, chat_id_of(config, emu, "tg4343"))
        assert transcript(messages) == expected_rows(planned_posts(config), emu)
        ids = [m.message_id for m in messages]
        assert len(ids) == len(set(ids))
