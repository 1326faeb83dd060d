"""Messages name the file given with --config, the key, the absolute path tried, and the right
next step."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread
from migrator.engine import cli
from tests.bad_input.support import write_config, write_export

from .support import USERS, run_as_admin


def _settings(folder: Path, **overrides: object) -> Path:
    write_export(folder / "export")
    values: dict[str, object] = {
        "server": {"address": "127.0.0.1", "port": 9, "https": False},
        "chat": {"owner": "alice", "language": "en"},
        "users": USERS,
    }
    values.update(overrides)
    return write_config(folder / "settings.toml", **values)  # type: ignore[arg-type]


def test_errors_name_the_config_file_given(tmp_path: Path) -> None:
    _settings(tmp_path, server={"address": ""})
    run = run_as_admin("add_users_to_server.py", "--config", "settings.toml", cwd=tmp_path)
    assert run.code == 2, run
    assert "[server] address is empty in settings.toml" in run.stderr, run
    assert "config.toml" not in run.stderr, run


def test_unknown_owner_names_the_config_file(tmp_path: Path) -> None:
    _settings(tmp_path, chat={"owner": "alcie", "language": "en"})
    run = run_as_admin("build_chat.py", "--config", "settings.toml", "--dry-run", cwd=tmp_path)
    assert run.code == 2, run
    assert "Error: settings.toml: [chat] owner 'alcie' is not in [users]" in run.stderr, run


def test_a_windows_path_in_double_quotes_says_how_to_write_it(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(
        'telegram_export_dir = "C:\\Users\\admin\\Downloads\\ChatExport"\n', encoding="utf-8"
    )
    run = run_as_admin("parse_users.py", "--config", "settings.toml", cwd=tmp_path)
    assert run.code == 2 and "Traceback" not in run.output, run
    assert "settings.toml: not valid TOML" in run.stderr, run
    assert "single quotes, telegram_export_dir = 'C:\\Users\\admin\\Downloads\\ChatExport'" in (
        run.stderr
    ), run
    assert 'forward slashes, telegram_export_dir = "C:/Users/admin/Downloads/ChatExport"' in (
        run.stderr
    ), run
    ru = run_as_admin(
        "parse_users.py", "--config", "settings.toml", cwd=tmp_path, lang="ru_RU.UTF-8"
    )
    assert ru.stderr.startswith("Ошибка: settings.toml: ошибка синтаксиса TOML"), ru
    assert "в одинарных кавычках" in ru.stderr, ru


def test_a_path_whose_backslash_became_a_tab_says_so(tmp_path: Path) -> None:
    _settings(tmp_path)
    text = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    text = text.replace('telegram_export_dir = "export"', 'telegram_export_dir = "C:\\telegram"')
    (tmp_path / "settings.toml").write_text(text, encoding="utf-8")
    run = run_as_admin("build_chat.py", "--config", "settings.toml", "--dry-run", cwd=tmp_path)
    assert run.code == 2, run
    assert 'telegram_export_dir = "C:\\telegram": no such folder (tried ' in run.stderr, run
    assert "a \\t or \\n in double quotes was read as one" in run.stderr, run


def test_a_missing_export_names_the_key_and_the_absolute_path(tmp_path: Path) -> None:
    _settings(tmp_path)
    (tmp_path / "export" / "result.json").unlink()
    (tmp_path / "export").rmdir()
    run = run_as_admin("build_chat.py", "--config", "settings.toml", "--dry-run", cwd=tmp_path)
    assert run.code == 2, run
    assert (
        f'settings.toml: telegram_export_dir = "export": no such folder (tried '
        f"{tmp_path / 'export'})" in run.stderr
    ), run
    assert "relative path is taken from the folder of settings.toml" in run.stderr, run


def test_before_the_accounts_exist_the_next_step_is_to_create_them(tmp_path: Path) -> None:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as empty_server:
        _settings(
            tmp_path, server={"address": "127.0.0.1", "port": empty_server.port, "https": False}
        )
        run = run_as_admin("build_chat.py", "--config", "settings.toml", cwd=tmp_path)
    assert run.code == 3, run
    assert "The chat owner 'alice' cannot sign in" in run.stderr, run
    assert "create them first: add_users_to_server.py --config settings.toml" in run.stderr, run


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ([], "run the same command again to resume"),
        (["--new-chat"], "run the same command WITHOUT --new-chat"),
    ],
)
def test_ctrl_c_says_how_to_resume(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    expected: str,
) -> None:
    def interrupted(*_: object, **__: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_chat", interrupted)
    assert cli.main(["--lang", "en", *arguments]) == 130
    assert expected in capsys.readouterr().err


def test_config_problems_in_russian(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[chat]\nonwer = "alice"\n[server]\nport = 0\n', encoding="utf-8"
    )
    run = run_as_admin("build_chat.py", "--dry-run", cwd=tmp_path, lang="ru_RU.UTF-8")
    assert run.code == 2, run
    assert run.stderr.startswith("Ошибка: config.toml: проблем: 2"), run
    assert (
        "неизвестный ключ 'onwer' в [chat]" in run.stderr and "может быть, 'owner'?" in run.stderr
    )
    assert "[server] port = 0 — недопустимое значение" in run.stderr, run
    assert "ожидается целое число от 1 до 65535" in run.stderr, run
    assert "исправьте эти ключи в config.toml" in run.stderr, run


def test_argument_errors_in_russian(tmp_path: Path) -> None:
    ru = "ru_RU.UTF-8"
    run = run_as_admin("build_chat.py", "--chat", "x", "--all-chats", cwd=tmp_path, lang=ru)
    assert run.code == 2, run
    assert run.stderr.startswith("использование: build_chat.py"), run
    assert "build_chat.py: ошибка: параметр --all-chats нельзя указывать вместе с --chat" in (
        run.stderr
    ), run
    run = run_as_admin("add_users_to_server.py", "--concurrency", "x", cwd=tmp_path, lang=ru)
    assert "параметр --concurrency: недопустимое значение 'x'" in run.stderr, run
    run = run_as_admin("parse_users.py", "--bogus", cwd=tmp_path, lang=ru)
    assert "неизвестные параметры: --bogus" in run.stderr, run


def test_export_errors_in_russian(tmp_path: Path) -> None:
    _settings(tmp_path)
    (tmp_path / "export" / "result.json").unlink()
    (tmp_path / "export" / "messages.html").write_text("<html></html>", encoding="utf-8")
    run = run_as_admin(
        "build_chat.py", "--config", "settings.toml", "--dry-run", cwd=tmp_path, lang="ru_RU.UTF-8"
    )
    assert run.code == 2, run
    assert "это экспорт в HTML (messages.html), а нужен JSON" in run.stderr, run
    assert "«Машиночитаемый JSON»" in run.stderr, run
