"""A full-account export: --chat picks one chat, --all-chats migrates each into its own chat."""

from __future__ import annotations

import json
from pathlib import Path

from migrator.emulator.server import RunningEmulator
from migrator.engine import BuildOptions, build_chat

from .exports import ALICE, BOB, _message, group_messages, write_config
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript


def write_full_export(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    personal = [_message(1, ALICE, "Alice", "hi Bob"), _message(2, BOB, "Bob", "hi Alice")]
    group = group_messages(folder)
    data = {
        "about": "full export",
        "chats": {
            "about": "chats",
            "list": [
                {"name": "Bob", "type": "personal_chat", "id": 1002, "messages": personal},
                {"name": "Project", "type": "private_group", "id": 3001, "messages": group},
            ],
        },
        "left_chats": {"about": "left", "list": []},
    }
    (folder / "result.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_all_chats_each_into_its_own_chat(emu: RunningEmulator, tmp_path: Path) -> None:
    export = write_full_export(tmp_path / "export")
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    options = BuildOptions(
        config_path=config,
        all_chats=True,
        output_dir=tmp_path / "out",
        quiet=True,
        retry_base_seconds=0.01,
    )
    assert build_chat(options) == 0
    personal = chat_id_of(config, emu, "tg1002")
    group = chat_id_of(config, emu, "tg3001")
    assert personal != group
    assert emu.state.chats[personal].chat_type == 1 and emu.state.chats[group].chat_type == 2
    assert transcript(read_chat(emu, personal)) == expected_rows(planned_posts(config, "1002"))
    assert transcript(read_chat(emu, group)) == expected_rows(planned_posts(config, "Project"))
    assert (tmp_path / "out" / "tg1002" / "report.json").is_file()
    assert (tmp_path / "out" / "tg3001" / "report.html").is_file()


def test_chat_option_picks_one(emu: RunningEmulator, tmp_path: Path) -> None:
    export = write_full_export(tmp_path / "export")
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    options = BuildOptions(
        config_path=config, chat="Project", output_dir=tmp_path / "out", quiet=True
    )
    assert build_chat(options) == 0
    assert len(emu.state.chats) == 1
    group = chat_id_of(config, emu, "tg3001")
    assert transcript(read_chat(emu, group)) == expected_rows(planned_posts(config, "Project"))
