"""The sender against a fake at the door: the protocol's corner cases, one at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from migrator.config.model import ChatType
from migrator.connector import list_chats, read_history
from migrator.ledger import Ledger, PostState
from migrator.plan.post import Post, PostKey
from migrator.retry import Backoff
from migrator.send import ChatSender, ChatSpec, Status

from .fake_connector import FakeConnector, FakeServer, normalised
from .posts import CHAT, file, text

QUICK = Backoff(base_seconds=0.001, cap_seconds=0.002, attempts=4, settle_seconds=0.0)
SPEC = ChatSpec("Team", ChatType.GROUP, "alice", ("bob",), frozenset({"bob"}))


async def run(
    server: FakeServer, ledger: Ledger, posts: list[Post]
) -> tuple[ChatSender, list[Status], list[str | None]]:
    sender = ChatSender(
        connector=FakeConnector(server, ("alice", "bob")),
        ledger=ledger.chat(server="fake", chat_key=CHAT),
        spec=SPEC,
        backoff=QUICK,
    )
    outcomes = await sender.send_all(posts)
    return sender, [o.status for o in outcomes], [o.reason for o in outcomes]


def stored(server: FakeServer, sender: ChatSender) -> list[tuple[str, str | None, str | None]]:
    assert sender.chat_id is not None
    return [(m.login, m.text, m.file_name) for m in server.messages(sender.chat_id)]


@pytest.mark.parametrize("action", ["applied_301", "applied_drop"])
async def test_a_send_applied_before_its_failure_is_reconciled_not_sent_again(
    ledger: Ledger, action: str
) -> None:
    server = FakeServer()
    server.fail("send_text", "ok", action)  # the second post is applied, then fails
    posts = [text(1, "alice", "one"), text(2, "bob", "two"), text(3, "alice", "three")]
    sender, statuses, _ = await run(server, ledger, posts)
    assert statuses == [Status.SENT] * 3
    assert stored(server, sender) == [
        ("alice", "one", None),
        ("bob", "two", None),
        ("alice", "three", None),
    ]
    assert server.calls["send_text"] == 3
    records = ledger.chat(server="fake", chat_key=CHAT).records()
    assert [r.message_id for r in records.values()] == [
        m.message_id for m in server.messages(sender.chat_id or "")
    ]


async def test_a_send_lost_before_it_reached_the_server_is_sent_again(ledger: Ledger) -> None:
    server = FakeServer()
    server.fail("send_text", "lost")
    sender, statuses, _ = await run(server, ledger, [text(1, "alice", "one")])
    assert statuses == [Status.SENT]
    assert stored(server, sender) == [("alice", "one", None)]
    assert server.calls["send_text"] == 2
    assert server.calls["history_page"] >= 1  # looked for before sending again


async def test_a_definite_refusal_fails_the_post_with_its_reason_and_is_not_retried(
    ledger: Ledger,
) -> None:
    server = FakeServer()
    server.fail("send_text", "ok", "refused")
    posts = [text(1, "alice", "one"), text(2, "bob", "two"), text(3, "alice", "three")]
    _, statuses, reasons = await run(server, ledger, posts)
    assert statuses == [Status.SENT, Status.FAILED, Status.SENT]
    assert "303" in (reasons[1] or "")
    assert server.calls["send_text"] == 3
    assert server.calls["history_page"] == 0
    record = ledger.chat(server="fake", chat_key=CHAT).record(posts[1].key)
    assert (
        record is not None and record.state is PostState.FAILED and "303" in (record.reason or "")
    )


async def test_normalised_text_and_ldap_cased_authors_still_match(
    ledger: Ledger, tmp_path: Path
) -> None:
    server = FakeServer(ldap_ids=True, normalise_text=True)
    server.fail("send_text", "applied_301")
    server.fail("send_file", "applied_drop")
    doc = tmp_path / "plan.txt"
    doc.write_bytes(b"x" * 321)
    posts = [
        text(1, "alice", 'it\'s <a href="https://e.org" title="t">here</a><br>and  there'),
        file(2, "bob", doc, caption="the <i class='c'>plan</i>"),
    ]
    sender, statuses, _ = await run(server, ledger, posts)
    assert statuses == [Status.SENT, Status.SENT]
    assert [login for login, _, _ in stored(server, sender)] == ["alice", "bob", "bob"]
    assert len(server.messages(sender.chat_id or "")) == 3  # nothing sent twice
    record = ledger.chat(server="fake", chat_key=CHAT).record(posts[1].key)
    assert record is not None and record.caption_message_id is not None
    assert record.file_size == 321


async def test_a_post_left_sending_by_a_crash_is_found_by_its_fingerprint(
    ledger: Ledger,
) -> None:
    server = FakeServer(ldap_ids=True, normalise_text=True, page_cap=7)
    scope = ledger.chat(server="fake", chat_key=CHAT)
    posts = [text(i, "alice" if i % 2 else "bob", f"post  {i}<br>…") for i in range(1, 21)]
    await run(server, ledger, posts[:15])
    # The crash: the 16th post is on the server, the ledger still says "sending".
    connector = FakeConnector(server, ("alice", "bob"))
    chat_id = scope.chat_id() or ""
    crashed = posts[15]
    scope.mark_sending(crashed.key, seq=15, author="bob", sent_text=crashed.html, file_name=None)
    await connector.send_text("bob", chat_id, crashed.html, reply_to=None)
    _, statuses, _ = await run(server, ledger, posts)
    assert statuses == [Status.ALREADY_SENT] * 15 + [Status.RECONCILED] + [Status.SENT] * 4
    assert len(server.messages(chat_id)) == 20


@pytest.mark.parametrize("inclusive", [False, True])
async def test_history_pages_capped_at_seven_are_read_whole(inclusive: bool) -> None:
    server = FakeServer(page_cap=7, inclusive_anchor=inclusive)
    connector = FakeConnector(server, ("alice",))
    chat_id = await connector.create_chat("alice", ChatType.GROUP, "Team")
    sent = [await connector.send_text("alice", chat_id, f"m{i}", reply_to=None) for i in range(30)]
    everything = await read_history(connector, "alice", chat_id, backoff=QUICK, first_page=20)
    after = await read_history(connector, "alice", chat_id, backoff=QUICK, stop_at=sent[3])
    assert [m.message_id for m in everything] == sent
    assert [m.message_id for m in after] == sent[4:]


async def test_a_page_too_big_for_a_frame_is_read_in_smaller_pages() -> None:
    server = FakeServer(frame_limit=5 * 4000)  # at most five long posts a frame
    connector = FakeConnector(server, ("alice",))
    chat_id = await connector.create_chat("alice", ChatType.GROUP, "Long")
    sent = [
        await connector.send_text("alice", chat_id, "ж" * 4000, reply_to=None) for _ in range(30)
    ]
    messages = await read_history(
        connector, "alice", chat_id, backoff=Backoff(base_seconds=0.001, attempts=8)
    )
    assert [m.message_id for m in messages] == sent


async def test_a_file_and_its_caption_in_one_box_keep_their_order(
    ledger: Ledger, tmp_path: Path
) -> None:
    server = FakeServer(shared_box=True, page_cap=3)
    docs = []
    for i in range(4):
        doc = tmp_path / f"f{i}.txt"
        doc.write_bytes(b"y" * (10 + i))
        docs.append(doc)
    posts = [file(i + 1, "bob", doc, caption=f"caption {i}") for i, doc in enumerate(docs)]
    server.fail("send_file", "ok", "ok", "applied_301")
    sender, statuses, _ = await run(server, ledger, posts)
    assert statuses == [Status.SENT] * 4
    chat_id = sender.chat_id or ""
    read = await read_history(FakeConnector(server, ("alice",)), "alice", chat_id, backoff=QUICK)
    assert [(m.text, m.file_name) for m in read] == [
        row for i in range(4) for row in ((None, f"f{i}.txt"), (f"caption {i}", None))
    ]
    records = ledger.chat(server="fake", chat_key=CHAT).records()
    third = records[posts[2].key]
    assert (third.message_id, third.caption_message_id) == (read[4].message_id, read[5].message_id)


async def test_the_chat_list_capped_at_three_is_read_whole() -> None:
    server = FakeServer(chats_page_cap=3)
    connector = FakeConnector(server, ("alice",))
    created = [await connector.create_chat("alice", ChatType.GROUP, f"c{i}") for i in range(10)]
    listed = await list_chats(connector, "alice", backoff=QUICK, first_page=50)
    assert [chat.chat_id for chat in listed] == created


async def test_a_creation_applied_before_its_failure_creates_no_second_chat(
    ledger: Ledger,
) -> None:
    server = FakeServer(chats_page_cap=2)
    connector = FakeConnector(server, ("alice",))
    for i in range(5):  # other chats of the owner, the same title among them
        await connector.create_chat("alice", ChatType.GROUP, "Team" if i == 3 else f"c{i}")
    server.fail("create_chat", "applied_301")
    sender, statuses, _ = await run(server, ledger, [text(1, "alice", "one")])
    assert statuses == [Status.SENT]
    assert [chat_id for chat_id, (_, title, _) in server.chats.items() if title == "Team"] == [
        "chat4",
        sender.chat_id,
    ]
    assert server.calls["create_chat"] == 6  # five before the run, one by it


class _Killed(BaseException):
    """The process dies: nothing of the run's own clean-up counts, only what is on disk."""


