"""A chat of 120 posts of about 4,000 Cyrillic characters: a history page of them is larger than
the 1 MiB frame the client accepts. Killed mid-run, resumed and verified under both profiles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator.config import PROFILES
from migrator.emulator.server import RunningEmulator

from .exports import ALICE, BOB, _message, write_config, write_export
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript
from .killing import Phase, killing, run_build, start_build

pytestmark = pytest.mark.parametrize("emu", PROFILES, indirect=True)

POSTS = 120
WORDS = ("съешь", "же", "ещё", "этих", "мягких", "французских", "булок", "да", "выпей", "чаю")


def long_text(i: int) -> str:
    text = f"Сообщение {i}: "
    while len(text) < 3990:
        text += WORDS[(len(text) + i) % len(WORDS)] + " "
    return text.strip()


def long_posts() -> list[dict[str, Any]]:
    start = dt.datetime(2025, 9, 1, 9, 0, tzinfo=dt.UTC)
    messages = []
    for i in range(1, POSTS + 1):
        sender, name = (ALICE, "Alice") if i % 2 else (BOB, "Bob")
        when = start + dt.timedelta(minutes=i)
        messages.append(
            _message(
                i,
                sender,
                name,
                long_text(i),
                date=when.strftime("%Y-%m-%dT%H:%M:%S"),
                date_unixtime=str(int(when.timestamp())),
            )
        )
    return messages


def test_long_cyrillic_posts_killed_resumed_and_verified(
    emu: RunningEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export"
    write_export(export, kind="private_group", name="Long", chat_id=120, messages=long_posts())
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")

    out = tmp_path / "out"
    with killing(monkeypatch, "sendMessage") as killer:
        # Killed once the server applied the 60th post, before its answer reached the migrator.
        done = killer.run(start_build(config, out), Phase.AFTER_APPLY, POSTS // 2)
    assert done.killed, done.stderr
    chat_id = chat_id_of(config, emu, "tg120")
    assert len(emu.state.chats[chat_id].message_ids) == POSTS // 2
    finished = run_build(config, out)
    assert finished.code == 0, finished.stderr
    assert run_build(config, out, "--verify").code == 0

    # Pages of 100 such posts (what public clients ask for) are over 2 MB: the socket closes
    # with 1009 and the reader asks again in smaller pages.
    messages = read_chat(emu, chat_id, first_page=100)
    assert transcript(messages) == expected_rows(planned_posts(config), emu)
    assert len(messages) == POSTS
    assert len({m.message_id for m in messages}) == POSTS
