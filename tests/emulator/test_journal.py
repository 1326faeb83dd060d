"""The --data journal: appended before each answer, replayed on start, tolerant of a torn end."""

from __future__ import annotations

import json
from pathlib import Path

from migrator.emulator import EmulatorConfig, start_emulator
from migrator.emulator.persistence import JOURNAL_FILE
from tests.emulator.support import close_bots, connect_bot, open_bots


async def test_each_answered_change_is_one_appended_line(tmp_path: Path) -> None:
    journal = tmp_path / JOURNAL_FILE
    async with start_emulator(EmulatorConfig(data_dir=tmp_path)) as emu:
        emu.add_user("alice", "pw")
        make, started = await open_bots(emu)
        alice = await make("alice")
        chat_id = (await alice.create_group_chat("Appended")).chat_id
        before = journal.read_bytes()
        await alice.send_message(chat_id, "one")
        await alice.send_message(chat_id, "two")
        after = journal.read_bytes()
        await close_bots(started)
    # What was there stays byte for byte; each post added one line, written before its answer.
    assert after.startswith(before)
    added = after[len(before) :].decode().splitlines()
    assert len(added) == 2
    assert '"one"' in added[0] and '"two"' in added[1]


async def test_a_torn_last_line_is_dropped_and_the_rest_replayed(tmp_path: Path) -> None:
    async with start_emulator(EmulatorConfig(data_dir=tmp_path)) as emu:
        emu.add_user("alice", "pw")
        token = emu.issue_token("alice")
        make, started = await open_bots(emu)
        alice = await make("alice")
        chat_id = (await alice.create_group_chat("Torn")).chat_id
        kept = await alice.send_message(chat_id, "kept")
        await close_bots(started)
    with (tmp_path / JOURNAL_FILE).open("ab") as stream:
        stream.write(b'{"last_timestamp": 1, "records": [["message", "x", {"mess')

    async with start_emulator(EmulatorConfig(data_dir=tmp_path)) as emu:
        alice = await connect_bot(emu, token)
        try:
            later = await alice.send_message(chat_id, "later")
            history = await alice.get_chat_history(chat_id, 10)
        finally:
            await alice.shutdown(timeout=1)
    posts = [m.message_id for m in reversed(history.messages) if m.type == 200]
    assert posts == [kept.message_id, later.message_id]
    # The restart rewrote the journal compactly: no torn line is left behind.
    lines = (tmp_path / JOURNAL_FILE).read_bytes().splitlines()
    assert all(isinstance(json.loads(line), dict) for line in lines)
