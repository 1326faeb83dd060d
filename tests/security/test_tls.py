"""TLS: the certificate is checked unless the administrator says otherwise, saying otherwise is
warned about on every run, and a private CA bundle is enough to trust a company server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator
from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    Run,
    assert_fails_cleanly,
    emulator_server,
    message,
    run_script,
    write_config,
    write_export,
)

WARNING = "TLS certificate checking is off ([server] verify_ssl = false"
USERS = {
    "alice": {
        "display_name": "Alice",
        "password": "Alice-pass-1",
        "telegram_id": f"user{ALICE_ID}",
    },
    "bob": {"display_name": "Bob", "password": "Bob-pass-22", "telegram_id": f"user{BOB_ID}"},
}


@pytest.fixture(scope="module")
def tls_emulator() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None, tls=True)) as running:
        yield running


def _setup(folder: Path, emu: RunningEmulator, **server: Any) -> None:
    write_export(
        folder / "export",
        [message(1, ALICE_ID, "Alice", "over TLS"), message(2, BOB_ID, "Bob", "indeed")],
    )
    section = emulator_server(emu.host, emu.port, https=True, **server)
    write_config(
        folder / "config.toml",
        server=section,
        chat={"name": "TLS", "owner": "alice", "language": "en"},
        users=USERS,
    )


def _add_users(folder: Path) -> Run:
    return run_script("add_users_to_server.py", "--config", "config.toml", cwd=folder)


def _build(folder: Path, *extra: str) -> Run:
    return run_script(
        "build_chat.py", "--config", "config.toml", "--quiet", "--output", "out", *extra, cwd=folder
    )


def test_certificate_is_checked_by_default_for_accounts(
    tmp_path: Path, tls_emulator: RunningEmulator
) -> None:
    _setup(tmp_path, tls_emulator)  # no verify_ssl key at all
    assert "verify_ssl" not in (tmp_path / "config.toml").read_text(encoding="utf-8")
    run = _add_users(tmp_path)
    assert_fails_cleanly(run, 3, "could not be verified", "verify_ssl")


def test_certificate_is_checked_by_default_for_the_migration(
    tmp_path: Path, tls_emulator: RunningEmulator
) -> None:
    _setup(tmp_path, tls_emulator)
    run = _build(tmp_path)
    assert_fails_cleanly(run, 3, "CERTIFICATE_VERIFY_FAILED")
    assert all(chat.title != "TLS" for chat in tls_emulator.state.chats.values())


def test_migration_certificate_error_points_to_verify_ssl(
    tmp_path: Path, tls_emulator: RunningEmulator
) -> None:
    _setup(tmp_path, tls_emulator)
    run = _build(tmp_path)
    assert_fails_cleanly(run, 3, "could not be verified", "verify_ssl")


def test_turning_verification_off_warns_on_every_run(
    tmp_path: Path, tls_emulator: RunningEmulator
) -> None:
    _setup(tmp_path, tls_emulator, verify_ssl=False)
    first = _add_users(tmp_path)
    second = _add_users(tmp_path)
    for run in (first, second):
        assert run.code == 0, run
        assert WARNING in run.stderr, run
        assert "verify_ssl = true" in run.stderr
    migration = _build(tmp_path)
    assert migration.code == 0, migration
    assert WARNING in migration.stderr


def test_ca_bundle_path_is_trusted_without_a_warning(
    tmp_path: Path, tls_emulator: RunningEmulator
) -> None:
    assert tls_emulator.ca_file is not None
    _setup(tmp_path, tls_emulator, verify_ssl=str(tls_emulator.ca_file))
    accounts = _add_users(tmp_path)
    assert accounts.code == 0, accounts
    assert WARNING not in accounts.stderr
    migration = _build(tmp_path)
    assert migration.code == 0, migration
    assert WARNING not in migration.output
    assert "Traceback" not in migration.output


def test_relative_ca_bundle_path_is_read_from_the_config_folder(
    tmp_path: Path, tls_emulator: RunningEmulator
) -> None:
    assert tls_emulator.ca_file is not None
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "ca.pem").write_bytes(tls_emulator.ca_file.read_bytes())
    _setup(tmp_path, tls_emulator, verify_ssl="certs/ca.pem")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = run_script("add_users_to_server.py", "--config", tmp_path / "config.toml", cwd=elsewhere)
    assert run.code == 0, run
