"""``--verify`` only reads: it creates no chat, adds nobody and posts nothing; and it compares a
converted file with the name it was uploaded under."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from migrator.connector import ServerMessage
from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat
from migrator.errors import MigratorError
from migrator.ledger import PostRecord, PostState
from migrator.plan.post import Attribution, Conversion, Post, PostKey, PostKind
from migrator.verify import compare

from .exports import ALICE, BOB, group_messages, write_config, write_export
from .helpers import TEAM_CHAT_KEY, build_options, call_as, chat_id_of, read_back, write_team_chat

REPO = Path(__file__).resolve().parents[2]
VOICE = REPO / "demo" / "sample-export" / "voice_messages" / "audio_1@01-09-2025_09-30-00.ogg"


def _remove_participant(emu: RunningEmulator, chat_id: str, login: str) -> None:
    call_as(emu, "alice", lambda bot: bot.remove_participant_from_chat(chat_id, login))


def test_verify_changes_nothing_on_the_server(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_team_chat(emu, tmp_path)
    options = build_options(config, tmp_path)
    assert build_chat(options) == 0
    chat_id = chat_id_of(config, emu, TEAM_CHAT_KEY)
    _remove_participant(emu, chat_id, "bob")  # a migration run would add bob again
    participants = dict(emu.state.chats[chat_id].participants)
    before = (len(emu.state.chats), len(emu.state.messages))
    capsys.readouterr()

    assert build_chat(replace(options, verify=True)) == 0
    assert "verified" in capsys.readouterr().out
    assert (len(emu.state.chats), len(emu.state.messages)) == before
    assert dict(emu.state.chats[chat_id].participants) == participants


def test_verify_before_any_migration_says_so(emu: RunningEmulator, tmp_path: Path) -> None:
    config = write_team_chat(emu, tmp_path)
    chats = len(emu.state.chats)
    with pytest.raises(MigratorError, match="Nothing to verify") as caught:
        build_chat(build_options(config, tmp_path, verify=True))
    assert "without --verify" in str(caught.value)
    assert len(emu.state.chats) == chats
    assert not (tmp_path / "config.ledger.sqlite").exists()


def _voice_post(tmp_path: Path) -> Post:
    source = tmp_path / "audio_1@01-09-2025_09-30-00.ogg"
    source.write_bytes(b"OggS")
    return Post(
        PostKey("tg1", 8),
        "bob",
        Attribution.AUTHOR,
        PostKind.VIDEO,
        "",
        file=source,
        file_name=source.name,
        conversion=Conversion.VOICE_TO_MP4,
    )


def _attachment(name: str) -> ServerMessage:
    return ServerMessage("m1", "bob@server", 202, 1, 1, file_name=name, file_size=999)


def test_a_converted_file_is_compared_with_its_uploaded_name(tmp_path: Path) -> None:
    post = _voice_post(tmp_path)
    uploaded = "audio_1@01-09-2025_09-30-00.mp4"
    record = PostRecord(post.key, 0, PostState.SENT, "bob", "", uploaded, "m1")
    assert compare([post], {post.key: record}, [_attachment(uploaded)]).ok
    wrong = compare([post], {post.key: record}, [_attachment(post.file_name or "")])
    assert wrong.differences == (
        "#8 «audio_1@01-09-2025_09-30-00.ogg»: file name 'audio_1@01-09-2025_09-30-00.ogg', "
        f"expected '{uploaded}'",
    )


@pytest.mark.skipif(not VOICE.is_file(), reason="the demo's voice note is not there")
def test_converted_voice_note_verifies(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export"
    (export / "voice_messages").mkdir(parents=True)
    shutil.copy(VOICE, export / "voice_messages" / VOICE.name)
    messages = [
        group_messages(export)[1],
        {
            **group_messages(export)[2],
            "id": 3,
            "from_id": f"user{BOB}",
            "text": "",
            "text_entities": [],
            "file": f"voice_messages/{VOICE.name}",
            "media_type": "voice_message",
            "mime_type": "audio/ogg",
            "duration_seconds": 3,
        },
    ]
    assert messages[0]["from_id"] == f"user{ALICE}"
    write_export(export, kind="private_group", name="Team", chat_id=777, messages=messages)
    config = write_config(
        tmp_path / "config.toml",
        export=export,
        port=emu.port,
        chat_type="group",
        extra="[chat.voice_message]\nconvert_voice_message_to_video = true",
    )
    options = build_options(config, tmp_path)
    assert build_chat(options) == 0
    capsys.readouterr()
    assert build_chat(replace(options, verify=True)) == 0, capsys.readouterr().out
    messages = read_back(emu, config)
    assert [m.file_name for m in messages] == [None, f"{VOICE.stem}.mp4", None]
    assert messages[2].text == "<i>🎤 voice message, 0:03</i>"  # the video's caption