class _DyingConnector(FakeConnector):
    """Dies right after the ``at``-th text reached the server, leaving ``snapshot`` a copy of
    the ledger as another process would read it then."""

    def __init__(self, server: FakeServer, at: int, source: Path, snapshot: Path) -> None:
        super().__init__(server, ("alice", "bob"))
        self.at, self.source, self.snapshot = at, source, snapshot

    async def send_text(self, login: str, chat_id: str, html: str, *, reply_to: str | None) -> str:
        message_id = await super().send_text(login, chat_id, html, reply_to=reply_to)
        if self.server.calls["send_text"] == self.at:
            with sqlite3.connect(self.source) as live, sqlite3.connect(self.snapshot) as copy:
                live.backup(copy)
            raise _Killed
        return message_id


@pytest.mark.parametrize("dies_after", [5, 17, 33, 36, 50])
async def test_a_crash_among_posts_marked_ahead_sends_each_post_once(
    tmp_path: Path, dies_after: int
) -> None:
    # Repeated texts by the same authors, normalised by the server, LDAP-style ids: many
    # posts left ``sending`` look alike, and only the order tells which arrived.
    server = FakeServer(ldap_ids=True, normalise_text=True, page_cap=7)
    posts = [
        text(i, "alice" if i % 3 else "bob", "ok" if i % 4 else f"n {i}") for i in range(1, 51)
    ]
    first, snapshot = tmp_path / "first.sqlite", tmp_path / "after-crash.sqlite"
    with Ledger(first) as ledger:
        sender = ChatSender(
            connector=_DyingConnector(server, dies_after, first, snapshot),
            ledger=ledger.chat(server="fake", chat_key=CHAT),
            spec=SPEC,
            backoff=QUICK,
        )
        with pytest.raises(_Killed):
            await sender.send_all(posts)
    with sqlite3.connect(snapshot) as copy:
        left = copy.execute("SELECT COUNT(*) FROM posts WHERE state = 'sending'").fetchone()[0]
    assert left > 1  # the crash did leave posts marked ahead
    with Ledger(snapshot) as ledger:
        again, statuses, _ = await run(server, ledger, posts)
    assert statuses.count(Status.FAILED) == 0
    assert [(m.login, m.text) for m in server.messages(again.chat_id or "")] == [
        (p.author, normalised(p.html)) for p in posts
    ]


