"""The sessions of authors who are not posting read the server's pushes: they acknowledge every
one (the server waits for that), keep the upload limits pushed, and still post."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest

from migrator.config.model import ChatType
from migrator.connector import (
    AuthorSession,
    Credentials,
    ServerTarget,
    SessionPool,
    TrueConfConnector,
    Uploader,
)
from migrator.emulator.config import Behaviours, EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig()) as running:
        for login in ("alice", "bob", "carol"):
            running.add_user(login, f"{login}-pass", display_name=login.title())
        yield running


async def _settled(emu: RunningEmulator, expected: int) -> tuple[int, int]:
    """The push counts once ``expected`` were pushed and none is left unacknowledged (or after
    a generous while: the events go out after each answer)."""
    for _ in range(200):
        pushed, open_ = emu.pushes()
        if pushed >= expected and open_ == 0:
            break
        await asyncio.sleep(0.05)
    return emu.pushes()


@asynccontextmanager
async def _alice_with_idle_bob_and_carol(
    emu: RunningEmulator, title: str
) -> AsyncIterator[tuple[TrueConfConnector, str]]:
    """A chat of alice's with bob and carol in it, their sessions open (closed on leaving)."""
    target = ServerTarget(emu.host, emu.port, False, False, 5.0, 10.0)
    logins = ("alice", "bob", "carol")
    creds = {login: Credentials(login, token=emu.issue_token(login)) for login in logins}
    door = TrueConfConnector(SessionPool(target, creds, max_open=3), Uploader(target))
    try:
        chat_id = await door.create_chat("alice", ChatType.GROUP, title)
        for login in ("bob", "carol"):
            await door.add_participant("alice", chat_id, f"{login}@{emu.state.domain}")
            await door.open(login)
        yield door, chat_id
    finally:
        await door.aclose()


async def test_idle_sessions_acknowledge_every_push_and_still_post(emu: RunningEmulator) -> None:
    async with _alice_with_idle_bob_and_carol(emu, "Pushes") as (door, chat_id):
        before, _ = emu.pushes()
        for number in range(30):
            await door.send_text("alice", chat_id, f"post {number}", reply_to=None)
        pushed, unacknowledged = await _settled(emu, before + 60)
        assert pushed - before >= 60  # each post to bob's and carol's sessions
        assert unacknowledged == 0
        limits = await door.upload_limits("bob")
        assert limits.pushed_size is not None  # the limits pushed on connect were kept
        reply = await door.send_text("bob", chat_id, "bob still posts", reply_to=None)
        page = await door.history_page("carol", chat_id, count=5, from_id=None)
        assert page[0].message_id == reply and page[0].text == "bob still posts"


@asynccontextmanager
async def _alice_and_idle_bob(
    emu: RunningEmulator, title: str
) -> AsyncIterator[tuple[TrueConfConnector, str, AuthorSession]]:
    """A chat of alice's with bob in it, bob's session open: he posts nothing, so it is idle."""
    target = ServerTarget(emu.host, emu.port, False, False, 5.0, 10.0)
    creds = {login: Credentials(login, token=emu.issue_token(login)) for login in ("alice", "bob")}
    pool = SessionPool(target, creds, max_open=2)
    door = TrueConfConnector(pool, Uploader(target))
    try:
        chat_id = await door.create_chat("alice", ChatType.GROUP, title)
        await door.add_participant("alice", chat_id, f"bob@{emu.state.domain}")
        await door.open("bob")
        yield door, chat_id, pool._sessions["bob"]
    finally:
        await door.aclose()


async def test_an_idle_session_acknowledges_many_pushes_in_few_writes(
    emu: RunningEmulator,
) -> None:
    # With many authors connected every post is pushed to each: one write per push on every
    # idle socket was most of the run's CPU. Counted on the socket of bob, who does not post.
    async with _alice_and_idle_bob(emu, "Writes") as (door, chat_id, bob):
        bot = bob._bot
        assert bot is not None and bot._ws is not None
        transport = bot._ws.transport
        writes: list[int] = []
        real_write = transport.write

        def counted(data: bytes) -> None:
            writes.append(len(data))
            real_write(data)

        transport.write = counted
        before, _ = emu.pushes()
        for number in range(40):
            await door.send_text("alice", chat_id, f"post {number}", reply_to=None)
        pushed, unacknowledged = await _settled(emu, before + 40)
    assert pushed - before >= 40 and unacknowledged == 0  # every push to bob acknowledged
    assert 1 <= len(writes) <= 20  # in batches, not one write for each of the 40


