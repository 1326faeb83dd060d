"""build_chat.py --status across the plan of a full-account export: one row per planned chat,
offline; migrate = false shown as skipped; both languages."""

from __future__ import annotations

from pathlib import Path

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread
from migrator.engine import BuildOptions, build_chat
from migrator.users.cli import main as parse_users
from tests.engine.company import CHATS, write_company_export
from tests.engine.exports import PASSWORDS, write_config
from tests.engine.test_company_migration import _edit_plan

from .support import run_as_admin
from .test_russian_workflow import english_words


def _row(lines: list[str], chat_key: str) -> str:
    (row,) = [line for line in lines if line.startswith(chat_key + " ")]
    return row


def test_status_shows_every_planned_chat_offline(tmp_path: Path) -> None:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as emu:
        for login, password in PASSWORDS.items():
            emu.add_user(login, password)
        export = write_company_export(tmp_path / "export")
        config = write_config(
            tmp_path / "config.toml", export=export, port=emu.port, chat_type="group"
        )
        assert parse_users(["--config", str(config), "--lang", "en"]) == 0
        _edit_plan(config, c3002={"name": "Sales team"}, c3005={"migrate": False})
        options = BuildOptions(
            config_path=config, chats=("Sales", "3003"), output_dir=tmp_path / "o", quiet=True
        )
        assert build_chat(options) == 0
        ids = {str(chat.title): chat.chat_id for chat in emu.state.chats.values()}
    # The server is gone: --status reads the config, the export and the ledger only.
    run = run_as_admin("build_chat.py", "--status", cwd=tmp_path)
    assert run.code == 0, run
    lines = run.stdout.splitlines()
    assert lines[0] == f"Migration ledger: {tmp_path / 'config.ledger.sqlite'}"
    assert lines[1].split()[:6] == ["Telegram", "chat", "name", "in", "Telegram", "TrueConf"]
    sales = _row(lines, "tg3002").split()
    assert f"({ids['Sales team']})" in sales and sales[-5:-2] == ["9", "0", "0"], run
    news = _row(lines, "tg3003").split()
    assert f"({ids['News']})" in news and news[-5:-2] == ["4", "0", "0"], run
    project = _row(lines, "tg3001")
    assert "Project (not created)" in project and project.split()[-4:] == ["-", "-", "-", "never"]
    assert "skipped (migrate = false): Old stuff (not created)" in _row(lines, "tg3005")
    assert sum(line.startswith("tg") for line in lines) == len(CHATS)  # one row a planned chat

    ru = run_as_admin("build_chat.py", "--status", cwd=tmp_path, lang="ru_RU.UTF-8")
    assert ru.code == 0, ru
    ru_lines = ru.stdout.splitlines()
    assert "пропущен (migrate = false): Old stuff (не создан)" in _row(ru_lines, "tg3005"), ru
    assert _row(ru_lines, "tg3001").split()[-2:] == ["не", "запускался"], ru
    data = {name for name, _ in CHATS.values()} | {"Sales team", "migrate = false"}
    data |= {chat_id for chat_id in ids.values() if chat_id}
    english = []
    for line in ru_lines[1:]:
        for value in sorted(data, key=len, reverse=True):
            line = line.replace(value, " ")
        english += [word for word in english_words(line) if not word.startswith("tg")]
    assert not english, ru.stdout

    one = run_as_admin("build_chat.py", "--status", "--chat", "News", cwd=tmp_path)
    assert one.code == 0 and sum(line.startswith("tg") for line in one.stdout.splitlines()) == 1
