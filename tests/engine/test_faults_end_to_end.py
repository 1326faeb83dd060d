"""The whole tool under every fault at once: the run completes with the exact transcript."""

from __future__ import annotations

from pathlib import Path

from migrator.emulator.server import RunningEmulator
from migrator.engine import BuildOptions, build_chat

from .exports import group_messages, write_config, write_export
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript


def test_all_faults_together(emu: RunningEmulator, tmp_path: Path) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Team", chat_id=777, messages=group_messages(export)
    )
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    faults = emu.faults
    faults.latency_ms = 10
    faults.drop_ws_after_frames = 3  # the chat creation itself loses its answer
    faults.drop_ws_lose_reply = True
    faults.upload_5xx_probability = 0.4
    faults.rate_limit_every = 6
    try:
        code = build_chat(
            BuildOptions(
                config_path=config, output_dir=tmp_path / "out", quiet=True, retry_base_seconds=0.01
            )
        )
    finally:
        faults.latency_ms, faults.drop_ws_after_frames, faults.rate_limit_every = 0, None, None
        faults.drop_ws_lose_reply, faults.upload_5xx_probability = False, 0.0
    assert code == 0
    chats = [c for c in emu.state.chats.values() if c.title == "Migrated"]
    assert len(chats) == 1  # no chat created twice when a creation's answer was lost
    messages = read_chat(emu, chat_id_of(config, emu, "tg777"))
    assert transcript(messages) == expected_rows(planned_posts(config))
