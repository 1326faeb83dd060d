"""The comparison that finds an interrupted post in the history (pure): exact where the server
profile allows it, the visible-text fingerprint otherwise."""

from __future__ import annotations

from migrator.connector import ServerMessage
from migrator.ledger import PostRecord, PostState
from migrator.plan.post import PostKey
from migrator.send.reconcile import CAREFUL, Matching, find_in_history

SESSION_ID = "alice@emulator.local"
SENT = "line one<br>line two"


def _record(file_name: str | None = None, file_size: int | None = None) -> PostRecord:
    return PostRecord(
        key=PostKey("tg1", 5),
        seq=0,
        state=PostState.SENDING,
        author="alice",
        sent_text=SENT,
        file_name=file_name,
        author_id=SESSION_ID,
        file_size=file_size,
    )


def _message(message_id: str, author: str, text: str) -> ServerMessage:
    return ServerMessage(message_id, author, 200, box_id=1, timestamp=1, text=text)


def test_exact_text_takes_only_the_bytes_we_sent() -> None:
    rewritten = _message("m1", SESSION_ID, "line one\nline two")
    kept = _message("m2", SESSION_ID, SENT)
    assert find_in_history([rewritten], _record(), set(), CAREFUL) == ("m1", None)
    assert find_in_history([rewritten], _record(), set(), Matching(exact_text=True)) is None
    assert find_in_history([rewritten, kept], _record(), set(), Matching(exact_text=True)) == (
        "m2",
        None,
    )


def test_exact_author_takes_only_the_sessions_own_id() -> None:
    other_form = _message("m1", "EMU\\Alice@emulator.local", SENT)
    assert find_in_history([other_form], _record(), set(), CAREFUL) == ("m1", None)
    assert find_in_history([other_form], _record(), set(), Matching(exact_author=True)) is None
    same = _message("m2", SESSION_ID, SENT)
    assert find_in_history([same], _record(), set(), Matching(exact_author=True)) == ("m2", None)


def test_exact_caption_follows_its_file_only_when_identical() -> None:
    record = _record(file_name="a.txt", file_size=3)
    file = ServerMessage(
        "f1", SESSION_ID, 202, box_id=1, timestamp=1, file_name="a.txt", file_size=3
    )
    caption = _message("c1", SESSION_ID, "line one\nline two")
    assert find_in_history([file, caption], record, set(), CAREFUL) == ("f1", "c1")
    assert find_in_history([file, caption], record, set(), Matching(exact_text=True)) == (
        "f1",
        None,
    )
