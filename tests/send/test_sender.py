from __future__ import annotations

from pathlib import Path

from migrator.config.model import ChatType
from migrator.connector import ServerMessage, SessionPool, read_history
from migrator.emulator.server import RunningEmulator
from migrator.ledger import Ledger, PostState
from migrator.retry import Backoff
from migrator.send import ChatSender, ChatSpec, Status

from .conftest import connector_for, credentials_by_token, pool_for, target_of
from .posts import CHAT, file, text

FAST = Backoff(base_seconds=0.01, cap_seconds=0.05, attempts=6)


async def migrate(
    emu: RunningEmulator, ledger: Ledger, posts, creds, *, spec: ChatSpec | None = None
) -> tuple[ChatSender, list]:
    spec = spec or ChatSpec("Team", ChatType.GROUP, "alice", ("bob", "carol"), frozenset({"bob"}))
    connector = connector_for(emu, pool_for(emu, creds))
    sender = ChatSender(
        connector=connector,
        ledger=ledger.chat(server=emu.base_url, chat_key=CHAT),
        spec=spec,
        backoff=FAST,
    )
    try:
        await sender.ensure_chat()
        outcomes = await sender.send_all(posts)
    finally:
        await connector.aclose()
    return sender, outcomes


async def read_back(emu: RunningEmulator, chat_id: str) -> list[ServerMessage]:
    connector = connector_for(emu, pool_for(emu, credentials_by_token(emu, "alice")))
    try:
        messages = await read_history(connector, "alice", chat_id, backoff=FAST, first_page=7)
    finally:
        await connector.aclose()
    return [m for m in messages if m.is_user_message]


def transcript(messages: list[ServerMessage]) -> list[tuple[str, str | None, str | None]]:
    return [(m.login, m.text, m.file_name) for m in messages]


async def test_posts_arrive_in_order_with_authors_files_and_replies(
    emu: RunningEmulator, ledger: Ledger, tmp_path: Path
) -> None:
    doc = tmp_path / "отчёт 2025.pdf"
    doc.write_bytes(b"%PDF-1.4 " + b"x" * 3000)
    posts = [
        text(1, "alice", "Hello <b>team</b>"),
        text(2, "bob", "hi &amp; welcome", reply_to=1, fallback="<i>re</i><br>"),
        file(3, "bob", doc, caption="the <i>report</i>"),
        text(4, "carol", "carol has no token", name="Carol C"),
        text(5, "alice", "reply to unknown", reply_to=99, fallback="<quote>…</quote><br>"),
    ]
    creds = credentials_by_token(emu, "alice", "bob")
    sender, outcomes = await migrate(emu, ledger, posts, creds)
    assert [o.status for o in outcomes] == [Status.SENT] * 5
    assert sender.chat_id is not None
    messages = await read_back(emu, sender.chat_id)
    assert transcript(messages) == [
        ("alice", "Hello <b>team</b>", None),
        ("bob", "hi &amp; welcome", None),
        ("bob", None, "отчёт 2025.pdf"),
        ("bob", "the <i>report</i>", None),
        ("alice", "<b>Carol C</b>:<br>carol has no token", None),
        ("alice", "<quote>…</quote><br>reply to unknown", None),
    ]
    assert messages[1].reply_to == messages[0].message_id
    assert messages[2].file_size == doc.stat().st_size
    assert outcomes[3].sent_by == "alice" and "cannot sign in" in (outcomes[3].note or "")
    records = ledger.chat(server=emu.base_url, chat_key=CHAT).records()
    assert all(r.state is PostState.SENT for r in records.values())


async def test_a_rerun_posts_nothing_and_creates_no_chat(
    emu: RunningEmulator, ledger: Ledger
) -> None:
    posts = [text(i, "alice" if i % 2 else "bob", f"message {i}") for i in range(1, 6)]
    creds = credentials_by_token(emu, "alice", "bob")
    first, _ = await migrate(emu, ledger, posts, creds)
    chats_before = len(emu.state.chats)
    messages_before = len(emu.state.messages)
    second, outcomes = await migrate(emu, ledger, posts, creds)
    assert second.chat_id == first.chat_id
    assert [o.status for o in outcomes] == [Status.ALREADY_SENT] * 5
    assert len(emu.state.chats) == chats_before
    assert len(emu.state.messages) == messages_before


async def test_a_refused_post_is_recorded_and_the_run_goes_on(
    emu: RunningEmulator, ledger: Ledger
) -> None:
    # carol may sign in but is not made a participant: the server refuses her post (305).
    spec = ChatSpec("Team", ChatType.GROUP, "alice", ("bob",), frozenset({"bob"}))
    posts = [text(1, "alice", "one"), text(2, "carol", "refused"), text(3, "bob", "three")]
    creds = credentials_by_token(emu, "alice", "bob", "carol")
    sender, outcomes = await migrate(emu, ledger, posts, creds, spec=spec)
    assert [o.status for o in outcomes] == [Status.SENT, Status.FAILED, Status.SENT]
    assert "305" in (outcomes[1].reason or "")
    record = ledger.chat(server=emu.base_url, chat_key=CHAT).record(posts[1].key)
    assert record is not None and record.state is PostState.FAILED
    assert sender.chat_id is not None
    assert [m.text for m in await read_back(emu, sender.chat_id)] == ["one", "three"]


async def test_at_most_max_open_sessions_at_once(emu: RunningEmulator, ledger: Ledger) -> None:
    posts = [text(i, ("alice", "bob", "carol")[i % 3], f"m{i}") for i in range(1, 10)]
    creds = credentials_by_token(emu, "alice", "bob", "carol")
    spec = ChatSpec("Team", ChatType.GROUP, "alice", ("bob", "carol"), frozenset({"bob"}))
    pool = SessionPool(target_of(emu), creds, max_open=2)
    connector = connector_for(emu, pool)
    seen_open: list[int] = []
    sender = ChatSender(
        connector=connector,
        ledger=ledger.chat(server=emu.base_url, chat_key=CHAT),
        spec=spec,
        backoff=FAST,
        on_outcome=lambda _: seen_open.append(pool.open_count),
    )
    try:
        outcomes = await sender.send_all(posts)
    finally:
        await connector.aclose()
    assert [o.status for o in outcomes] == [Status.SENT] * 9
    assert [o.sent_by for o in outcomes] == [p.author for p in posts]
    assert max(seen_open) == 2
    assert sender.chat_id is not None
    assert [m.text for m in await read_back(emu, sender.chat_id)] == [p.html for p in posts]
