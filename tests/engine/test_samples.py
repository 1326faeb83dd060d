"""Real exports from ../shared/samples migrated end to end (skipped when the folder is absent)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from migrator.emulator.server import RunningEmulator
from migrator.engine import BuildOptions, build_chat

from .exports import write_config
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"


@pytest.mark.parametrize(
    ("sample", "chat_type"),
    [("tg2md-private-channel-2021", "channel"), ("chatstyle-synthetic-ru", "group")],
)
def test_sample_export_migrates_and_verifies(
    emu: RunningEmulator, tmp_path: Path, sample: str, chat_type: str
) -> None:
    export = SAMPLES / sample
    if not (export / "result.json").is_file():
        pytest.skip(f"{export} is not available")
    users = {"alice": {"password": "Alice-pass-1"}}
    config = write_config(
        tmp_path / "config.toml",
        export=export.resolve(),
        port=emu.port,
        chat_type=chat_type,
        users=users,
    )
    options = BuildOptions(
        config_path=config,
        output_dir=tmp_path / "out",
        quiet=True,
        retry_base_seconds=0.01,
    )
    assert build_chat(options) == 0
    assert build_chat(replace(options, verify=True)) == 0  # no difference found
    report = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    key = report.split('"chat_key": "', 1)[1].split('"', 1)[0]
    messages = read_chat(emu, chat_id_of(config, emu, key))
    assert transcript(messages) == expected_rows(planned_posts(config))


def test_voice_notes_become_videos_and_verify(emu: RunningEmulator, tmp_path: Path) -> None:
    export = SAMPLES / "tg2md-private-channel-2021"
    if not (export / "result.json").is_file():
        pytest.skip(f"{export} is not available")
    config = write_config(
        tmp_path / "config.toml",
        export=export.resolve(),
        port=emu.port,
        chat_type="channel",
        users={"alice": {"password": "Alice-pass-1"}},
        extra="[chat.voice_message]\nconvert_voice_message_to_video = true",
    )
    options = BuildOptions(
        config_path=config,
        output_dir=tmp_path / "out",
        quiet=True,
        retry_base_seconds=0.01,
    )
    assert build_chat(options) == 0
    assert build_chat(replace(options, verify=True)) == 0  # --verify found no difference
    messages = read_chat(emu, chat_id_of(config, emu, "tg1292077344"))
    videos = [m for m in messages if m.mime_type == "video/mp4"]
    assert videos and all((m.file_name or "").endswith(".mp4") for m in videos)
