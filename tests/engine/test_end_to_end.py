from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.emulator.server import RunningEmulator
from migrator.engine import BuildOptions, build_chat

from .exports import group_messages, write_config, write_export
from .helpers import (
    build_options,
    call_as,
    chat_id_of,
    expected_rows,
    planned_posts,
    read_back,
    read_chat,
    transcript,
    write_team_chat,
)


def options(config: Path, tmp_path: Path, **extra: object) -> BuildOptions:
    return build_options(config, tmp_path, request_timeout=5.0, **extra)


@pytest.mark.parametrize(
    ("export_kind", "chat_type"),
    [
        ("private_group", "group"),
        ("private_channel", "channel"),
    ],
)
def test_group_and_channel_read_back_equal_the_transcript(
    emu: RunningEmulator, tmp_path: Path, export_kind: str, chat_type: str
) -> None:
    config = write_team_chat(emu, tmp_path, kind=export_kind, chat_type=chat_type, name="Team chat")
    assert build_chat(options(config, tmp_path)) == 0
    posts = planned_posts(config)
    messages = read_back(emu, config)
    assert transcript(messages) == expected_rows(posts)
    authors = [m.login for m in messages]
    assert set(authors) == {"alice", "bob"}  # Dave has no account: the owner posts for him
    assert any("Dave NoAccount" in (m.text or "") and m.login == "alice" for m in messages)
    assert [m.file_name for m in messages if m.file_name] == ["photo_1.jpg", "notes.txt"]
    by_text = {m.text: m for m in messages if m.text}
    photo = next(m for m in messages if m.file_name == "photo_1.jpg")
    reply = next(m for t, m in by_text.items() if t and "a reply to the photo" in t)
    assert reply.reply_to == photo.message_id
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    verdicts = {entry["message_id"]: entry["verdict"] for entry in report["messages"]}
    assert verdicts[5] == "attributed" and verdicts[2] == "posted"
    assert report["totals"].get("failed", 0) == 0


def test_personal_chat_takes_the_two_people_from_the_export(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    export = tmp_path / "export"
    messages = [m for m in group_messages(export) if m.get("from") in ("Alice", "Bob")]
    write_export(export, kind="personal_chat", name="Bob", chat_id=555, messages=messages)
    # carol is listed first in [users]: table order must not decide the peer.
    users = {
        "carol": {"password": "Carol-pass-333", "telegram_id": "user1003"},
        "bob": {"password": "Bob-pass-22", "telegram_id": "user1002"},
        "alice": {"password": "Alice-pass-1", "telegram_id": "user1001"},
    }
    config = write_config(
        tmp_path / "config.toml", export=export, port=emu.port, chat_type="personal", users=users
    )
    assert build_chat(options(config, tmp_path)) == 0
    chat_id = chat_id_of(config, emu, "tg555")
    chat = emu.state.chats[chat_id]
    assert sorted(chat.participants) == sorted([emu.user_id("alice"), emu.user_id("bob")])
    assert transcript(read_chat(emu, chat_id)) == expected_rows(planned_posts(config))


def test_rerun_after_success_posts_nothing_and_verify_passes(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_team_chat(emu, tmp_path)
    assert build_chat(options(config, tmp_path)) == 0
    chats, messages = len(emu.state.chats), len(emu.state.messages)
    assert build_chat(options(config, tmp_path, verify=True)) == 0
    assert (len(emu.state.chats), len(emu.state.messages)) == (chats, messages)
    assert "verified" in capsys.readouterr().out


def test_dry_run_touches_nothing_and_writes_preview(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_team_chat(emu, tmp_path, export_name="Team <x>")
    before = (len(emu.state.chats), len(emu.state.messages))
    assert build_chat(options(config, tmp_path, dry_run=True)) == 0
    assert (len(emu.state.chats), len(emu.state.messages)) == before
    out = capsys.readouterr().out
    assert "attributed to the owner: 1" in out and "Dry run" in out
    preview = (tmp_path / "out" / "preview.html").read_text(encoding="utf-8")
    assert "Hello &lt;team&gt; &amp; friends" in preview and "<img" in preview
    assert "<script" not in preview


def test_verify_reports_a_duplicate_and_a_missing_message(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_team_chat(emu, tmp_path)
    assert build_chat(options(config, tmp_path)) == 0
    chat_id = chat_id_of(config, emu, "tg777")
    first, *_ = read_chat(emu, chat_id)

    call_as(emu, "bob", lambda bot: bot.send_message(chat_id, "duplicate?", "html"))
    call_as(emu, "alice", lambda bot: bot.remove_message(first.message_id, for_all=True))
    capsys.readouterr()
    assert build_chat(options(config, tmp_path, verify=True)) == 1
    out = capsys.readouterr().out
    assert "unexpected message" in out and "'duplicate?'" in out
    assert f"message {first.message_id} is missing" in out


def test_new_chat_starts_over_in_a_fresh_chat(emu: RunningEmulator, tmp_path: Path) -> None:
    config = write_team_chat(emu, tmp_path)
    assert build_chat(options(config, tmp_path)) == 0
    old = chat_id_of(config, emu, "tg777")
    assert build_chat(options(config, tmp_path, new_chat=True)) == 0
    new = chat_id_of(config, emu, "tg777")
    assert new != old
    assert transcript(read_chat(emu, new)) == transcript(read_chat(emu, old))
