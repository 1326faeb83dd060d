"""parse_users.py --import-tokens / --check-tokens, as the administrator runs them."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from migrator.users.cli import main

from .helpers import MakeToken, token_file_text, write_token_file


def test_import_tokens_prints_a_table_and_never_the_token(
    tmp_path: Path,
    config_path: Path,
    make_token: MakeToken,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "tokens"
    now = time.time()
    ivan = make_token("ivan_petrov", now=now)
    stranger = make_token("stranger", now=now)
    write_token_file(folder, "ivan_petrov.toml", token_file_text("ivan_petrov", ivan))
    write_token_file(folder, "stranger.toml", token_file_text("stranger", stranger))
    log_file = tmp_path / "run.log"
    with caplog.at_level(logging.DEBUG):
        code = main(
            [
                "--config",
                str(config_path),
                "--import-tokens",
                str(folder),
                "-vv",
                "--log-file",
                str(log_file),
            ]
        )
    assert code == 1  # one file was not imported: the administrator must look
    captured = capsys.readouterr()
    lines = [" ".join(line.split()) for line in captured.out.splitlines()]
    assert lines[0] == "file login result expires note"
    assert any(line.startswith("ivan_petrov.toml ivan_petrov imported ") for line in lines)
    assert any(line.startswith("stranger.toml stranger unknown login ") for line in lines)
    assert lines[-1] == "2 files: imported: 1, unknown login: 1"
    everything = captured.out + captured.err + caplog.text + log_file.read_text(encoding="utf-8")
    assert ivan not in everything
    assert stranger not in everything
    assert ivan.split(".")[1] not in everything


def test_import_tokens_exit_zero_when_all_taken(
    tmp_path: Path, config_path: Path, make_token: MakeToken
) -> None:
    folder = tmp_path / "tokens"
    token = make_token("anna", now=time.time())
    write_token_file(folder, "anna.toml", token_file_text("anna", token))
    assert main(["--config", str(config_path), "--import-tokens", str(folder)]) == 0


def test_check_tokens_table_and_exit_code(
    tmp_path: Path,
    config_path: Path,
    make_token: MakeToken,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--config", str(config_path), "--check-tokens"]) == 1  # boris: no way in
    out = capsys.readouterr().out
    rows = {line.split()[0]: " ".join(line.split()) for line in out.splitlines() if line.strip()}
    assert rows["ivan_petrov"] == "ivan_petrov missing - cannot sign in"
    assert rows["anna"] == "anna missing - password"
    assert "3 accounts: 3 need attention, 1 will sign in by password, 2 cannot sign in" in out

    folder = tmp_path / "tokens"
    now = time.time()
    for login in ("ivan_petrov", "boris"):
        token = make_token(login, now=now)
        write_token_file(folder, f"{login}.toml", token_file_text(login, token))
    assert main(["--config", str(config_path), "--import-tokens", str(folder)]) == 0
    capsys.readouterr()
    assert main(["--config", str(config_path), "--check-tokens"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: " ".join(line.split()) for line in out.splitlines() if line.strip()}
    assert rows["boris"].startswith("boris valid ")
    assert rows["boris"].endswith(" token")


def test_check_tokens_exit_1_for_a_token_of_someone_else(
    tmp_path: Path, make_token: MakeToken, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    anna_token = make_token("anna", now=time.time())
    config.write_text(
        "[users.anna]\n"
        f'access_token = "{make_token("anna", now=time.time())}"\n'
        "[users.boris]\n"
        f'access_token = "{anna_token}"\n'
        "[users.deleted_600]\n"
        'type = "deleted"\n',
        encoding="utf-8",
    )
    assert main(["--config", str(config), "--check-tokens"]) == 1
    out = capsys.readouterr().out
    rows = {line.split()[0]: " ".join(line.split()) for line in out.splitlines() if line.strip()}
    assert "issued to 'anna', not to this entry" in rows["boris"]
    assert rows["deleted_600"] == "deleted_600 missing - no account (deleted)"
    assert "3 accounts: 1 need attention" in out
    assert "Someone else's token in 1 of them" in out
    assert anna_token not in out


def test_check_tokens_does_not_count_deleted_placeholders(
    tmp_path: Path, make_token: MakeToken, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[users.anna]\naccess_token = "{make_token("anna", now=time.time())}"\n'
        '[users.deleted_600]\ntype = "deleted"\n',
        encoding="utf-8",
    )
    assert main(["--config", str(config), "--check-tokens"]) == 0
    assert "2 accounts: 0 need attention" in capsys.readouterr().out
