import sqlite3
from pathlib import Path

import pytest

from migrator.ledger import Ledger, LedgerError, PostState, SendingEntry, ledger_path_for
from migrator.plan.post import PostKey

SERVER = "http://127.0.0.1:1"


def test_default_path_sits_beside_the_config(tmp_path: Path) -> None:
    assert ledger_path_for(tmp_path / "config.toml") == tmp_path / "config.ledger.sqlite"


def test_states_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    a, b, c = (PostKey("tg1", i) for i in (1, 2, 3))
    with Ledger(path) as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        assert chat.chat_id() is None
        chat.set_chat_id("c-1")
        chat.mark_planned([(a, 0), (b, 1), (c, 2)])
        chat.mark_sending(a, seq=0, author="alice", sent_text="hi", file_name=None)
        chat.mark_sent(a, "m-1")
        chat.mark_sending(b, seq=1, author="bob", sent_text="<b>x</b>", file_name="f.pdf")
        chat.mark_failed(c, "too big")
    with Ledger(path) as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        assert chat.chat_id() == "c-1"
        records = chat.records()
        assert [r.state for r in records.values()] == [
            PostState.SENT,
            PostState.SENDING,
            PostState.FAILED,
        ]
        assert records[a].message_id == "m-1"
        assert records[b].sent_text == "<b>x</b>" and records[b].file_name == "f.pdf"
        assert records[c].reason == "too big"
        assert chat.last_sent_message_id() == "m-1"
        assert chat.last_sent_message_id(before_seq=0) is None


def test_planning_again_keeps_progress(tmp_path: Path) -> None:
    key = PostKey("tg1", 5)
    with Ledger(tmp_path / "l.sqlite") as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        chat.mark_planned([(key, 0)])
        chat.mark_sending(key, seq=0, author="a", sent_text="t", file_name=None)
        chat.mark_sent(key, "m-9")
        chat.mark_planned([(key, 0)])
        record = chat.record(key)
        assert record is not None and record.state is PostState.SENT


