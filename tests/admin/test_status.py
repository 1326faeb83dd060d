"""build_chat.py --status: what the ledger holds per chat, offline, in both languages."""

from __future__ import annotations

import io
from pathlib import Path

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread
from migrator.engine.run import build_chat
from tests.engine.exports import PASSWORDS
from tests.engine.helpers import build_options, write_team_chat

from .support import run_as_admin


def test_status_lists_each_chat_of_the_ledger_offline(tmp_path: Path) -> None:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as emu:
        for login, password in PASSWORDS.items():
            emu.add_user(login, password)
        config = write_team_chat(emu, tmp_path)
        assert build_chat(build_options(config, tmp_path), stdout=io.StringIO()) == 0
        titled = [c.chat_id for c in emu.state.chats.values() if c.title == "Migrated"]
        assert len(titled) == 1
        chat_id = titled[0]
        server = emu.base_url
    # The server is gone: --status reads only the ledger.
    run = run_as_admin("build_chat.py", "--status", cwd=tmp_path)
    assert run.code == 0, run
    lines = run.stdout.splitlines()
    assert lines[0] == f"Migration ledger: {tmp_path / 'config.ledger.sqlite'}"
    assert lines[1].split() == [
        "Telegram", "chat", "TrueConf", "chat", "posted", "failed", "pending", "last", "run",
        "server",
    ]  # fmt: skip
    row = lines[3].split()
    assert row[0] == "tg777" and row[2:5] == ["8", "0", "0"] and row[-1] == server, run
    assert row[1] == chat_id, run
    ru = run_as_admin("build_chat.py", "--status", cwd=tmp_path, lang="ru_RU.UTF-8")
    assert ru.code == 0 and ru.stdout.startswith("Журнал переноса: "), ru
    assert "опубликовано" in ru.stdout and "Telegram chat" not in ru.stdout, ru


def test_status_without_a_ledger(tmp_path: Path) -> None:
    run = run_as_admin("build_chat.py", "--status", "--lang", "en", cwd=tmp_path)
    assert run.code == 0 and "No migration ledger at" in run.stdout, run
