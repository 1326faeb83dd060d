"""The whole tool under each fault alone and every fault at once, under both emulator profiles:
the run completes with the exact transcript (nothing lost, nothing doubled, order kept)."""

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


FAULTS_ALONE: dict[str, dict[str, object]] = {
    "latency": {"latency_ms": 15},
    "drops": {"drop_ws_after_frames": 5},
    "drops_losing_answers": {"drop_ws_after_frames": 4, "drop_ws_lose_reply": True},
    "upload_5xx": {"upload_5xx_probability": 0.5},
    "rate_limits": {"rate_limit_every": 4},
}
CLEAR: dict[str, object] = {
    "latency_ms": 0,
    "drop_ws_after_frames": None,
    "drop_ws_lose_reply": False,
    "upload_5xx_probability": 0.0,
    "rate_limit_every": None,
}


@pytest.mark.parametrize("fault", sorted(FAULTS_ALONE))
def test_each_fault_alone(emu: RunningEmulator, tmp_path: Path, fault: str) -> None:
    config = write_team_chat(emu, tmp_path)
    for name, value in FAULTS_ALONE[fault].items():
        setattr(emu.faults, name, value)
    try:
        code = build_chat(build_options(config, tmp_path))
    finally:
        for name, value in CLEAR.items():
            setattr(emu.faults, name, value)
    assert code == 0
    assert len([c for c in emu.state.chats.values() if c.title == "Migrated"]) == 1
    messages = read_back(emu, config)
    assert transcript(messages) == expected_rows(planned_posts(config), emu)
    assert len({m.message_id for m in messages}) == len(messages)


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
