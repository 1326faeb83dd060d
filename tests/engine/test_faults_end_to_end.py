"""The whole tool under every fault at once: the run completes with the exact transcript."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.emulator.config import PROFILES
from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat

from .helpers import (
    build_options,
    expected_rows,
    planned_posts,
    read_back,
    transcript,
    write_team_chat,
)

pytestmark = pytest.mark.parametrize("emu", PROFILES, indirect=True)


def test_all_faults_together(emu: RunningEmulator, tmp_path: Path) -> None:
    config = write_team_chat(emu, tmp_path)
    faults = emu.faults
    faults.latency_ms = 10
    faults.drop_ws_after_frames = 3  # the chat creation itself loses its answer
    faults.drop_ws_lose_reply = True
    faults.upload_5xx_probability = 0.4
    faults.rate_limit_every = 6
    try:
        code = build_chat(build_options(config, tmp_path))
    finally:
        faults.latency_ms, faults.drop_ws_after_frames, faults.rate_limit_every = 0, None, None
        faults.drop_ws_lose_reply, faults.upload_5xx_probability = False, 0.0
    assert code == 0
    chats = [c for c in emu.state.chats.values() if c.title == "Migrated"]
    assert len(chats) == 1  # no chat created twice when a creation's answer was lost
    messages = read_back(emu, config)
    assert transcript(messages) == expected_rows(planned_posts(config), emu)
