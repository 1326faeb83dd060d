"""parse_users.py end to end: the real template, the real loader, a fixture export."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from migrator.config import load_config
from migrator.users import validate_login
from migrator.users.cli import main

REPO = Path(__file__).resolve().parents[2]
EXPORT = REPO / "tests" / "fixtures" / "config" / "acceptance-export"
EXPECTED_LOGINS = {
    "ivan_petrov": "user100",
    "ivan_petrov_2": "user200",
    "ivan_petrov_3": "user300",
    "wangxiaoming": "user400",
    "user_500": "user500",
    "deleted_600": "user600",
    "otdel_prodazh": "channel1500000001",
    "olga_kuznetsova": "user700",
}


def config_from_template(tmp_path: Path, *, auto: bool = False) -> Path:
    text = (REPO / "config.toml").read_text(encoding="utf-8")
    text = text.replace('telegram_export_dir = ""', f'telegram_export_dir = "{EXPORT}"', 1)
    if auto:
        text = text.replace("auto = false", "auto = true", 1)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def squash(text: str) -> str:
    """The output with runs of spaces made one: table padding is not the point of these tests."""
    return re.sub(r" +", " ", text)


def head_before_users(text: str) -> str:
    return text[: text.index("\n[users]\n")]


def test_first_run_fills_users_and_keeps_the_rest_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_from_template(tmp_path)
    before = path.read_text(encoding="utf-8")
    assert main(["--config", str(path)]) == 0
    after = path.read_text(encoding="utf-8")
    assert head_before_users(after) == head_before_users(before)
    assert after.startswith(before)  # [users] is last: the template is a prefix of the result
    users = load_config(path).users
    assert {login: user.telegram_id for login, user in users.items()} == EXPECTED_LOGINS
    assert all(validate_login(login) is None for login in users)
    assert users["ivan_petrov_2"].display_name == "Иван Петров"
    assert users["deleted_600"].display_name == "Удалённый аккаунт 600"
    assert users["deleted_600"].type == "deleted"
    assert users["otdel_prodazh"].type == "channel"
    assert users["user_500"].display_name == "🚀🔥"
    out = squash(capsys.readouterr().out)
    assert "People found 8 (channels 1, deleted accounts 1, users 6)" in out
    assert "New entries 8" in out
    assert "Collisions resolved 2" in out
    assert "Placeholders (deleted) 1" in out
    assert "ivan_petrov → ivan_petrov_2, ivan_petrov → ivan_petrov_3" in out
    assert '"Иван Петров" (2 people)' in out
    assert 'no account created): "Ли Мин", "Пётр"' in out
    assert f"File '{path}' updated successfully." in out


def test_second_run_keeps_hand_edits_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_from_template(tmp_path)
    assert main(["--config", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    edited = text.replace(
        '[users.ivan_petrov_2]\ndisplay_name = "Иван Петров"\naccess_token = ""',
        '[users.ivan_petrov_2]  # the one from Kazan\ndisplay_name = "Иван Петров (Казань)"\n'
        'access_token = "hand-edited-token-123"',
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["--config", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == edited
    user = load_config(path).users["ivan_petrov_2"]
    assert user.access_token == "hand-edited-token-123"
    assert user.display_name == "Иван Петров (Казань)"
    out = squash(capsys.readouterr().out)
    assert "New entries 0" in out
    assert "Kept entries 8" in out
    assert "Nothing to change" in out
    assert "hand-edited-token-123" not in out


def test_auto_registration_generates_private_passwords(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_from_template(tmp_path, auto=True)
    assert main(["--config", str(path)]) == 0
    users = load_config(path).users
    passwords = {user.password for user in users.values() if user.type != "deleted"}
    assert len(passwords) == 7
    assert users["deleted_600"].password == ""  # a deleted account gets no account, no password
    assert all(len(password) >= 16 for password in passwords)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    captured = capsys.readouterr()
    assert f"Generated 7 random passwords: passwords are in [users] of {path}." in captured.out
    for password in passwords:
        assert password not in captured.out + captured.err


def test_people_no_longer_in_the_export_are_reported_not_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_from_template(tmp_path)
    with path.open("a", encoding="utf-8") as stream:
        stream.write('\n[users.left_long_ago]\ntelegram_id = "user4242"\n')
    assert main(["--config", str(path)]) == 0
    assert "left_long_ago" in load_config(path).users
    out = capsys.readouterr().out
    assert "In [users] but not in this export: left_long_ago" in out


def test_errors_are_printed_once_with_a_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_from_template(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "[chat.datetime]\n", "[chat.datetime]\nveiw = 1\n"
        ),
        encoding="utf-8",
    )
    assert main(["--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("Error:") == 1
    assert "unknown key 'veiw' in [chat.datetime]" in err

    empty = tmp_path / "empty.toml"
    empty.write_text("[chat]\n", encoding="utf-8")
    assert main(["--config", str(empty)]) == 2
    assert "telegram_export_dir is empty" in capsys.readouterr().err

    missing_export = config_from_template(tmp_path)
    missing_export.write_text(
        missing_export.read_text(encoding="utf-8").replace(str(EXPORT), str(tmp_path / "nope")),
        encoding="utf-8",
    )
    assert main(["--config", str(missing_export)]) == 2
    assert "Error:" in capsys.readouterr().err
