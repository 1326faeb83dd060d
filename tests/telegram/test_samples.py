"""Every real export in ../shared/samples loads without error (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.telegram.loader import iter_messages, select_chat
from migrator.telegram.model import LoadStats, MediaKind, Message, MissingReason, PeerId, PeerKind

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
SAMPLE_DIRS = sorted(p for p in SAMPLES.iterdir() if p.is_dir()) if SAMPLES.is_dir() else []

pytestmark = pytest.mark.skipif(not SAMPLE_DIRS, reason="../shared/samples is not available")


def load(name: str) -> list[Message]:
    folder = SAMPLES / name
    if not folder.is_dir():
        pytest.skip(f"sample {name} is not available")
    return list(iter_messages(folder, select_chat(folder, None)))


@pytest.mark.parametrize("folder", SAMPLE_DIRS, ids=[p.name for p in SAMPLE_DIRS])
def test_every_sample_loads_every_message(folder: Path) -> None:
    stats = LoadStats()
    messages = list(iter_messages(folder, select_chat(folder, None), stats=stats))
    with (folder / "result.json").open(encoding="utf-8") as file:
        raw = json.load(file)["messages"]
    assert [m.id for m in messages] == [r["id"] for r in raw]
    assert stats.refused_paths == [] and stats.unknown_actions == {}


def test_channel_ids_agree_across_the_old_and_new_format() -> None:
    old = {m.id: m.sender for m in load("tg2md-private-channel-2020-oldids") if m.sender}
    new = {m.id: m.sender for m in load("tg2md-private-channel-2021") if m.sender}
    common = old.keys() & new.keys()
    assert common
    for message_id in common:
        assert old[message_id] == new[message_id]
        assert new[message_id].id == PeerId(PeerKind.CHANNEL, 1292077344)


def test_real_media_files_resolve_and_a_reused_photo_shares_its_path() -> None:
    messages = {m.id: m for m in load("tg2md-private-channel-2021")}
    photos = [m.media for m in messages.values() if m.media and m.media.kind is MediaKind.PHOTO]
    assert photos and all(p.file.available for p in photos)
    assert messages[3].media is not None and messages[4].media is not None
    assert messages[3].media.file.path == messages[4].media.file.path
    voice = messages[7].media
    assert voice is not None and voice.kind is MediaKind.VOICE_MESSAGE


def test_size_placeholders_and_trailing_empty_parts() -> None:
    messages = {m.id: m for m in load("innerdvations-saved-messages-2021")}
    video = messages[318170].media
    assert video is not None and video.file.missing is MissingReason.TOO_LARGE
    assert video.thumbnail is not None and video.thumbnail.missing is MissingReason.TOO_LARGE
    assert all(chunk.text for chunk in messages[225569].text)
    assert messages[226106].via_bot == "@gif"


def test_migrated_group_keeps_negative_ids() -> None:
    ids = [m.id for m in load("innerdvations-migrated-supergroup-2021")]
    assert ids[0] < -999_000_000 and ids[-1] > 0


def test_modern_export_uses_unixtime() -> None:
    messages = load("ragtgbot-private-group-2025")
    assert all(m.timestamp is not None for m in messages)
    assert any(m.sender and m.sender.id and m.sender.id.kind is PeerKind.USER for m in messages)
