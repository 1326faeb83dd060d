"""The ledger's schema version (PRAGMA user_version) and the files that are not our ledger."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.ledger import Ledger, LedgerError, PostState
from migrator.ledger.store import APPLICATION_ID, LATEST_VERSION, MIGRATIONS
from migrator.plan.post import PostKey

SERVER = "http://127.0.0.1:1"


def pragma(path: Path, name: str) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        db.close()


def test_a_new_ledger_starts_at_the_latest_version_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger(path):
        pass
    assert pragma(path, "user_version") == LATEST_VERSION == len(MIGRATIONS)
    assert pragma(path, "application_id") == APPLICATION_ID
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".new")] == []


def test_a_ledger_from_before_versions_is_brought_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    for statement in (
        "CREATE TABLE chats (server TEXT NOT NULL, chat_key TEXT NOT NULL,"
        " trueconf_chat_id TEXT NOT NULL, created_at REAL NOT NULL,"
        " PRIMARY KEY (server, chat_key))",
        "CREATE TABLE posts (server TEXT NOT NULL, chat_key TEXT NOT NULL, post_key TEXT NOT NULL,"
        " seq INTEGER NOT NULL, state TEXT NOT NULL, author TEXT, sent_text TEXT, file_name TEXT,"
        " trueconf_message_id TEXT, caption_message_id TEXT, reason TEXT,"
        " updated_at REAL NOT NULL, PRIMARY KEY (server, post_key))",
        f"INSERT INTO chats VALUES ('{SERVER}', 'tg1', 'c-1', 0)",
        f"INSERT INTO posts VALUES ('{SERVER}', 'tg1', 'tg1:5:0', 0, 'sent', 'alice', 'hi', NULL,"
        " 'm-5', NULL, NULL, 0)",
    ):
        db.execute(statement)
    db.commit()
    db.close()
    with Ledger(path) as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        record = chat.record(PostKey("tg1", 5))
        assert chat.chat_id() == "c-1"
        assert record is not None and record.state is PostState.SENT
        assert record.message_id == "m-5" and record.lost_message_id is None
    assert pragma(path, "user_version") == LATEST_VERSION
    assert pragma(path, "application_id") == APPLICATION_ID


def _newer(path: Path) -> None:
    with Ledger(path):
        pass
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    db.close()


def _foreign(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("INSERT INTO notes VALUES ('mine')")
    db.commit()
    db.close()


def _unknown_state(path: Path) -> None:
    with Ledger(path) as ledger:
        ledger.chat(server=SERVER, chat_key="tg1").mark_planned([(PostKey("tg1", 1), 0)])
        with ledger.transaction() as db:
            db.execute("UPDATE posts SET state = 'exploded'")


CASES = {
    "empty": (lambda path: path.write_bytes(b""), "is empty (0 bytes)"),
    "garbage": (lambda path: path.write_bytes(b"not sqlite " * 100), "not an SQLite database"),
    "newer": (_newer, f"ledger version {LATEST_VERSION + 1}; this version reads up to"),
    "foreign": (_foreign, "an SQLite database of another program"),
    "unknown state": (_unknown_state, "post tg1:1:0 in an unknown state 'exploded'"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_that_is_not_a_usable_ledger_is_a_clear_error(tmp_path: Path, case: str) -> None:
    path = tmp_path / "l.sqlite"
    make, expected = CASES[case]
    make(path)
    before = path.read_bytes()
    with pytest.raises(LedgerError) as caught:
        Ledger(path)
    assert str(path) in caught.value.message
    assert expected in caught.value.message
    assert caught.value.hint
    assert path.read_bytes() == before  # never replaced by a fresh ledger


def test_a_write_that_fails_is_a_ledger_error_and_leaves_nothing_half_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "l.sqlite"
    keys = [(PostKey("tg1", i), i) for i in range(2000)]
    with Ledger(path) as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        chat.mark_planned(keys[:1])
        # A full disk, on this connection: the file may not grow past what it holds now.
        count = ledger._db.execute("PRAGMA page_count").fetchone()[0]
        ledger._db.execute(f"PRAGMA max_page_count = {count}")
        with pytest.raises(LedgerError) as caught:
            chat.mark_planned(keys)  # far more than fits
        assert str(path) in caught.value.message
        assert "full" in caught.value.message
        assert "run the same command again" in (caught.value.hint or "")
        assert list(chat.records()) == [keys[0][0]]  # the failed write left no part behind
    assert path.stat().st_size > 0


REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def emulator() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig()) as running:
        running.add_user("alice", "Alice-pass-1", display_name="Alice")
        yield running


def _script_config(folder: Path, port: int) -> Path:
    export = folder / "export"
    export.mkdir()
    message = {
        "id": 1,
        "type": "message",
        "date": "2025-09-01T14:01:00",
        "date_unixtime": "1756735260",
        "from": "Alice",
        "from_id": "user1001",
        "text": "hello",
        "text_entities": [{"type": "plain", "text": "hello"}],
    }
    (export / "result.json").write_text(
        json.dumps({"name": "L", "type": "private_group", "id": 5, "messages": [message]}),
        encoding="utf-8",
    )
    config = folder / "config.toml"
    config.write_text(
        f'telegram_export_dir = "{export}"\n[server]\naddress = "127.0.0.1"\nport = {port}\n'
        'https = false\nverify_ssl = false\n[chat]\nname = "L"\ntype = "group"\n'
        'owner = "alice"\n[users.alice]\npassword = "Alice-pass-1"\ntelegram_id = "user1001"\n',
        encoding="utf-8",
    )
    config.chmod(0o600)
    return config


@pytest.mark.parametrize(
    ("case", "mode"),
    [(case, ()) for case in CASES] + [("empty", ("--verify",)), ("unknown state", ("--verify",))],
)
def test_build_chat_stops_on_such_a_ledger_with_exit_2(
    tmp_path: Path, emulator: RunningEmulator, case: str, mode: tuple[str, ...]
) -> None:
    config = _script_config(tmp_path, emulator.port)
    ledger = tmp_path / "config.ledger.sqlite"
    make, expected = CASES[case]
    make(ledger)
    before = ledger.read_bytes()
    chats = len(emulator.state.chats)
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "build_chat.py"),
            "--config",
            str(config),
            "--quiet",
            "--output",
            str(tmp_path / "out"),
            *mode,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert str(ledger) in done.stderr and expected in done.stderr
    assert "Traceback" not in done.stderr
    assert ledger.read_bytes() == before
    assert len(emulator.state.chats) == chats  # nothing was created