async def test_a_stopped_run_leaves_no_post_marked_ahead(ledger: Ledger) -> None:
    server = FakeServer()
    server.fail("send_text", "ok", "ok", "refused")
    posts = [text(i, "alice" if i % 2 else "bob", f"post {i}") for i in range(1, 41)]
    sender = ChatSender(
        connector=_DyingConnector(
            server, 5, Path(ledger.path), Path(ledger.path).with_suffix(".copy")
        ),
        ledger=ledger.chat(server="fake", chat_key=CHAT),
        spec=SPEC,
        backoff=QUICK,
    )
    with pytest.raises(_Killed):  # here a Ctrl+C: the run's own clean-up runs
        await sender.send_all(posts)
    states = [r.state for r in ledger.chat(server="fake", chat_key=CHAT).records().values()]
    # The fifth post went out before the stop: ``sending``, for the next run to look up.
    sent, failed, sending = PostState.SENT, PostState.FAILED, PostState.SENDING
    assert states == [sent, sent, failed, sent, sending] + [PostState.PLANNED] * 35


class _SignInsAhead(FakeConnector):
    def __init__(self, server: FakeServer, logins: tuple[str, ...]) -> None:
        super().__init__(server, logins)
        self.opened: list[list[str]] = []

    async def open_ahead(self, logins: Sequence[str]) -> None:
        self.opened.append(list(logins))


async def test_the_first_senders_are_signed_in_ahead_reading_no_further_than_needed(
    ledger: Ledger,
) -> None:
    # bob's first post went out in an earlier run and carol cannot sign in (the owner posts
    # for her): the senders ahead are alice, then bob for his next post, 600 posts on.
    chat_ledger = ledger.chat(server="fake", chat_key=CHAT)
    chat_ledger.mark_planned([(PostKey(CHAT, 1, 0), 0)])
    chat_ledger.mark_sent(PostKey(CHAT, 1, 0), "m-earlier")
    read = 0

    def posts() -> Iterator[Post]:
        nonlocal read
        for i in range(1, 5001):
            read += 1
            yield text(i, "bob" if i in (1, 600) or i > 1000 else ("carol", "alice")[i % 2], "x")

    connector = _SignInsAhead(FakeServer(), ("alice", "bob"))
    spec = ChatSpec(
        "Team", ChatType.GROUP, "alice", ("bob", "carol"), frozenset({"alice", "bob", "carol"})
    )
    sender = ChatSender(connector=connector, ledger=chat_ledger, spec=spec, backoff=QUICK)
    await sender.open_first_authors(posts())
    assert connector.opened == [["alice", "bob"]]
    assert 600 <= read < 1000  # once every possible sender is found, nothing more is read
