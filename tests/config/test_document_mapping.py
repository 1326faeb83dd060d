"""Editing [users] for --match-server: comments on an entry, a renamed entry, the new keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.config import ConfigDocument, load_config
from migrator.errors import ConfigError

CONFIG = """[chat]
language = "en"

[users]

[users.ivan_petrov]  # the administrator's note
display_name = "Иван Петров"
password = "generated-1"  # kept beside its key
telegram_id = "user1"

[users.anna]
telegram_id = "user2"
"""


def test_comments_go_on_top_of_the_entry_and_the_rest_stays(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    document = ConfigDocument.load(path)
    document.set_user("ivan_petrov", match="check")
    document.comment_user("ivan_petrov", ["possible existing accounts: i.petrov", "decide"])
    document.save()
    assert path.read_text(encoding="utf-8") == CONFIG.replace(
        '[users.ivan_petrov]  # the administrator\'s note\ndisplay_name = "Иван Петров"\n'
        'password = "generated-1"  # kept beside its key\ntelegram_id = "user1"\n',
        "[users.ivan_petrov]  # the administrator's note\n"
        "# possible existing accounts: i.petrov\n# decide\n"
        'display_name = "Иван Петров"\npassword = "generated-1"  # kept beside its key\n'
        'telegram_id = "user1"\nmatch = "check"\n',
    )
    assert load_config(path).users["ivan_petrov"].match == "check"


def test_a_renamed_entry_moves_to_the_end_without_the_dropped_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    document = ConfigDocument.load(path)
    document.rename_user("ivan_petrov", "i.petrov", drop=["password"], values={"existing": True})
    document.comment_user("i.petrov", ['matched by name: Иван Петров ↔ i.petrov "Петров Иван"'])
    document.save()
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        '[users.anna]\ntelegram_id = "user2"\n\n[users."i.petrov"]\n'
        '# matched by name: Иван Петров ↔ i.petrov "Петров Иван"\n'
        'display_name = "Иван Петров"\ntelegram_id = "user1"\nexisting = true\n'
    )
    users = load_config(path).users
    assert list(users) == ["anna", "i.petrov"]
    assert users["i.petrov"].existing and users["i.petrov"].password == ""
    with pytest.raises(ConfigError, match=r"\[users.anna\] exists already"):
        document.rename_user("i.petrov", "anna")


def test_a_wrong_match_value_names_the_choices(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[users.anna]\nmatch = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.message.endswith('[users.anna] match = "yes" is not valid')
    assert caught.value.hint == 'expected one of "", "no", "check"'
