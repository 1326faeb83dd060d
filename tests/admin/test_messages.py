"""Messages name the file given with --config, the key, the absolute path tried, and the right
next step."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread
from migrator.engine import cli
from tests.bad_input.support import write_config, write_export

from .support import USERS, run_as_admin
from .test_russian_workflow import english_words


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


# Names and commands a Russian line may hold besides those english_words spares.
_NAMES = (
    re.compile(r"`[^`]*`"),  # a command to run
    re.compile(r"\S*/\S*"),  # relative paths: export/result.json
    re.compile(r"\b0x[0-9A-F]{2}\b"),  # a byte
    re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:json|toml|py|log)\b"),  # settings.server-profile.json
    re.compile(r'"[^"]*"'),  # a value as written in config.toml or the export
    re.compile(r"\bid\b"),  # the catalogue's Russian says id too
    re.compile(r"\b(?:alice|bob|Team|passwd)\b"),  # logins, chat and file names of these tests
    re.compile(r"\bmigrator(?:\.\w+)+"),  # the module a console warning comes from
    re.compile(r"\bTelegram Desktop\b|\b(?:Chat|Data)Export_…|\bJSON\b|\bUTF-8\b|\bru\|en\b"),
)


def _russian_only(text: str) -> list[tuple[str, list[str]]]:
    """Lines with English interface words; a usage line may hold only option metavars."""
    found = []
    for line in text.splitlines():
        for pattern in _NAMES:
            line = pattern.sub(" ", line)
        words = english_words(line)
        if line.startswith("использование:") or line.startswith(" "):
            words = [word for word in words if not _METAVAR.fullmatch(word)]
        if words:
            found.append((line, words))
    return found


_METAVAR = re.compile(r"[A-Z]+")
_BROKEN_EXPORTS = {
    "truncated": lambda data: data[: len(data) // 2],
    "invalid character": lambda data: data.replace(b'"Team"', b"Team", 1),
    "missing comma": lambda data: data.replace(b'"Team",', b'"Team"', 1),
    "not utf-8": lambda data: data.replace("Привет".encode(), "Привет".encode("cp1251"), 1),
    "trailing garbage": lambda data: data + b"}",
    "too deep": lambda data: data.replace(b'"Team"', b"[" * 2100 + b"]" * 2100, 1),
}


@pytest.mark.parametrize("damage", sorted(_BROKEN_EXPORTS))
@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_a_broken_result_json_in_russian(tmp_path: Path, damage: str, encoding: str) -> None:
    _settings(tmp_path)
    result = tmp_path / "export" / "result.json"
    data = json.loads(result.read_text("utf-8"))
    data["messages"][0]["text"] = "Привет"
    original = json.dumps(data, ensure_ascii=False, indent=1).encode()
    broken = _BROKEN_EXPORTS[damage](original)
    assert broken != original
    result.write_bytes(broken)
    run = run_as_admin(
        "build_chat.py",
        "--config",
        "settings.toml",
        "--dry-run",
        cwd=tmp_path,
        lang="ru_RU.UTF-8",
        encoding=encoding,
    )
    assert run.code == 2, run
    assert "Traceback" not in run.stderr, run
    assert run.stderr.startswith("Ошибка: export/result.json: "), run
    english = _russian_only(run.stdout + run.stderr)
    assert not english, english


@pytest.mark.parametrize(("field", "value"), [("date_unixtime", "99999999999999"), ("id", "seven")])
def test_a_damaged_message_in_russian(tmp_path: Path, field: str, value: str) -> None:
    _settings(tmp_path)
    result = tmp_path / "export" / "result.json"
    data = json.loads(result.read_text("utf-8"))
    data["messages"][0][field] = value
    result.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = run_as_admin(
        "build_chat.py", "--config", "settings.toml", "--dry-run", cwd=tmp_path, lang="ru_RU.UTF-8"
    )
    assert run.code == 2, run
    assert "элемент 0 списка сообщений" in run.stderr, run
    english = _russian_only(run.stdout + run.stderr)
    assert not english, english


@pytest.mark.parametrize(
    "arguments",
    [
        ("build_chat.py", "--bogus"),
        ("build_chat.py", "--chat"),
        ("build_chat.py", "--ver"),
        ("build_chat.py", "--dry-run=yes"),
        ("build_chat.py", "--probe-idle-seconds", "0"),
        ("build_chat.py", "--lang", "de"),
        ("add_users_to_server.py", "--bogus", "x"),
        ("add_users_to_server.py", "--concurrency", "many"),
        ("parse_users.py", "--bogus"),
        ("parse_users.py", "--config"),
    ],
)
def test_unknown_and_wrong_options_in_russian(tmp_path: Path, arguments: tuple[str, ...]) -> None:
    script, *args = arguments
    run = run_as_admin(script, *args, cwd=tmp_path, lang="ru_RU.UTF-8", encoding="cp1251")
    assert run.code == 2, run
    assert run.stderr.startswith(f"использование: {script}"), run
    assert f"{script}: ошибка: " in run.stderr, run
    english = _russian_only(run.stdout + run.stderr)
    assert not english, english


def test_a_missing_export_folder_in_russian(tmp_path: Path) -> None:
    _settings(tmp_path)
    (tmp_path / "export" / "result.json").unlink()
    (tmp_path / "export").rmdir()
    run = run_as_admin(
        "build_chat.py", "--config", "settings.toml", "--dry-run", cwd=tmp_path, lang="ru_RU.UTF-8"
    )
    assert run.code == 2, run
    assert "telegram_export_dir" in run.stderr and str(tmp_path / "export") in run.stderr, run
    english = _russian_only(run.stdout + run.stderr)
    assert not english, english


def test_export_warnings_in_russian(tmp_path: Path) -> None:
    _settings(tmp_path)
    result = tmp_path / "export" / "result.json"
    data = json.loads(result.read_text("utf-8"))
    data["messages"][0]["photo"] = "../../etc/passwd"
    data["messages"].insert(1, "not a message")
    result.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = run_as_admin(
        "build_chat.py", "--config", "settings.toml", "--dry-run", cwd=tmp_path, lang="ru_RU.UTF-8"
    )
    assert "элемент 1 списка сообщений — не объект; пропущен" in run.stderr, run
    assert "ссылка на файл '../../etc/passwd' отклонена" in run.stderr, run
    english = _russian_only(run.stdout + run.stderr)
    assert not english, english
