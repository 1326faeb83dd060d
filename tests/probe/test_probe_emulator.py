"""``build_chat.py --probe`` against the emulator over real sockets: its default profile is ok
everywhere and leaves no scratch chat (also after a probe killed midway); each pessimistic
behaviour alone makes exactly its matching check "differs" with the observed value."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import tomlkit

from migrator.emulator.config import Behaviours, EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine.cli import main
from migrator.i18n import Lang, set_language
from migrator.probe.profile import CheckStatus, ServerProfile, read_profile
from migrator.probe.scratch import PREFIX
from migrator.probe.texts import CHECKS
from tests.engine.exports import PASSWORDS, write_config

REPO = Path(__file__).resolve().parents[2]
IDLE_SECONDS = "3"


def _emulator(behaviours: Behaviours | None = None) -> EmulatorThread:
    return EmulatorThread(EmulatorConfig(behaviours=behaviours or Behaviours()))


def _seed(emu: RunningEmulator, tmp_path: Path) -> Path:
    for login, password in PASSWORDS.items():
        emu.add_user(login, password, display_name=login.title())
    return write_config(
        tmp_path / "config.toml", export=tmp_path / "export", port=emu.port, chat_type="group"
    )


def _probe(config: Path, *extra: str) -> tuple[int, ServerProfile]:
    code = main(
        [
            "--config",
            str(config),
            "--probe",
            "--probe-idle-seconds",
            IDLE_SECONDS,
            "--output",
            str(config.parent / "out"),
            *extra,
        ]
    )
    profile = read_profile(config.with_name("config.server-profile.json"))
    assert profile is not None
    return code, profile


def _scratch_chats(emu: RunningEmulator) -> list[str]:
    with emu.state.lock:
        return [
            chat.title
            for chat in emu.state.chats.values()
            if chat.title is not None and chat.title.startswith(PREFIX)
        ]


def _statuses(profile: ServerProfile) -> dict[str, CheckStatus]:
    return {name: check.status for name, check in profile.checks.items()}


def test_default_profile_every_check_ok_and_no_scratch_chat_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _emulator() as emu:
        config = _seed(emu, tmp_path)
        chats_before = len(emu.state.chats)
        code, profile = _probe(config)
        assert _scratch_chats(emu) == []
        assert len(emu.state.chats) == chats_before
    assert code == 0
    assert list(profile.checks) == list(CHECKS)
    assert set(_statuses(profile).values()) == {CheckStatus.OK}, profile.checks
    assert profile.server.version == "5.5.6.1234"
    out = capsys.readouterr().out
    assert "history page size" in out or "размер страницы истории" in out
    assert str(config.with_name("config.server-profile.json")) in out
    saved = config.with_name("config.server-profile.json").read_text(encoding="utf-8")
    for password in PASSWORDS.values():
        assert password not in out and password not in saved
    assert (config.with_name("config.server-profile.json").stat().st_mode & 0o777) == 0o600


def _probe_process(config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            str(REPO / "build_chat.py"),
            "--config",
            str(config),
            "--probe",
            "--probe-idle-seconds",
            "30",
            "--output",
            str(config.parent / "out"),
        ],
        cwd=config.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _history_messages(emu: RunningEmulator) -> int:
    with emu.state.lock:
        return max(
            (
                len(chat.message_ids)
                for chat in emu.state.chats.values()
                if chat.title is not None and chat.title.startswith(PREFIX)
            ),
            default=0,
        )


def test_probe_killed_midway_then_run_again_leaves_no_scratch_chat(tmp_path: Path) -> None:
    with _emulator() as emu:
        config = _seed(emu, tmp_path)
        chats_before = set(emu.state.chats)
        process = _probe_process(config)
        try:
            deadline = time.monotonic() + 60
            while _history_messages(emu) < 30 and time.monotonic() < deadline:
                assert process.poll() is None, "the probe ended before it could be killed"
                time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        assert _scratch_chats(emu), "the killed probe should have left its scratch chat"
        code, profile = _probe(config)
        assert _scratch_chats(emu) == []
        assert set(emu.state.chats) == chats_before
    assert code == 0
    assert set(_statuses(profile).values()) == {CheckStatus.OK}


def _observed(profile: ServerProfile, name: str) -> Any:
    return json.loads(json.dumps(profile.checks[name].observed))


SWITCHES: list[tuple[str, dict[str, Any], str]] = [
    ("normalise_text", {"normalise_text": True}, "text_echo"),
    ("history_page_cap", {"history_page_cap": 20}, "history_page_cap"),
    ("ldap_ids", {"ldap_ids": True}, "author_id_format"),
    ("unordered_pipelining", {"unordered_pipelining": True}, "pipelined_order"),
    ("temporal_file_ttl_seconds", {"temporal_file_ttl_seconds": 1.0}, "temporal_file_scope"),
    ("idle_drop_seconds", {"idle_drop_seconds": 1.5}, "idle_drop"),
    ("shared_box", {"shared_box": True}, "history_order"),
]


def _assert_observed(check: str, observed: Any) -> None:
    if check == "text_echo":
        assert observed["identical"] < observed["samples"]
        assert {d["sample"] for d in observed["differences"]} >= {"line_breaks", "spaces"}
    elif check == "history_page_cap":
        assert observed == 20
    elif check == "author_id_format":
        assert observed["format"] == ["domain\\login@server"]
        assert observed["reported"]["alice"].lower().endswith("\\alice@emulator.local")
        assert observed["case_kept"] is False
    elif check == "pipelined_order":
        assert observed["in_order"] is False
        assert sorted(observed["stored_order"]) == list(range(observed["sent"]))
    elif check == "temporal_file_scope":
        assert observed["after_reconnect"]["works"] is False
        assert observed["other_connection"]["works"] is False
        assert observed["after_wait"]["works"] is False
    elif check == "idle_drop":
        assert 1.0 <= observed["dropped_after_seconds"] < float(IDLE_SECONDS)
    elif check == "history_order":
        assert observed["equal_timestamps"] > 0 or observed["box_ids"] == "shared"


@pytest.mark.parametrize(("behaviour", "switch", "check"), SWITCHES, ids=[s[0] for s in SWITCHES])
def test_each_pessimistic_switch_alone_flags_only_its_check(
    tmp_path: Path, behaviour: str, switch: dict[str, Any], check: str
) -> None:
    with _emulator(Behaviours(**switch)) as emu:
        config = _seed(emu, tmp_path)
        code, profile = _probe(config)
        assert _scratch_chats(emu) == []
    statuses = _statuses(profile)
    assert statuses.pop(check) is CheckStatus.DIFFERS, profile.checks[check]
    flagged = {
        name: profile.checks[name] for name, s in statuses.items() if s is not CheckStatus.OK
    }
    assert not flagged, f"{behaviour} flagged more than {check}: {flagged}"
    _assert_observed(check, _observed(profile, check))
    assert code == 0


def test_pessimistic_profile_probe_completes_flags_each_behaviour_and_cleans_up(
    tmp_path: Path,
) -> None:
    """All behaviours at once, every 5th change applied and then answered with 301 or a
    dropped socket: the probe still runs to its end and removes its scratch chats."""
    with _emulator(Behaviours.profile("pessimistic")) as emu:
        config = _seed(emu, tmp_path)
        _code, profile = _probe(config)
        assert _scratch_chats(emu) == []
    statuses = _statuses(profile)
    assert list(statuses) == list(CHECKS)
    for check in ("text_echo", "history_page_cap", "author_id_format", "error_after_effect"):
        assert statuses[check] is CheckStatus.DIFFERS, profile.checks[check]
    assert _observed(profile, "history_page_cap") == 20
    assert _observed(profile, "error_after_effect")["applied_anyway"] > 0


def test_a_check_left_undone_says_why_in_the_interface_language(tmp_path: Path) -> None:
    with _emulator() as emu:
        config = _seed(emu, tmp_path)
        document = tomlkit.parse(config.read_text("utf-8"))
        owner = str(document["chat"]["owner"])
        users = document["users"]
        for login in [name for name in users if name != owner]:
            del users[login]
        config.write_text(tomlkit.dumps(document), "utf-8")
        try:
            _, profile = _probe(config, "--lang", "ru")
        finally:
            set_language(Lang.EN)
    assert profile.checks["p2p_reuse"].status is CheckStatus.DIFFERS
    assert profile.checks["p2p_reuse"].observed == {
        "not_checked": "в [users] нет другой учётной записи"
    }
