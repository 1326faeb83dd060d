"""The comments parse_users.py writes into [chats.<id>] follow the interface language; a re-run
in the other language recognises its own mark and writes nothing twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.users.cli import main as parse_users
from tests.engine.company import write_company_export
from tests.engine.exports import write_config

_GONE = {
    "en": "# not in the export any more (parse_users.py keeps this table; delete it yourself)",
    "ru": "# этого чата больше нет в экспорте (parse_users.py сохраняет эту таблицу; удалите её "
    "сами)",
}


def _drop_chat(export: Path, chat_id: int) -> None:
    result = export / "result.json"
    data = json.loads(result.read_text(encoding="utf-8"))
    data["chats"]["list"] = [chat for chat in data["chats"]["list"] if chat["id"] != chat_id]
    result.write_text(json.dumps(data), encoding="utf-8")


def _section(text: str, key: str, following: str) -> str:
    return text[text.index(f"[chats.{key}]") : text.index(f"[chats.{following}]")]


@pytest.mark.parametrize(("first", "then"), [("ru", "en"), ("en", "ru")])
def test_plan_comments_follow_the_language_and_merge_in_either(
    tmp_path: Path, first: str, then: str
) -> None:
    export = write_company_export(tmp_path / "export")
    config = write_config(tmp_path / "config.toml", export=export, port=4309, chat_type="group")
    assert parse_users(["--config", str(config), "--lang", first]) == 0
    text = config.read_text(encoding="utf-8")
    if first == "ru":
        assert "# Telegram: Sales (private_supergroup), сообщений: 9, 2025-09-01 – 2025-09-01" in (
            text
        )
        assert "# в экспорте только ваши собственные сообщения (чат, из которого вы вышли)" in text
        assert "messages" not in text and "only your own" not in text
    else:
        assert "# Telegram: Sales (private_supergroup), 9 messages, 2025-09-01 – 2025-09-01" in text
        assert "сообщений" not in text

    _drop_chat(export, 3004)
    assert parse_users(["--config", str(config), "--lang", first]) == 0
    marked = config.read_text(encoding="utf-8")
    assert _GONE[first] in _section(marked, "3004", "3005")
    assert _GONE[then] not in marked

    assert parse_users(["--config", str(config), "--lang", then]) == 0
    assert config.read_text(encoding="utf-8") == marked  # its own mark, in the other language