async def test_a_closing_session_reads_at_once(emu: RunningEmulator) -> None:
    # bob posts nothing: his session pauses reading after a read of pushes only. Once it closes
    # it must not pause again, or the server's close frame would wait for the pause to end.
    async with _alice_and_idle_bob(emu, "Closing") as (door, chat_id, bob):
        bot = bob._bot
        assert bot is not None and bot._ws is not None and bob._pushes is not None
        transport = bot._ws.transport
        pauses: list[None] = []
        real_pause = transport.pause_reading

        def counted() -> None:
            pauses.append(None)
            real_pause()

        transport.pause_reading = counted
        posted = 0

        async def post(count: int) -> None:
            nonlocal posted
            before, _ = emu.pushes()
            for _ in range(count):
                await door.send_text("alice", chat_id, f"post {posted}", reply_to=None)
                posted += 1
                await asyncio.sleep(0.06)  # longer than a pause: each push read on its own
            await _settled(emu, before + count)

        await post(5)
        assert pauses  # quiet: it paused
        bob._pushes.stop()  # as closing it does first
        pauses.clear()
        await post(5)
        assert pauses == []
        assert transport.is_reading()


@pytest.fixture
def dropping() -> Iterator[RunningEmulator]:
    """An emulator that cuts a socket which sent nothing for 1 s, as servers and middleboxes do."""
    config = EmulatorConfig(behaviours=Behaviours(idle_drop_seconds=1.0))
    with EmulatorThread(config) as running:
        running.add_user("alice", "alice-pass", display_name="Alice")
        yield running


@pytest.mark.parametrize("keep_alive", [0.4, None])
async def test_a_long_pause_keeps_the_session(
    dropping: RunningEmulator, keep_alive: float | None
) -> None:
    emu = dropping
    target = ServerTarget(emu.host, emu.port, False, False, 5.0, 10.0)
    creds = {"alice": Credentials("alice", token=emu.issue_token("alice"))}
    pool = SessionPool(target, creds, max_open=2, keep_alive=keep_alive)
    door = TrueConfConnector(pool, Uploader(target))
    try:
        chat_id = await door.create_chat("alice", ChatType.GROUP, "Pauses")
        sent = [await door.send_text("alice", chat_id, "before the pause", reply_to=None)]
        await asyncio.sleep(3.0)  # three times as long as the server lets a socket idle
        sent.append(await door.send_text("alice", chat_id, "after the pause", reply_to=None))
        page = await door.history_page("alice", chat_id, count=10, from_id=None)
    finally:
        await door.aclose()
    assert [m.message_id for m in reversed(page) if m.is_user_message] == sent
    if keep_alive is not None:
        assert emu.connections_accepted() == 1  # never dropped, never reconnected
    else:
        assert emu.connections_accepted() > 1  # without it the server dropped the socket


async def test_a_session_leased_for_a_long_upload_is_kept_too(dropping: RunningEmulator) -> None:
    emu = dropping
    target = ServerTarget(emu.host, emu.port, False, False, 5.0, 10.0)
    creds = {"alice": Credentials("alice", token=emu.issue_token("alice"))}
    pool = SessionPool(target, creds, max_open=2, keep_alive=0.4)
    door = TrueConfConnector(pool, Uploader(target))
    try:
        chat_id = await door.create_chat("alice", ChatType.GROUP, "Upload")
        async with pool.lease("alice"):
            await asyncio.sleep(3.0)  # as while a file goes over HTTP: nothing on the socket
        await door.send_text("alice", chat_id, "after the upload", reply_to=None)
    finally:
        await door.aclose()
    assert emu.connections_accepted() == 1


def test_the_library_still_has_the_methods_the_door_overrides() -> None:
    # Renamed in a new version, the overrides would be dead code: pushes parsed again.
    from trueconf import Bot

    for name in (
        "_Bot__on_raw_message",
        "_Bot__process_message",
        "_Bot__resolve_future",
        "check_version",
    ):
        assert name in vars(Bot), name
    # The pool builds its bots' TLS context once, with the library's own function.
    from trueconf.utils import _ssl

    assert callable(_ssl._build_ssl_context)


def test_websockets_still_has_what_the_acknowledgements_write_with() -> None:
    # Acknowledgements are framed by the connection's protocol object, in one write.
    from websockets.asyncio.connection import Connection
    from websockets.protocol import Protocol

    assert callable(Connection.send_context)
    for name in ("send_text", "data_to_send"):
        assert callable(getattr(Protocol, name)), name


def test_websockets_still_has_what_the_push_reader_reads_before_it() -> None:
    # ``PushReader`` takes frames off the bytes only while websockets' parser waits for a new
    # frame: it reads the parser's buffer and the state of a message received in fragments.
    from websockets.asyncio.connection import Connection
    from websockets.client import ClientProtocol
    from websockets.protocol import State
    from websockets.uri import parse_uri

    protocol = ClientProtocol(parse_uri("ws://localhost/"))
    assert protocol.state is State.CONNECTING
    assert protocol.reader.buffer == b"" and protocol.current_size is None
    assert protocol.extensions == []
    assert callable(Connection.data_received)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"type": 1, "id": 42, "method": "sendMessage", "payload": {"id": 7}}', 42),
        ('{"type":1,"id":9,"method":"editMessage","payload":{}}', 9),
        ('{"type": 1, "id": 5, "method": "getFileUploadLimits", "payload": {}}', None),
        ('{"type": 1, "id": 6, "method": "uploadFileProgress", "payload": {}}', None),
        ('{"id": 3, "type": 1, "method": "sendMessage", "payload": {}}', None),  # parsed
        ('{"type": 2, "id": 4, "payload": {}}', None),  # an answer
        ('{"type": 10, "id": 4, "method": "sendMessage"}', None),
        (b'{"type": 1, "id": 42, "method": "sendMessage"}', None),
    ],
)
def test_a_push_only_to_acknowledge_is_told_by_how_it_begins(
    raw: object, expected: int | None
) -> None:
    from migrator.connector.pushes import push_to_acknowledge

    assert push_to_acknowledge(raw) == expected


