"""A migration after a probe: it says which profile it follows, a blocking finding stops it
(exit 2, nothing created) unless --ignore-probe, and under a capped history it still resumes and
verifies exactly once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from migrator.emulator.config import Behaviours, EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine.cli import main
from migrator.probe import checks
from migrator.probe.profile import (
    ServerInfo,
    ServerProfile,
    profile_path_for,
    read_profile,
    write_profile,
)
from tests.engine.exports import PASSWORDS
from tests.engine.helpers import (
    expected_rows,
    planned_posts,
    read_back,
    transcript,
    write_team_chat,
)


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")


def _seeded(emu: RunningEmulator) -> RunningEmulator:
    for login, password in PASSWORDS.items():
        emu.add_user(login, password, display_name=login.title())
    return emu


def _build(config: Path, *extra: str) -> int:
    return main(["--config", str(config), "--output", str(config.parent / "out"), *extra])


def _chat_titles(emu: RunningEmulator) -> list[str | None]:
    with emu.state.lock:
        return [chat.title for chat in emu.state.chats.values()]


def test_without_a_profile_the_run_says_it_uses_safe_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with EmulatorThread(EmulatorConfig()) as emu:
        config = write_team_chat(_seeded(emu), tmp_path)
        assert _build(config) == 0
    out = capsys.readouterr().out
    assert f"No server profile ({profile_path_for(config)}): safe settings" in out


def test_a_dry_run_says_the_profile_in_its_preflight_after_the_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with EmulatorThread(EmulatorConfig()) as emu:
        config = write_team_chat(_seeded(emu), tmp_path)
        write_profile(
            profile_path_for(config),
            ServerProfile(
                server=ServerInfo(version="5.5.6", address=emu.base_url),
                probed_at=datetime.now(UTC),
                checks={
                    "history_page_cap": checks.evaluate_history_page_cap(asked=100, returned=20)
                },
            ),
        )
        assert _build(config, "--dry-run") == 0
    lines = capsys.readouterr().out.splitlines()
    said = [i for i, line in enumerate(lines) if line.startswith("Server profile: ")]
    assert len(said) == 1, lines  # once, inside the preflight
    assert "checks that differ: history_page_cap" in lines[said[0]]
    target = lines.index(f"Target: TrueConf Server {emu.base_url}")
    new_chat = next(i for i, line in enumerate(lines) if line.startswith("  a new chat"))
    chat = next(i for i, line in enumerate(lines) if line.startswith("Telegram chat "))
    assert target < new_chat < said[0] < chat, lines


def _channel_with_a_refused_writer(emu: RunningEmulator, tmp_path: Path) -> Path:
    """A channel's config beside a profile whose channel_writer check is blocking."""
    refused = checks.evaluate_channel_writer(
        role_error=None, post_error="303: Not enough rights", post_seen=False
    )
    config = write_team_chat(_seeded(emu), tmp_path, kind="private_channel", chat_type="channel")
    write_profile(
        profile_path_for(config),
        ServerProfile(
            server=ServerInfo(version="5.5.6", address=emu.base_url),
            probed_at=datetime.now(UTC),
            checks={"channel_writer": refused},
        ),
    )
    return config


def test_blocking_channel_finding_stops_a_channel_migration_unless_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with EmulatorThread(EmulatorConfig()) as emu:
        config = _channel_with_a_refused_writer(emu, tmp_path)
        assert _build(config) == 2
        captured = capsys.readouterr()
        assert "has blocking findings: channel_writer" in captured.err
        assert "--ignore-probe" in captured.err
        assert "Migrated" not in _chat_titles(emu)  # nothing was created
        assert "checks that differ: channel_writer" in captured.out
        assert _build(config, "--ignore-probe") == 0
        assert (
            "Blocking findings ignored (--ignore-probe): channel_writer" in capsys.readouterr().out
        )
        assert _chat_titles(emu).count("Migrated") == 1


def test_blocking_finding_is_said_in_russian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with EmulatorThread(EmulatorConfig()) as emu:
        config = _channel_with_a_refused_writer(emu, tmp_path)
        assert _build(config, "--lang", "ru") == 2
        assert "Migrated" not in _chat_titles(emu)
    err = capsys.readouterr().err
    assert f"В профиле сервера {profile_path_for(config)} есть препятствия: channel_writer" in err
    assert "автор с ролью writer не может публиковать" in err  # the effect, in Russian too
    assert "укажите --ignore-probe, чтобы перенести всё равно" in err
    assert "blocking findings" not in err


def test_migration_after_a_probe_of_a_capped_history_resumes_and_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with EmulatorThread(EmulatorConfig(behaviours=Behaviours(history_page_cap=3))) as emu:
        config = write_team_chat(_seeded(emu), tmp_path)
        assert _build(config, "--probe", "--probe-idle-seconds", "1") == 0
        profile = read_profile(profile_path_for(config))
        assert profile is not None and profile.checks["history_page_cap"].observed == 3
        capsys.readouterr()
        assert _build(config, "--quiet") == 0
        assert _build(config, "--quiet") == 0  # a re-run reads the capped history back
        assert _build(config, "--verify") == 0
        assert "verified" in capsys.readouterr().out
        rows = transcript(read_back(emu, config))  # pages of 3, read to the start
    assert rows == expected_rows(planned_posts(config))
