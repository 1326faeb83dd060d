from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from migrator.errors import ConfigError
from migrator.probe.profile import (
    CheckResult,
    CheckStatus,
    ServerInfo,
    ServerProfile,
    profile_path_for,
    read_profile,
    write_profile,
)

PROBED = datetime(2026, 12, 1, 10, 15, tzinfo=UTC)


def _profile() -> ServerProfile:
    return ServerProfile(
        server=ServerInfo(version="5.5.6.1234", address="https://tc.example"),
        probed_at=PROBED,
        checks={
            "history_page_cap": CheckResult(
                status=CheckStatus.DIFFERS, observed=20, effect="pages of 20"
            ),
            "channel_writer": CheckResult(
                status=CheckStatus.BLOCKING, observed={"posted": False}, effect="no"
            ),
        },
    )


def test_profile_file_is_beside_the_config_named_after_it(tmp_path: Path) -> None:
    assert profile_path_for(tmp_path / "office.toml") == tmp_path / "office.server-profile.json"


def test_written_profile_reads_back_equal_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "config.server-profile.json"
    write_profile(path, _profile())
    assert read_profile(path) == _profile()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_file_has_the_documented_shape(tmp_path: Path) -> None:
    import json

    path = tmp_path / "p.json"
    write_profile(path, _profile())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["server"]["version"] == "5.5.6.1234"
    assert data["probed_at"].startswith("2026-12-01T10:15:00")
    assert data["checks"]["history_page_cap"] == {
        "status": "differs",
        "observed": 20,
        "effect": "pages of 20",
    }


def test_missing_profile_is_none(tmp_path: Path) -> None:
    assert read_profile(tmp_path / "none.json") is None


def test_damaged_profile_names_the_file_the_key_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(
        '{"format": 1, "server": {}, "probed_at": "2026-12-01T10:15:00Z", '
        '"checks": {"text_echo": {"status": "maybe"}}}',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        read_profile(path)
    assert str(path) in caught.value.message
    assert "checks.text_echo.status" in caught.value.message
    assert caught.value.hint is not None and "--probe" in caught.value.hint


def test_profile_of_another_format_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    write_profile(path, _profile().model_copy(update={"format": 2}))
    with pytest.raises(ConfigError, match="format 2"):
        read_profile(path)


def test_age_and_blocking_checks() -> None:
    profile = _profile()
    assert profile.age(PROBED + timedelta(hours=2)) == 7200
    assert list(profile.blocking) == ["channel_writer"]
    assert profile.status("history_page_cap") is CheckStatus.DIFFERS
    assert profile.status("text_echo") is None
