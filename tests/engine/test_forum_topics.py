"""A forum supergroup (tests/fixtures/exports/forum) migrated against the emulator with
``[chat] topics = "label"`` and read back: one chat, each topic message led by its topic's title,
writing in a topic no reply, replies inside a topic kept; the preflight lists the topics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat

from .exports import write_config
from .helpers import build_options, read_back

FORUM = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "forum"


def _config(emu: RunningEmulator, tmp_path: Path) -> Path:
    export = tmp_path / "export"
    shutil.copytree(FORUM, export)
    return write_config(
        tmp_path / "config.toml",
        export=export,
        port=emu.port,
        chat_type="group",
        extra='topics = "label"',
    )


def test_topics_are_labelled_in_one_chat_and_read_back(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(emu, tmp_path)
    assert build_chat(build_options(config, tmp_path, dry_run=True)) == 0
    preflight = capsys.readouterr().out
    assert "forum topics: 2\n    Help desk: 2 messages\n    Releases: 2 messages" in preflight

    assert build_chat(build_options(config, tmp_path)) == 0
    messages = read_back(emu, config, "tg888")
    by_text = {m.text: m for m in messages}
    assert [(m.login, m.text) for m in messages] == [
        ("alice", "ℹ️ <b>Alice</b> created the topic “Help desk”"),
        ("bob", "<i>Topic “Help desk”</i><br>The printer on floor 3 is down"),
        ("alice", "ℹ️ <b>Bob</b> created the topic “Releases”"),
        ("alice", "Lunch at 13:00?"),
        ("alice", "<i>Topic “Help desk”</i><br>Rebooted it, works again"),
        ("alice", "<i>Topic “Releases”</i><br><b>Dave NoAccount</b>:<br>Version 2.0 is out"),
        ("bob", "<i>Topic “Releases”</i><br>Great news"),
        ("bob", "Yes, see you there"),
    ]
    printer = by_text["<i>Topic “Help desk”</i><br>The printer on floor 3 is down"]
    assert printer.reply_to is None  # writing in a topic is no reply to its creation
    rebooted = by_text["<i>Topic “Help desk”</i><br>Rebooted it, works again"]
    assert rebooted.reply_to == printer.message_id
    release = by_text["<i>Topic “Releases”</i><br><b>Dave NoAccount</b>:<br>Version 2.0 is out"]
    assert by_text["<i>Topic “Releases”</i><br>Great news"].reply_to == release.message_id
    assert by_text["Yes, see you there"].reply_to == by_text["Lunch at 13:00?"].message_id
