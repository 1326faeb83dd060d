"""A [users] entry holding someone else's valid token stops build_chat.py before anything is
created or posted (exit 2, naming the entry, never the token)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat

from .exports import ALICE, BOB, PASSWORDS, write_config, write_export
from .helpers import build_options
from .killing import run_build
from .test_crash import crash_export


def _config(emu: RunningEmulator, tmp_path: Path, bob: dict[str, str]) -> Path:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Ids", chat_id=66, messages=crash_export(export, 4)
    )
    users = {
        "alice": {"password": PASSWORDS["alice"], "telegram_id": f"user{ALICE}"},
        "bob": {**bob, "telegram_id": f"user{BOB}"},
    }
    return write_config(
        tmp_path / "config.toml", export=export, port=emu.port, chat_type="group", users=users
    )


def test_someone_elses_token_stops_the_run_before_anything_happens(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    alices_token = emu.issue_token("alice")
    config = _config(emu, tmp_path, {"access_token": alices_token})
    done = run_build(config, tmp_path / "out")
    assert done.code == 2
    assert "[users.bob]" in done.stderr and "'alice'" in done.stderr
    assert str(config) in done.stderr
    assert alices_token not in done.stderr + done.stdout
    assert alices_token.split(".")[1] not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert emu.state.chats == {} and emu.state.messages == {}
    assert not (tmp_path / "config.ledger.sqlite").exists()
    assert run_build(config, tmp_path / "out", "--dry-run").code == 2  # the dry run says so too


def test_own_token_and_a_token_without_subject_go_ahead(
    emu: RunningEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _config(emu, tmp_path, {"access_token": emu.issue_token("bob")})
    assert run_build(config, tmp_path / "out").code == 0
    assert len(emu.state.messages) > 0

    without_subject = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln"  # {"exp": 2100-01-01}
    config = _config(emu, tmp_path, {"access_token": without_subject})
    with caplog.at_level(logging.INFO):
        assert build_chat(build_options(config, tmp_path, dry_run=True)) == 0
    assert "[users.bob]: the token names no account (no subject claim)" in caplog.text
