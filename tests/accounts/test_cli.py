"""add_users_to_server.py end to end: a config file on disk, the emulator, the printed table."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.accounts.cli import main
from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator
from migrator.logs import NOISY_LOGGERS
from tests.accounts.conftest import WatchingTransport

PASSWORDS = {"ivan_petrov": "Ivan-Pass-8x1", "anna": "Anna-Pass-5k2", "bob": "Bob-Pass-3q9"}


@pytest.fixture
def running() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as emu:
        yield emu


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in NOISY_LOGGERS}
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


def write_config(path: Path, emu: RunningEmulator, *, extra_user: str = "") -> Path:
    users = "".join(
        f'[users.{login}]\ndisplay_name = "{login.title()}"\npassword = "{password}"\n\n'
        for login, password in PASSWORDS.items()
    )
    path.write_text(
        f"""telegram_export_dir = "export"

[server]
address = "{emu.host}"
port = {emu.port}
https = false
verify_ssl = true
client_id = "{emu.config.client_id}"
client_secret = "{emu.config.client_secret}"

[registration]
email_domain = "corp.example"

{users}{extra_user}""",
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


def test_script_runs_twice_and_exits_zero(
    running: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "config.toml", running)
    assert main(["--config", str(config)]) == 0
    first = capsys.readouterr().out
    assert "3 created, 0 existed, 0 failed" in first
    assert re.search(r"^ivan_petrov\s+Ivan_Petrov\s+created\s*$", first, re.MULTILINE)

    assert main(["--config", str(config), "--concurrency", "1"]) == 0
    second = capsys.readouterr().out
    assert "0 created, 3 existed, 0 failed" in second


def test_script_exits_one_when_an_account_fails(
    running: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(
        tmp_path / "config.toml", running, extra_user='[users."Bad Login"]\npassword = "x-pass-1"\n'
    )
    assert main(["--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert "3 created, 0 existed, 1 failed" in out
    assert "login [users.Bad Login] is not valid" in out
    assert running.state.find_user("bad login") is None


def test_dry_run_prints_the_plan(
    running: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "config.toml", running)
    assert main(["--config", str(config), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "anna@corp.example" in out
    assert "Nothing was sent to the server" in out
    assert running.state.users == {}


def test_wrong_secret_prints_one_error_and_exits_with_its_code(
    running: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "config.toml", running)
    config.write_text(
        config.read_text().replace(running.config.client_secret, "wrong-client-secret")
    )
    assert main(["--config", str(config)]) == 3
    captured = capsys.readouterr()
    assert captured.err.count("Error: TrueConf Server refused the OAuth client credentials") == 1
    assert "client_id/client_secret" in captured.err
    assert "wrong-client-secret" not in captured.err + captured.out


def test_missing_config_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(tmp_path / "absent.toml")]) == 2
    assert "absent.toml" in capsys.readouterr().err


def test_debug_log_of_the_whole_flow_holds_no_secret(
    running: RunningEmulator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    running.faults.token_ttl_seconds = 1  # several admin tokens over the run
    running.faults.latency_ms = 150
    config = write_config(tmp_path / "config.toml", running)
    log_file = tmp_path / "add-users.log"
    watch = WatchingTransport()
    code = main(
        ["--config", str(config), "-vv", "--concurrency", "1", "--log-file", str(log_file)],
        transport=watch,
    )
    assert code == 0
    # A second run: the "exists" path logs too.
    assert main(["--config", str(config), "-vv", "--log-file", str(log_file)], transport=watch) == 0

    captured = capsys.readouterr()
    outputs = {
        "caplog": caplog.text,
        "stdout": captured.out,
        "stderr": captured.err,
        "log file": log_file.read_text(encoding="utf-8"),
    }
    tokens = watch.issued_tokens()
    assert len(tokens) >= 2
    secrets = [*PASSWORDS.values(), running.config.client_secret, *tokens]
    for where, text in outputs.items():
        for secret in secrets:
            assert secret not in text, f"a secret leaked into {where}"
        assert not re.search(r"eyJ[\w-]{5,}\.[\w-]{5,}", text), f"a JWT leaked into {where}"
    # The log is not empty: the check above means something.
    assert "POST /api/v4/users" in outputs["log file"]
    assert "HTTP Request" in outputs["caplog"]  # httpx's own DEBUG/INFO lines were captured
