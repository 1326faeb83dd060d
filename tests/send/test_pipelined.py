"""Posts in flight together (``pipelined``): consecutive text posts of one sender go out without
awaiting each answer, another sender's post only after every earlier answer; the chat's order,
the reply links and exactly-once hold, also when answers are lost inside a window."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from migrator.config.model import ChatType
from migrator.connector import (
    Credentials,
    SentFile,
    SessionPool,
    TrueConfConnector,
    Uploader,
    UploadSource,
)
from migrator.emulator.config import Behaviours, EmulatorConfig, Faults
from migrator.emulator.server import RunningEmulator, start_emulator
from migrator.ledger import Ledger, PostState
from migrator.plan.post import Post
from migrator.send import ChatSender, ChatSpec, Status
from migrator.send.sender import WINDOW

from .conftest import USERS, target_of
from .posts import CHAT, file, text
from .test_sender import FAST, read_back, transcript

SPEC = ChatSpec("Team", ChatType.GROUP, "alice", ("bob",), frozenset())


class InFlight(TrueConfConnector):
    """The real connector, counting the texts sent and not yet answered."""

    def __init__(self, pool: SessionPool, uploader: Uploader) -> None:
        super().__init__(pool, uploader)
        self.now = 0
        self.most = 0
        self.at_start: dict[str, list[int]] = {}  # login → texts in flight when one started
        self.files_now = 0
        self.texts_at_file_start: list[int] = []
        self.texts_started_during_a_file = 0
        self.uploaded = asyncio.Event()
        self.hold_text: str | None = None  # this text waits until a file is uploaded

    async def upload(self, login: str, source: UploadSource) -> str:
        try:
            return await super().upload(login, source)
        finally:
            self.uploaded.set()

    async def send_file(
        self,
        login: str,
        chat_id: str,
        temporal_id: str,
        *,
        caption: str | None,
        reply_to: str | None,
    ) -> SentFile:
        self.texts_at_file_start.append(self.now)
        self.files_now += 1
        try:
            return await super().send_file(
                login, chat_id, temporal_id, caption=caption, reply_to=reply_to
            )
        finally:
            self.files_now -= 1

    async def send_text(self, login: str, chat_id: str, html: str, *, reply_to: str | None) -> str:
        if html == self.hold_text:
            await self.uploaded.wait()
        self.texts_started_during_a_file += self.files_now > 0
        self.at_start.setdefault(login, []).append(self.now)
        self.now += 1
        self.most = max(self.most, self.now)
        try:
            return await super().send_text(login, chat_id, html, reply_to=reply_to)
        finally:
            self.now -= 1


@pytest.fixture
async def ordered() -> AsyncIterator[RunningEmulator]:
    async with start_emulator(EmulatorConfig(faults=Faults(latency_ms=5))) as running:
        for login, password in USERS.items():
            running.add_user(login, password, display_name=login.title())
        yield running


def channel_like(count: int) -> list[Post]:
    """Runs of alice's posts, one of bob's in the middle, and replies inside and across runs."""
    posts: list[Post] = []
    for i in range(1, count + 1):
        author = "bob" if i == count // 2 else "alice"
        reply_to = i - 1 if i % 10 == 0 else (1 if i % 17 == 0 else None)
        posts.append(text(i, author, f"post <b>{i}</b>", reply_to=reply_to))
    return posts


async def run(
    emu: RunningEmulator,
    ledger: Ledger,
    posts: list[Post],
    *,
    pipelined: bool,
    hold_text: str | None = None,
) -> tuple[ChatSender, InFlight, list]:
    creds = {login: Credentials(login, password=password) for login, password in USERS.items()}
    connector = InFlight(SessionPool(target_of(emu), creds, max_open=4), Uploader(target_of(emu)))
    connector.hold_text = hold_text
    sender = ChatSender(
        connector=connector,
        ledger=ledger.chat(server=emu.base_url, chat_key=CHAT),
        spec=SPEC,
        backoff=FAST,
        pipelined=pipelined,
    )
    try:
        await sender.ensure_chat()
        outcomes = await sender.send_all(posts)
    finally:
        await connector.aclose()
    return sender, connector, outcomes


@pytest.mark.parametrize("pipelined", [True, False], ids=["pipelined", "one_at_a_time"])
async def test_posts_in_flight_together_arrive_in_order_with_their_replies(
    ordered: RunningEmulator, ledger: Ledger, pipelined: bool
) -> None:
    posts = channel_like(90)
    sender, connector, outcomes = await run(ordered, ledger, posts, pipelined=pipelined)
    assert [o.status for o in outcomes] == [Status.SENT] * len(posts)
    assert sender.chat_id is not None
    messages = await read_back(ordered, sender.chat_id)
    assert transcript(messages) == [(p.author, p.html, None) for p in posts]
    by_key = {o.post.key: o.message_id for o in outcomes}
    assert [m.reply_to for m in messages] == [
        by_key[p.reply_to] if p.reply_to is not None else None for p in posts
    ]
    records = ledger.chat(server=ordered.base_url, chat_key=CHAT).records()
    assert {r.state for r in records.values()} == {PostState.SENT}
    assert [records[p.key].message_id for p in posts] == [m.message_id for m in messages]
    if pipelined:
        assert 1 < connector.most <= WINDOW
    else:
        assert connector.most == 1
    # Another sender's post waits until every earlier post is answered.
    assert connector.at_start["bob"] == [0]


async def test_lost_answers_inside_a_window_are_reconciled_exactly_once_in_order(
    ordered: RunningEmulator, ledger: Ledger
) -> None:
    # Every 7th change is applied, then answered with 301 or its socket dropped.
    ordered.behaviours.commit_then_error_every = 7
    posts = [text(i, "alice", f"line {i}") for i in range(1, 61)]
    sender, connector, outcomes = await run(ordered, ledger, posts, pipelined=True)
    ordered.behaviours.commit_then_error_every = None
    assert connector.most > 1
    assert all(o.status in (Status.SENT, Status.RECONCILED) for o in outcomes)
    assert sender.chat_id is not None
    messages = await read_back(ordered, sender.chat_id)
    assert transcript(messages) == [(p.author, p.html, None) for p in posts]
    ids = [m.message_id for m in messages]
    assert len(ids) == len(set(ids))
    records = ledger.chat(server=ordered.base_url, chat_key=CHAT).records()
    assert [records[p.key].message_id for p in posts] == ids


async def test_a_refused_post_inside_a_window_is_reported_and_the_rest_arrive_in_order(
    ordered: RunningEmulator, ledger: Ledger
) -> None:
    too_long = "x" * 5000
    posts = [text(i, "alice", too_long if i == 5 else f"line {i}") for i in range(1, 21)]
    sender, _, outcomes = await run(ordered, ledger, posts, pipelined=True)
    assert [o.status for o in outcomes].count(Status.FAILED) == 1
    assert outcomes[4].status is Status.FAILED and outcomes[4].reason
    assert sender.chat_id is not None
    messages = await read_back(ordered, sender.chat_id)
    assert transcript(messages) == [(p.author, p.html, None) for p in posts if p.html != too_long]


async def test_an_unordered_server_reorders_posts_in_flight_together(
    ledger: Ledger,
) -> None:
    """Why pipelining needs the probe: the same posts in flight together on a server that does
    not keep their order (the probe's pipelined_order differs) arrive out of order."""
    config = EmulatorConfig(behaviours=Behaviours(unordered_pipelining=True))
    async with start_emulator(config) as emu:
        for login, password in USERS.items():
            emu.add_user(login, password, display_name=login.title())
        posts = [text(i, "alice", f"line {i}") for i in range(1, 33)]
        sender, _, _ = await run(emu, ledger, posts, pipelined=True)
        assert sender.chat_id is not None
        messages = await read_back(emu, sender.chat_id)
    stored = [m.text for m in messages]
    assert sorted(stored, key=str) == sorted((p.html for p in posts), key=str)
    assert stored != [p.html for p in posts]


async def test_a_file_uploaded_ahead_goes_last_in_its_authors_window(
    ordered: RunningEmulator, ledger: Ledger, tmp_path: Path
) -> None:
    doc = tmp_path / "план.pdf"
    doc.write_bytes(b"%PDF-1.4 " + b"x" * 2000)
    posts = [text(i, "alice" if i % 2 else "bob", f"line {i}") for i in range(1, 7)]
    posts += [text(7, "alice", "line 7"), text(8, "alice", "line 8")]
    posts += [file(9, "alice", doc, caption="the <i>plan</i>"), text(10, "alice", "line 10")]
    posts += [text(11, "bob", "line 11")]
    # bob's line 6 waits for the upload, so that alice's next window finds the file uploaded.
    sender, connector, outcomes = await run(
        ordered, ledger, posts, pipelined=True, hold_text="line 6"
    )
    assert [o.status for o in outcomes] == [Status.SENT] * len(posts)
    assert connector.texts_at_file_start == [2]  # lines 7 and 8 were still unanswered
    assert connector.texts_started_during_a_file == 0  # line 10 waited for the file's answer
    assert sender.chat_id is not None
    messages = await read_back(ordered, sender.chat_id)
    assert transcript(messages) == [
        *[(p.author, p.html, None) for p in posts[:8]],
        ("alice", None, "план.pdf"),
        ("alice", "the <i>plan</i>", None),
        ("alice", "line 10", None),
        ("bob", "line 11", None),
    ]
    record = ledger.chat(server=ordered.base_url, chat_key=CHAT).records()[posts[8].key]
    assert record.state is PostState.SENT and record.file_name == "план.pdf"
    assert (record.message_id, record.caption_message_id) == (
        messages[8].message_id,
        messages[9].message_id,
    )
