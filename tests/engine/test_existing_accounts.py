"""Acceptance of issue 15: a company directory on the server, logins unlike the names.

parse_users.py --match-server maps the sure matches (Cyrillic and Latin spellings, swapped name
order), leaves the ambiguous one to the administrator with both candidates named and makes the
unmatched person new; add_users_to_server.py creates only the new account; build_chat.py posts
each message as the account the person was mapped onto, read back through the official client.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.accounts.cli import main as add_users_to_server
from migrator.config import load_config
from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator
from migrator.emulator.directory import parse_users_csv, seed_users
from migrator.engine import build_chat
from migrator.users.cli import main as parse_users
from tests.accounts.conftest import WatchingTransport
from tests.users.seeded import DIRECTORY, PEOPLE, entry_text, write_config

from .helpers import build_options, chat_id_of, read_chat


@pytest.fixture
def company() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as running:
        seed_users(running.state, parse_users_csv(DIRECTORY, source="directory.csv"))
        yield running


def test_existing_accounts_end_to_end(
    company: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, company, language="en")
    accounts_before = set(company.state.users)

    assert parse_users(["--config", str(config), "--match-server"]) == 1
    text = config.read_text(encoding="utf-8")
    olga = entry_text(text, "olga_kuznetsova")
    assert 'o.kuznetsova "Кузнецова Ольга" (name)' in olga
    assert 'ok.kuznetsova "Olga Kuznetsova" (name)' in olga
    assert set(load_config(config).users) == {
        "i.petrov",
        "a.smirnova",
        "olga_kuznetsova",
        "mariia_ivanova",
    }

    # Before deciding, add_users_to_server.py creates the new person only.
    watch = WatchingTransport()
    capsys.readouterr()
    assert add_users_to_server(["--config", str(config)], transport=watch) == 1
    assert watch.created_ids() == ["mariia_ivanova"]
    out = capsys.readouterr().out
    assert re.search(r"^i\.petrov\s+exists, mapped\s*$", out, re.MULTILINE)
    assert re.search(r"^olga_kuznetsova\s+skipped\s+match = \"check\"", out, re.MULTILINE)
    assert set(company.state.users) == accounts_before | {"mariia_ivanova"}
    for login in ("i.petrov", "a.smirnova"):
        assert not company.state.users[login].password_hash  # no password was ever sent

    # The administrator decides: Olga of the Telegram chat is o.kuznetsova.
    decided = olga.replace("[users.olga_kuznetsova]", '[users."o.kuznetsova"]')
    decided = decided.replace('match = "check"', "existing = true")
    decided = "\n".join(line for line in decided.split("\n") if not line.startswith("#"))
    config.write_text(text.replace(olga, decided), encoding="utf-8")
    assert parse_users(["--config", str(config), "--match-server"]) == 0
    assert load_config(config).users["o.kuznetsova"].telegram_id == "user103"

    watch = WatchingTransport()
    assert add_users_to_server(["--config", str(config)], transport=watch) == 0
    assert watch.created_ids() == ["mariia_ivanova"]  # reported as existing, never another one
    assert "0 created, 1 existed, 0 failed, 3 mapped onto existing accounts" in (
        capsys.readouterr().out
    )

    # Tokens of the existing accounts come from the token page, as for everyone.
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    for login in ("i.petrov", "a.smirnova", "o.kuznetsova"):
        token = company.issue_token(login)
        (tokens / f"{login}.toml").write_text(
            f'login = "{login}"\naccess_token = "{token}"\n', encoding="utf-8"
        )
    assert parse_users(["--config", str(config), "--import-tokens", str(tokens)]) == 0
    text = config.read_text(encoding="utf-8")
    text = text.replace('owner = ""', 'owner = "i.petrov"', 1)
    config.write_text(text.replace('name = ""', 'name = "Отдел"', 1), encoding="utf-8")

    assert build_chat(build_options(config, tmp_path, request_timeout=5.0)) == 0
    messages = read_chat(company, chat_id_of(config, company, "tg55"), owner="i.petrov")
    authors = {message.text: message.login for message in messages}
    logins = ["i.petrov", "a.smirnova", "o.kuznetsova", "mariia_ivanova"]
    assert authors == {f"сообщение {n}": login for n, login in enumerate(logins, start=1)}
    assert len(PEOPLE) == len(logins)
