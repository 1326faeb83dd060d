"""parse_users.py on a full-account export writes the plan [chats.<id>]; re-runs merge it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomlkit

from migrator.config import load_config
from migrator.users.cli import main as parse_users

from .company import CHATS, write_company_export
from .exports import write_config


def _config(tmp_path: Path) -> Path:
    export = write_company_export(tmp_path / "export")
    return write_config(tmp_path / "config.toml", export=export, port=4309, chat_type="group")


def test_bare_run_on_a_full_account_export_plans_every_chat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path = _config(tmp_path)
    assert parse_users(["--config", str(config_path)]) == 0
    config = load_config(config_path)
    assert list(config.chats) == [str(chat_id) for chat_id in CHATS]
    for chat_id, (name, kind) in CHATS.items():
        entry = config.chats[str(chat_id)]
        assert (entry.name, entry.type.value, entry.owner, entry.migrate) == (
            name,
            kind,
            "alice",
            True,
        )
    text = config_path.read_text(encoding="utf-8")
    assert "# Telegram: Sales (private_supergroup), 9 messages, 2025-09-01 – 2025-09-01" in text
    left = text[text.index("[chats.3007]") :]
    assert "# only your own messages are in the export" in left
    assert "only your own" not in text[: text.index("[chats.3007]")]
    assert "dave_noaccount" in config.users  # people of every chat are collected
    out = capsys.readouterr().out
    assert "Chats planned in [chats]: 9 new, 0 kept" in out


def test_re_run_keeps_edits_adds_new_chats_and_marks_gone_ones(tmp_path: Path) -> None:
    config_path = _config(tmp_path)
    assert parse_users(["--all-chats", "--config", str(config_path)]) == 0
    document = tomlkit.parse(config_path.read_text(encoding="utf-8"))
    chats = document["chats"]
    chats["3006"]["name"] = "Water cooler"  # type: ignore[index]
    chats["3005"]["migrate"] = False  # type: ignore[index]
    chats["3005"].add(tomlkit.comment("archive: not needed"))  # type: ignore[union-attr]
    edited = tomlkit.dumps(document)
    config_path.write_text(edited, encoding="utf-8")
    export = tmp_path / "export" / "result.json"
    data = json.loads(export.read_text(encoding="utf-8"))
    data["chats"]["list"] = [chat for chat in data["chats"]["list"] if chat["id"] != 3004]
    data["chats"]["list"].append(
        {"name": "New team", "type": "private_group", "id": 3010, "messages": []}
    )
    export.write_text(json.dumps(data), encoding="utf-8")

    assert parse_users(["--config", str(config_path)]) == 0
    text = config_path.read_text(encoding="utf-8")
    config = load_config(config_path)
    assert config.chats["3006"].name == "Water cooler"
    assert config.chats["3005"].migrate is False
    assert "# archive: not needed" in text
    assert list(config.chats)[-1] == "3010"  # new chats come last, the order is kept
    assert list(config.chats)[:-1] == [str(chat_id) for chat_id in CHATS]
    support = text[text.index("[chats.3004]") : text.index("[chats.3005]")]
    assert "# not in the export any more" in support
    assert config.chats["3004"].name == "Support"  # marked, never deleted
    # The unchanged part of the file is byte for byte the administrator's.
    assert text.startswith(edited[: edited.index("[chats.3004]")])

    assert parse_users(["--config", str(config_path)]) == 0
    assert config_path.read_text(encoding="utf-8") == text  # nothing new: nothing changes


def test_chat_option_still_reads_one_chat_and_writes_no_plan(tmp_path: Path) -> None:
    config_path = _config(tmp_path)
    assert parse_users(["--chat", "Sales", "--config", str(config_path)]) == 0
    assert load_config(config_path).chats == {}


def test_all_chats_and_chat_exclude_each_other(tmp_path: Path) -> None:
    config_path = _config(tmp_path)
    with pytest.raises(SystemExit) as exited:
        parse_users(["--all-chats", "--chat", "Sales", "--config", str(config_path)])
    assert exited.value.code == 2
