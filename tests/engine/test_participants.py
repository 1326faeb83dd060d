"""Who is added to the chat: never a deleted account's placeholder; an account the server does not
know does not stop the migration (the owner posts for it, and the report says so)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from migrator.config import load_config
from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat
from migrator.engine.planning import plan_chat
from migrator.errors import ServerError
from migrator.telegram.loader import select_chat

from .exports import ALICE, BOB, DAVE, PASSWORDS, group_messages, write_config, write_export
from .helpers import build_options, chat_id_of, planned_posts, read_chat, write_team_chat


def _report(tmp_path: Path) -> dict[int, dict[str, Any]]:
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    return {entry["message_id"]: entry for entry in data["messages"]}


def _setup(tmp_path: Path, emu: RunningEmulator, dave: dict[str, str]) -> Path:
    users = {
        "alice": {"password": PASSWORDS["alice"], "telegram_id": f"user{ALICE}"},
        "bob": {"password": PASSWORDS["bob"], "telegram_id": f"user{BOB}"},
        "dave": {"telegram_id": f"user{DAVE}", **dave},
    }
    return write_team_chat(emu, tmp_path, users=users)


def test_deleted_account_is_never_a_participant(emu: RunningEmulator, tmp_path: Path) -> None:
    config = _setup(tmp_path, emu, {"type": "deleted"})
    loaded = load_config(config)
    export = loaded.export_dir(config)
    planned = plan_chat(loaded, export_dir=export, chat=select_chat(export, None))
    assert "dave" not in planned.spec.participants and "dave" not in planned.people
    assert planned.placeholders == ("dave",)  # shown in the preflight's accounts

    assert build_chat(build_options(config, tmp_path)) == 0
    messages = read_chat(emu, chat_id_of(config, emu, "tg777"))
    dave_line = next(m for m in messages if "I have no account" in (m.text or ""))
    assert dave_line.login == "alice" and "Dave NoAccount" in (dave_line.text or "")
    assert _report(tmp_path)[5]["verdict"] == "attributed"


def test_account_missing_on_the_server_does_not_stop_the_migration(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # dave has a password in [users], but add_users_to_server.py never created his account.
    config = _setup(tmp_path, emu, {"password": "Dave-pass-4444"})
    assert "dave" in {p.author for p in planned_posts(config)}  # planned as his own post

    assert build_chat(build_options(config, tmp_path)) == 0
    chat_id = chat_id_of(config, emu, "tg777")
    assert sorted(emu.state.chats[chat_id].participants) == sorted(
        [emu.user_id("alice"), emu.user_id("bob")]
    )
    messages = read_chat(emu, chat_id)
    dave_line = next(m for m in messages if "I have no account" in (m.text or ""))
    assert dave_line.login == "alice" and "Dave NoAccount" in (dave_line.text or "")
    entry = _report(tmp_path)[5]
    assert entry["verdict"] == "attributed"
    assert any("could not be added to the chat" in note for note in entry["notes"])
    console = capsys.readouterr().err
    assert "dave could not be added to the chat" in console
    assert "add_users_to_server.py" in console
    assert "Dave-pass-4444" not in console


def test_personal_chat_with_a_peer_missing_on_the_server_names_the_fix(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    export = tmp_path / "export"
    messages = [m for m in group_messages(export) if m.get("from") in ("Alice", "Dave NoAccount")]
    write_export(export, kind="personal_chat", name="Dave", chat_id=556, messages=messages)
    users = {
        "alice": {"password": PASSWORDS["alice"], "telegram_id": f"user{ALICE}"},
        "dave": {"password": "Dave-pass-4444", "telegram_id": f"user{DAVE}"},
    }
    config = write_config(
        tmp_path / "config.toml", export=export, port=emu.port, chat_type="personal", users=users
    )
    chats = len(emu.state.chats)
    with pytest.raises(ServerError) as caught:
        build_chat(build_options(config, tmp_path))
    assert "personal chat with 'dave'" in str(caught.value)
    assert "add_users_to_server.py" in str(caught.value)
    assert len(emu.state.chats) == chats
