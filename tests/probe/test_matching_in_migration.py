"""Interrupted posts are found as the server profile says: by their exact text when the probe saw
the server keep texts as sent, by their visible text without a profile. The emulator applies
every second change and then answers with an error (or drops the socket), so many posts are
left for the reconciliation to find; it rewrites stored texts as a sanitiser would, so the text
read back differs from ours in markup only."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from migrator.emulator.config import Behaviours, EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine.cli import main
from migrator.probe import checks
from migrator.probe.profile import (
    CheckStatus,
    ServerInfo,
    ServerProfile,
    profile_path_for,
    write_profile,
)
from tests.engine.exports import ALICE, BOB, PASSWORDS, write_config, write_export
from tests.engine.helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript

CHAT_KEY = "tg555"
POSTS = 8


def _message(mid: int) -> dict[str, Any]:
    sender, name = (ALICE, "Alice") if mid % 2 else (BOB, "Bob")
    text = f"post {mid}\nsecond line"  # sent with a line break the emulator stores otherwise
    return {
        "id": mid,
        "type": "message",
        "date": f"2025-09-01T14:{mid:02d}:00",
        "date_unixtime": str(1756735200 + mid * 60),
        "from": name,
        "from_id": f"user{sender}",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}],
    }


def _normalising_server() -> EmulatorConfig:
    return EmulatorConfig(behaviours=Behaviours(normalise_text=True, commit_then_error_every=2))


def _config(emu: RunningEmulator, tmp_path: Path) -> Path:
    for login, password in PASSWORDS.items():
        emu.add_user(login, password, display_name=login.title())
    export = tmp_path / "export"
    messages = [_message(mid) for mid in range(1, POSTS + 1)]
    write_export(export, kind="private_group", name="Lines", chat_id=555, messages=messages)
    return write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")


def _profile_keeping_texts(config: Path, emu: RunningEmulator) -> None:
    """A profile whose probe saw texts and author ids come back exactly as sent."""
    write_profile(
        profile_path_for(config),
        ServerProfile(
            server=ServerInfo(version="5.5.6", address=emu.base_url),
            probed_at=datetime.now(UTC),
            checks={
                "text_echo": checks.result("text_echo", CheckStatus.OK, {"samples": 4}),
                "author_id_format": checks.result(
                    "author_id_format", CheckStatus.OK, {"format": ["login@server"]}
                ),
            },
        ),
    )


def _migrate(config: Path) -> int:
    return main(["--config", str(config), "--output", str(config.parent / "out"), "--quiet"])


def test_with_a_profile_keeping_texts_a_text_differing_in_markup_is_not_taken_for_ours(
    tmp_path: Path,
) -> None:
    with EmulatorThread(_normalising_server()) as emu:
        config = _config(emu, tmp_path)
        _profile_keeping_texts(config, emu)
        assert _migrate(config) == 0
        rows = transcript(read_chat(emu, chat_id_of(config, emu, CHAT_KEY)))
        expected = expected_rows(planned_posts(config), emu)
    assert expected[0][1] == "post 1\nsecond line"  # the stored text: the <br> we sent rewritten
    # Exact matching did not recognise the stored posts, so they were sent again.
    assert len(rows) > len(expected)
    assert set(rows) == set(expected)


def test_without_a_profile_a_text_differing_in_markup_is_our_post(tmp_path: Path) -> None:
    with EmulatorThread(_normalising_server()) as emu:
        config = _config(emu, tmp_path)
        assert _migrate(config) == 0
        rows = transcript(read_chat(emu, chat_id_of(config, emu, CHAT_KEY)))
        expected = expected_rows(planned_posts(config), emu)
    assert rows == expected
    assert max(Counter(rows).values()) == 1
