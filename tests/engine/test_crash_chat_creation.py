"""SIGKILL after the chat exists on the server but before the ledger records its id: the next run
finds that chat instead of creating a second one. The kill comes from outside, while the server
has stored the chat and not yet answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.emulator.config import PROFILES
from migrator.emulator.model import ChatType as ServerChatType
from migrator.emulator.server import RunningEmulator
from migrator.ledger import Ledger, ledger_path_for

from .exports import write_config, write_export
from .helpers import chat_id_of, expected_rows, planned_posts, read_chat, transcript
from .killing import Phase, killing, run_build, start_build
from .test_crash import crash_export

pytestmark = pytest.mark.parametrize("emu", PROFILES, indirect=True)

CREATES = ("createGroupChat", "createP2PChat")


def migrated_chats(emu: RunningEmulator, chat_type: ServerChatType) -> list[str]:
    """Ids of the chats the migration could have created (its title, or alice's P2P chats)."""
    return [
        chat.chat_id
        for chat in emu.state.chats.values()
        if chat.chat_type is chat_type
        and (chat_type is ServerChatType.P2P or chat.title == "Migrated")
    ]


@pytest.mark.parametrize(
    ("export_kind", "chat_type", "server_type"),
    [
        ("private_group", "group", ServerChatType.GROUP),
        ("personal_chat", "personal", ServerChatType.P2P),
    ],
)
def test_kill_between_creating_the_chat_and_recording_it(
    emu: RunningEmulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    export_kind: str,
    chat_type: str,
    server_type: ServerChatType,
) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind=export_kind, name="Crash", chat_id=77, messages=crash_export(export, 6)
    )
    config = write_config(
        tmp_path / "config.toml", export=export, port=emu.port, chat_type=chat_type
    )
    out = tmp_path / "out"

    with killing(monkeypatch, *CREATES) as killer:
        assert killer.run(start_build(config, out), Phase.AFTER_APPLY, 1).killed
    created = migrated_chats(emu, server_type)
    assert len(created) == 1
    assert emu.state.chats[created[0]].message_ids == []
    with Ledger(ledger_path_for(config)) as ledger:
        scope = ledger.chat(server=emu.base_url, chat_key="tg77")
        assert scope.chat_id() is None
        marker = scope.creation()
        assert marker is not None and marker.chat_type == chat_type

    assert run_build(config, out).code == 0
    assert migrated_chats(emu, server_type) == created
    assert chat_id_of(config, emu, "tg77") == created[0]
    with Ledger(ledger_path_for(config)) as ledger:
        assert ledger.chat(server=emu.base_url, chat_key="tg77").creation() is None
    messages = read_chat(emu, created[0])
    assert transcript(messages) == expected_rows(planned_posts(config), emu)

    assert run_build(config, out).code == 0  # a re-run changes nothing
    assert migrated_chats(emu, server_type) == created
    assert len(read_chat(emu, created[0])) == len(messages)