def test_scopes_are_separate_per_server_and_chat(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite") as ledger:
        ledger.chat(server=SERVER, chat_key="tg1").set_chat_id("c-1")
        assert ledger.chat(server="https://other", chat_key="tg1").chat_id() is None
        assert ledger.chat(server=SERVER, chat_key="tg2").chat_id() is None


def test_forget_starts_afresh(tmp_path: Path) -> None:
    key = PostKey("tg1", 1)
    with Ledger(tmp_path / "l.sqlite") as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        chat.set_chat_id("c-1")
        chat.mark_planned([(key, 0)])
        chat.forget()
        assert chat.chat_id() is None and chat.records() == {}


def test_a_failed_statement_rolls_back(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite") as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        with pytest.raises(RuntimeError), ledger.transaction() as db:
            db.execute("INSERT INTO chats VALUES (?, ?, ?, ?)", (SERVER, "tg1", "c-x", 0.0))
            raise RuntimeError("boom")
        assert chat.chat_id() is None


def test_a_file_that_is_not_a_ledger_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LedgerError) as info:
        Ledger(path)
    assert str(path) in info.value.message and "--ledger" in (info.value.hint or "")


def test_creating_marker_until_the_chat_id_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger(path) as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        assert chat.creation() is None
        chat.mark_creating(title="Команда", chat_type="group", existing_ids=["c-0", "c-0", "c-9"])
        assert ledger.chat(server=SERVER, chat_key="tg2").creation() is None
    with Ledger(path) as ledger:  # the marker survives the process
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        marker = chat.creation()
        assert marker is not None
        assert (marker.title, marker.chat_type) == ("Команда", "group")
        assert marker.existing_ids == {"c-0", "c-9"} and marker.started_at > 0
        chat.forget()  # --new-chat keeps it: that chat was never used
        assert chat.creation() == marker
        chat.set_chat_id("c-1")
        assert chat.creation() is None and chat.chat_id() == "c-1"


def test_claimed_chat_ids_cover_every_chat_of_the_server(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite") as ledger:
        ledger.chat(server=SERVER, chat_key="tg1").set_chat_id("c-1")
        ledger.chat(server=SERVER, chat_key="tg2").set_chat_id("c-2")
        ledger.chat(server="https://other", chat_key="tg3").set_chat_id("c-3")
        assert ledger.chat(server=SERVER, chat_key="tg4").claimed_chat_ids() == {"c-1", "c-2"}


def test_a_ledger_from_before_creation_markers_opens(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE chats (server TEXT NOT NULL, chat_key TEXT NOT NULL,"
            " trueconf_chat_id TEXT NOT NULL, created_at REAL NOT NULL,"
            " PRIMARY KEY (server, chat_key))"
        )
        db.execute("INSERT INTO chats VALUES (?, 'tg1', 'c-1', 0)", (SERVER,))
    db.close()
    with Ledger(path) as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        assert chat.chat_id() == "c-1" and chat.creation() is None


def _states_on_disk(path: Path) -> dict[str, str]:
    """What another process (the next run after a crash) would read from the file now."""
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT post_key, state FROM posts").fetchall())


def test_a_window_is_sending_at_once_and_sent_marks_go_with_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    a, b, c = (PostKey("tg1", i) for i in (1, 2, 3))
    with Ledger(path) as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        chat.mark_sending_all(
            SendingEntry(key, seq, "alice", f"text {seq}", author_id="alice@x")
            for seq, key in enumerate((a, b))
        )
        assert _states_on_disk(path) == {str(a): "sending", str(b): "sending"}
        chat.mark_sent_soon(a, "m-1")
        chat.mark_sent_soon(b, "m-2")
        # Not written yet: a crash now leaves both to be reconciled by the next run.
        assert _states_on_disk(path) == {str(a): "sending", str(b): "sending"}
        chat.mark_sending(c, seq=2, author="alice", sent_text="text 2", file_name=None)
        assert _states_on_disk(path) == {str(a): "sent", str(b): "sent", str(c): "sending"}
        chat.mark_sent_soon(c, "m-3", caption_message_id="m-4")
        record = chat.record(c)  # a read writes what is held back first
        assert record is not None and record.state is PostState.SENT
        assert (record.message_id, record.caption_message_id) == ("m-3", "m-4")
        assert _states_on_disk(path)[str(c)] == "sent"
        assert chat.records()[a].author_id == "alice@x"


def test_a_chunk_of_posts_is_looked_up_without_reading_the_chat(tmp_path: Path) -> None:
    keys = [PostKey("tg1", i) for i in range(1, 6)]
    with Ledger(tmp_path / "l.sqlite") as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        other = ledger.chat(server=SERVER, chat_key="tg2")
        chat.mark_planned((key, seq) for seq, key in enumerate(keys))
        other.mark_planned([(PostKey("tg2", 1), 0)])
        chat.mark_sending(keys[0], seq=0, author="bob", sent_text="a", file_name=None)
        chat.mark_sent(keys[0], "m-1")
        chat.mark_sending(keys[1], seq=1, author="bob", sent_text="b", file_name=None)
        chat.mark_sending(keys[2], seq=2, author="bob", sent_text="c", file_name=None)
        chat.mark_sent_soon(keys[1], "m-2")  # not written yet
        found = chat.records_of([keys[0], keys[2], keys[4], PostKey("tg2", 1)])
        assert set(found) == {keys[0], keys[2], keys[4]}  # another chat's post is not this one's
        assert found[keys[0]].message_id == "m-1" and found[keys[2]].state is PostState.SENDING
        assert chat.message_id_of(keys[1]) == "m-2"  # a reply finds the post just sent
        assert chat.records_of([keys[1]])[keys[1]].state is PostState.SENDING  # in the file
        assert chat.message_id_of(keys[0]) == "m-1"
        assert chat.message_id_of(keys[2]) is None and chat.message_id_of(keys[3]) is None
        assert other.message_id_of(keys[0]) is None
        assert [r.key for r in chat.in_state(PostState.SENDING)] == [keys[2]]
        assert chat.sent_message_ids() == {"m-1", "m-2"}


def test_posts_marked_ahead_are_written_once_and_released_when_not_sent(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    keys = [PostKey("tg1", i) for i in range(1, 5)]
    entries = [
        SendingEntry(key, seq, "alice", f"text {seq}", author_id="a@x")
        for seq, key in enumerate(keys)
    ]
    with Ledger(path) as ledger:
        chat = ledger.chat(server=SERVER, chat_key="tg1")
        chat.mark_sending_ahead(entries)
        assert set(_states_on_disk(path).values()) == {"sending"}  # a crash now: all reconciled
        writes = ledger._db.total_changes
        chat.mark_sending(
            keys[0], seq=0, author="alice", sent_text="text 0", file_name=None, author_id="a@x"
        )
        assert ledger._db.total_changes == writes  # written ahead: nothing more to write
        chat.mark_sent_soon(keys[0], "m-1")
        # The second post's text changed by its turn (its reply target was sent meanwhile):
        # what is sent is what the ledger holds before it goes out.
        chat.mark_sending(
            keys[1],
            seq=1,
            author="alice",
            sent_text="quoted text 1",
            file_name=None,
            author_id="a@x",
        )
        assert chat.records_of([keys[1]])[keys[1]].sent_text == "quoted text 1"
        assert chat.marked_ahead(keys[2]) and not chat.marked_ahead(keys[1])
        chat.mark_failed(keys[2], "refused")
        chat.release_ahead()  # the run stops before the fourth post
        assert _states_on_disk(path) == {
            str(keys[0]): "sent",
            str(keys[1]): "sending",
            str(keys[2]): "failed",
            str(keys[3]): "planned",
        }
        # Marked again after its release, it is written again.
        chat.mark_sending(
            keys[3], seq=3, author="alice", sent_text="text 3", file_name=None, author_id="a@x"
        )
        assert _states_on_disk(path)[str(keys[3])] == "sending"