def _server_frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """A frame as a server writes it (unmasked), framed by websockets itself."""
    from websockets.frames import Frame, Opcode

    return Frame(Opcode(opcode), payload).serialize(mask=False)


PUSH = b'{"type": 1, "id": %d, "method": "sendMessage", "payload": {"chatId": "c1"}}'


def test_the_pushes_only_to_acknowledge_are_read_off_the_start_of_the_bytes() -> None:
    from migrator.connector.pushes import leading_pushes

    long_push = PUSH % 8 + b" " * 300  # a 16-bit length
    answer = b'{"type": 2, "id": 3, "payload": {"messageId": "m1"}}'
    data = _server_frame(PUSH % 7) + _server_frame(long_push) + _server_frame(answer)
    ids, used = leading_pushes(data + _server_frame(PUSH % 9))
    assert ids == [7, 8]
    assert used == len(data) - len(_server_frame(answer))  # the answer is websockets' to read


@pytest.mark.parametrize(
    "rest",
    [
        _server_frame(b'{"type": 1, "id": 5, "method": "getFileUploadLimits", "payload": {}}'),
        _server_frame(b"", opcode=0x9),  # a ping
        _server_frame(b'{"id": 5, "type": 1, "method": "sendMessage"}'),  # another key order
        _server_frame(PUSH % 5, opcode=0x0),  # a continuation
    ],
)
def test_any_other_frame_is_left_to_websockets_with_all_that_follows(rest: bytes) -> None:
    from migrator.connector.pushes import leading_pushes

    first = _server_frame(PUSH % 4)
    assert leading_pushes(first + rest + _server_frame(PUSH % 6)) == ([4], len(first))


@pytest.mark.parametrize("cut", [1, 2, 3, 10, -3, -1])
def test_a_frame_not_whole_yet_is_left_to_websockets(cut: int) -> None:
    from migrator.connector.pushes import leading_pushes

    first = _server_frame(PUSH % 4)
    long_push = _server_frame(PUSH % 5 + b" " * 300)
    assert leading_pushes(first + _server_frame(PUSH % 5)[:cut]) == ([4], len(first))
    assert leading_pushes(first + long_push[:cut]) == ([4], len(first))


def test_acknowledgements_are_framed_as_websockets_reads_them_each_with_its_own_mask() -> None:
    from websockets.frames import Frame, Opcode
    from websockets.streams import StreamReader

    from migrator.connector.pushes import masked_text_frames

    payloads = [b'{"type": 2, "id": 1}', b'{"type": 2, "id": 22}', b"x" * 200]
    written = masked_text_frames(payloads)
    reader = StreamReader()
    reader.feed_data(written)
    read, keys = [], set()
    at = 0
    for _ in payloads:
        parser = Frame.parse(reader.read_exact, mask=True)  # as a server parses a client frame
        try:
            next(parser)
        except StopIteration as done:
            read.append(done.value)
        header = 4 if written[at + 1] & 0x7F == 126 else 2
        keys.add(written[at + header : at + header + 4])
        at += header + 4 + len(read[-1].data)
    assert [(frame.opcode, frame.fin, frame.data) for frame in read] == [
        (Opcode.TEXT, True, payload) for payload in payloads
    ]
    assert at == len(written) and len(keys) == len(payloads)


async def test_sessions_closing_acknowledge_the_pushes_waiting_in_their_sockets(
    emu: RunningEmulator,
) -> None:
    # bob and carol post nothing: their sessions pause reading, and the last posts' pushes wait
    # in their sockets when the run ends. Closed unacknowledged, those messages would stay
    # unread for them (TrueConf marks a message read by its acknowledgement).
    async with _alice_with_idle_bob_and_carol(emu, "Closing unread") as (door, chat_id):
        before, _ = emu.pushes()
        for number in range(20):
            await door.send_text("alice", chat_id, f"post {number}", reply_to=None)
        for _ in range(100):  # the server pushes each post after its answer
            if emu.pushes()[0] >= before + 40:
                break
            await asyncio.sleep(0.01)
    for _ in range(100):  # the server notices the closes as they come
        if emu.connections_open() == 0:
            break
        await asyncio.sleep(0.02)
    assert emu.unacknowledged_when_closed() == 0
