"""What real exports still lost, migrated against the emulator and read back: a file that cannot
be prepared goes out as its text with a visible note (reported, never failing every run), and a
service action without its own line is neutral in the chat and listed as not understood."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine import build_chat

from .exports import ALICE, BOB, PASSWORDS, write_config, write_export
from .helpers import build_options, read_back, transcript


def _message(mid: int, sender: int, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": mid,
        "type": "message",
        "date_unixtime": str(1756735200 + mid * 60),
        "from": "Alice" if sender == ALICE else "Bob",
        "from_id": f"user{sender}",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}] if text else [],
        **extra,
    }


def _export(folder: Path) -> Path:
    (folder / "photos").mkdir(parents=True)
    (folder / "stickers").mkdir()
    (folder / "photos" / "broken.jpg").write_bytes(b"this is not a picture")
    (folder / "stickers" / "broken.webp").write_bytes(b"RIFF....WEBPnonsense")
    messages = [
        _message(1, ALICE, "the whiteboard", photo="photos/broken.jpg"),
        _message(2, BOB, "", file="stickers/broken.webp", media_type="sticker", sticker_emoji="🐱"),
        {
            "id": 3,
            "type": "service",
            "date_unixtime": str(1756735200 + 180),
            "actor": "Bob",
            "actor_id": f"user{BOB}",
            "action": "proximity_reached",
            "distance": 50,
            "text": "",
        },
        _message(4, ALICE, "still here"),
    ]
    return write_export(folder, kind="private_group", name="Team", chat_id=777, messages=messages)


def _report(tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    return data


def test_media_that_cannot_be_prepared_is_posted_as_text_with_a_note_once(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    config = write_config(
        tmp_path / "config.toml",
        export=_export(tmp_path / "export"),
        port=emu.port,
        chat_type="group",
    )
    assert build_chat(build_options(config, tmp_path)) == 0
    rows = transcript(read_back(emu, config))
    note = "📎 <i>The file could not be prepared for upload: {} (the reason is in the report)</i>"
    assert rows[0] == ("alice", "the whiteboard<br>" + note.format("broken.jpg"), None)
    assert rows[1] == ("bob", "🐱<br>" + note.format("broken.webp"), None)
    assert all(file_name is None for _, _, file_name in rows)
    report = _report(tmp_path)
    assert report["totals"].get("failed", 0) == 0
    entries = {entry["message_id"]: entry for entry in report["messages"]}
    assert any(n.startswith("file not migrated: ") for n in entries[1]["notes"])
    assert any(n.startswith("file not migrated: ") for n in entries[2]["notes"])

    # a second run sends nothing again
    assert build_chat(build_options(config, tmp_path)) == 0
    assert transcript(read_back(emu, config)) == rows


def test_an_action_without_its_own_line_is_neutral_and_listed(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(
        tmp_path / "config.toml",
        export=_export(tmp_path / "export"),
        port=emu.port,
        chat_type="group",
    )
    assert build_chat(build_options(config, tmp_path, dry_run=True)) == 0
    listed = "service actions not understood (posted as a neutral line): 1 (proximity_reached ×1)"
    assert listed in capsys.readouterr().out
    assert build_chat(build_options(config, tmp_path)) == 0
    assert listed in _report(tmp_path)["unknown_content"]
    texts = [text for _, text, _ in transcript(read_back(emu, config))]
    assert "ℹ️ <b>Bob</b>: a Telegram service message the migration tool does not recognise" in texts
    assert not any("proximity" in (text or "") for text in texts)


def test_an_ipv6_server_address_works(tmp_path: Path) -> None:
    with EmulatorThread(EmulatorConfig(host="::1", chatbot_dir=None)) as emu:
        for login, password in PASSWORDS.items():
            emu.add_user(login, password)
        export = _export(tmp_path / "export")
        config = write_config(
            tmp_path / "config.toml", export=export, port=emu.port, chat_type="group"
        )
        text = config.read_text(encoding="utf-8").replace(
            'address = "127.0.0.1"', 'address = "[::1]"'
        )
        config.write_text(text, encoding="utf-8")
        assert build_chat(build_options(config, tmp_path)) == 0
        totals = _report(tmp_path)["totals"]
        assert totals.get("failed", 0) == 0
        assert totals["posted"] + totals["attributed"] == totals["messages"] == 4
