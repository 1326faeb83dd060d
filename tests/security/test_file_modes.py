"""Files that hold secrets are the owner's alone: what the tool writes is created 0600, and a
config with secrets that others can read is warned about by every script."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    message,
    run_script,
    write_config,
    write_export,
)

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")

TOKEN = (  # a well-formed, long-lived token (exp in 2100); its signature is made up
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6NDEwMjQ0NDgwMH0.c2lnbmF0dXJlLXBsYW50ZWQ"
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _export(folder: Path) -> None:
    write_export(
        folder / "export", [message(1, ALICE_ID, "Alice", "Hi"), message(2, BOB_ID, "Bob", "Yo")]
    )


def test_parse_users_saves_generated_passwords_owner_only(tmp_path: Path) -> None:
    _export(tmp_path)
    config = write_config(tmp_path / "config.toml", registration={"auto": True}, mode=0o644)
    run = run_script("parse_users.py", "--config", "config.toml", cwd=tmp_path)
    assert run.code == 0, run
    assert "password" in config.read_text(encoding="utf-8")  # generated ones were written
    assert _mode(config) == 0o600
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".config.toml")]
    assert leftovers == []  # the temporary file of the atomic save is gone


def test_import_tokens_saves_the_config_owner_only(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "config.toml",
        users={"alice": {"telegram_id": f"user{ALICE_ID}"}},
        mode=0o640,
    )
    (tmp_path / "tokens").mkdir()
    (tmp_path / "tokens" / "alice.toml").write_text(
        f'login = "alice"\naccess_token = "{TOKEN}"\n', encoding="utf-8"
    )
    run = run_script(
        "parse_users.py", "--config", "config.toml", "--import-tokens", "tokens", cwd=tmp_path
    )
    assert run.code == 0, run
    assert TOKEN in config.read_text(encoding="utf-8")
    assert _mode(config) == 0o600


@pytest.mark.parametrize(
    ("script", "args"),
    [
        ("parse_users.py", ["--check-tokens"]),
        ("add_users_to_server.py", ["--dry-run"]),
        ("build_chat.py", ["--dry-run", "--output", "out"]),
    ],
    ids=["parse_users", "add_users", "build_chat"],
)
@pytest.mark.parametrize("mode", [0o644, 0o640], ids=["world", "group"])
def test_readable_config_with_secrets_warns_with_the_chmod_command(
    tmp_path: Path, script: str, args: list[str], mode: int
) -> None:
    _export(tmp_path)
    write_config(
        tmp_path / "config.toml",
        server={"address": "127.0.0.1", "port": 9, "https": False},
        chat={"owner": "alice"},
        registration={"email_domain": "corp.example"},
        users={"alice": {"password": "Alice-pass-1", "telegram_id": f"user{ALICE_ID}"}},
        mode=mode,
    )
    run = run_script(script, "--config", "config.toml", *args, cwd=tmp_path)
    assert "Traceback" not in run.output, run
    assert "config.toml holds passwords or tokens and other users" in run.stderr, run
    assert "chmod 600 config.toml" in run.stderr
    assert "Alice-pass-1" not in run.output


def test_readable_config_without_secrets_is_not_warned_about(tmp_path: Path) -> None:
    _export(tmp_path)
    write_config(
        tmp_path / "config.toml",
        users={"alice": {"telegram_id": f"user{ALICE_ID}"}},
        mode=0o644,
    )
    run = run_script("parse_users.py", "--config", "config.toml", "--check-tokens", cwd=tmp_path)
    assert "chmod 600" not in run.output, run


def test_private_config_with_secrets_is_not_warned_about(tmp_path: Path) -> None:
    write_config(
        tmp_path / "config.toml",
        users={"alice": {"password": "Alice-pass-1", "telegram_id": f"user{ALICE_ID}"}},
        mode=0o600,
    )
    run = run_script("parse_users.py", "--config", "config.toml", "--check-tokens", cwd=tmp_path)
    assert "chmod 600" not in run.output, run
