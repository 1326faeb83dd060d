from __future__ import annotations

import stat
from pathlib import Path

import pytest

from migrator.config import ConfigDocument, load_config
from migrator.errors import ConfigError

BEFORE_USERS = """# My migration (комментарий)
telegram_export_dir = "export"   # spacing kept

[server]
address = "tc.example.com"  # our server
port = 4443

[chat]
name = "Секретный чат"
type = "group"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_adding_users_keeps_everything_else_byte_for_byte(tmp_path: Path) -> None:
    path = write(tmp_path, BEFORE_USERS + "\n[users]\n")
    document = ConfigDocument.load(path)
    document.set_user("ivan_petrov", display_name="Иван Петров", telegram_id="user1")
    document.set_user("anna", display_name="Anna", telegram_id="user2")
    document.save()
    text = path.read_text(encoding="utf-8")
    assert text == BEFORE_USERS + (
        "\n[users]\n\n"
        '[users.ivan_petrov]\ndisplay_name = "Иван Петров"\ntelegram_id = "user1"\n\n'
        '[users.anna]\ndisplay_name = "Anna"\ntelegram_id = "user2"\n'
    )
    config = load_config(path)
    assert config.users["ivan_petrov"].display_name == "Иван Петров"
    assert config.server.port == 4443


def test_editing_keeps_manual_comments_in_users_and_sections_after_it(tmp_path: Path) -> None:
    after = "\n[registration]  # moved below users by hand\nauto = true\n"
    users = (
        "\n[users]\n\n[users.boss]  # the owner, no Telegram account\n"
        'display_name = "Boss"\n\n[users.ivan]\ntelegram_id = "user1"  # checked\n'
    )
    path = write(tmp_path, BEFORE_USERS + users + after)
    document = ConfigDocument.load(path)
    document.set_user("ivan", access_token="tok-xyz-123456")
    document.set_user("petr", telegram_id="user2")
    document.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith(BEFORE_USERS)
    assert text.endswith(after)
    assert "[users.boss]  # the owner, no Telegram account\n" in text
    assert 'telegram_id = "user1"  # checked\n' in text
    config = load_config(path)
    assert config.users["ivan"].access_token == "tok-xyz-123456"
    assert config.users["petr"].telegram_id == "user2"
    assert config.registration.auto is True


def test_config_without_users_section_gets_one(tmp_path: Path) -> None:
    path = write(tmp_path, BEFORE_USERS)
    document = ConfigDocument.load(path)
    document.set_user("ivan", telegram_id="user1")
    document.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith(BEFORE_USERS)
    assert load_config(path).users["ivan"].telegram_id == "user1"


def test_save_is_atomic_and_private(tmp_path: Path) -> None:
    path = write(tmp_path, BEFORE_USERS)
    path.chmod(0o644)
    document = ConfigDocument.load(path)
    document.set_user("ivan", password="pw-secret-9")
    document.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]  # no temporary file left


def test_save_refuses_to_overwrite_a_concurrent_edit(tmp_path: Path) -> None:
    path = write(tmp_path, BEFORE_USERS)
    document = ConfigDocument.load(path)
    document.set_user("ivan", telegram_id="user1")
    path.write_text(BEFORE_USERS + "# edited meanwhile\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="changed by someone else"):
        document.save()
    assert path.read_text(encoding="utf-8").endswith("# edited meanwhile\n")


def test_save_refuses_an_invalid_result(tmp_path: Path) -> None:
    path = write(tmp_path, BEFORE_USERS)
    document = ConfigDocument.load(path)
    document.set_user("a", telegram_id="user1")
    document.set_user("b", telegram_id="user1")
    with pytest.raises(ConfigError, match="both have the Telegram id user1"):
        document.save()
    assert path.read_text(encoding="utf-8") == BEFORE_USERS


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, BEFORE_USERS)
    document = ConfigDocument.load(path)
    document.set_user("ivan", telegram_id="user1")

    def crash(source: Path, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(ConfigError, match=r"cannot be saved.*disk full") as info:
        document.save()
    assert "nothing was changed" in (info.value.hint or "")
    assert path.read_text(encoding="utf-8") == BEFORE_USERS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_a_read_only_config_folder_is_named_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, BEFORE_USERS)
    document = ConfigDocument.load(path)
    document.set_user("ivan", telegram_id="user1")

    def read_only(**_arguments: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    # the tests run as root, for whom chmod 0500 does not stop writing: refuse as the OS would
    monkeypatch.setattr("migrator.config.document.tempfile.mkstemp", read_only)
    with pytest.raises(ConfigError) as info:
        document.save()
    assert f"its folder {tmp_path} is not writable (Permission denied)" in info.value.message
    assert "--config PATH" in (info.value.hint or "")
    assert path.read_text(encoding="utf-8") == BEFORE_USERS


def test_bom_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BEFORE_USERS.encode())
    document = ConfigDocument.load(path)
    document.set_user("ivan", telegram_id="user1")
    document.save()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + BEFORE_USERS.encode())


def test_unknown_user_field_is_a_programming_error(tmp_path: Path) -> None:
    document = ConfigDocument.load(write(tmp_path, BEFORE_USERS))
    with pytest.raises(ValueError, match="pasword"):
        document.set_user("ivan", pasword="x")
