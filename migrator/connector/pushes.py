"""The server's pushes: which of them a migration only acknowledges, read off the socket as they
come, and the acknowledgements written in batches.

Every post makes the server push it to the session of every participant connected. The library
acknowledges each push (the server waits for that) in a task of its own, then parses it into
models and runs its dispatcher in another, for handlers a migration does not have: per post, CPU
that grew with the number of connected authors. Here a push is only acknowledged, except the
pushes the library keeps state from: the upload limits (``Bot.max_file_size``, read by
``upload_limits``) and upload progress.

Such a push is told by how it begins (``{"type": 1, "id": N, "method": "…"``, in that order, as
the emulator and TrueConf's documented examples write it); any other frame goes the library's
way. Read straight from the bytes the socket received (``PushReader``), it costs neither
websockets' frame parser nor a wake-up of the library's reading task: with 30 authors connected,
29 pushes per post.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from websockets.protocol import State

try:  # as websockets itself masks: its C version when it was built with it
    from websockets.speedups import apply_mask
except ImportError:  # pragma: no cover
    from websockets.utils import apply_mask

log = logging.getLogger(__name__)

UPDATES_USED = frozenset({"getFileUploadLimits", "uploadFileProgress"})
ACK_WITHIN = 0.001  # seconds: the latest a push is acknowledged after it was read
READ_EVERY = 0.05  # seconds: how long an idle session's pushes may wait to be read
QUIET_FOR = 1  # posts before its author's next one from which an idle session is read less often
_START = r'\{\s*"type"\s*:\s*1\s*,\s*"id"\s*:\s*(\d+)\s*,\s*"method"\s*:\s*"(\w+)"'
_PUSH_START = re.compile(_START)
_PUSH_START_BYTES = re.compile(_START.encode())
_USED_BYTES = frozenset(method.encode() for method in UPDATES_USED)
_TEXT_FINAL = 0x81  # FIN, no extension bit, opcode 1 (text)
_LENGTH_16 = 126
_MASKED = 0x80


def push_to_acknowledge(raw: object) -> int | None:
    """The id of a push only to acknowledge, read from how it begins; ``None`` when that does
    not tell (another key order: the message is parsed) or when the push is one we use."""
    match = _PUSH_START.match(raw) if isinstance(raw, str) else None
    if match is None or match.group(2) in UPDATES_USED:
        return None
    return int(match.group(1))


def leading_pushes(data: bytes) -> tuple[list[int], int]:
    """The ids of the whole frames at the start of ``data`` (bytes a server sent, unmasked)
    that are pushes only to acknowledge, and how many bytes they take: reading stops at the
    first frame that is anything else (an answer, a push we use, a control frame, a fragment,
    a frame not whole yet), which is left with the rest to websockets."""
    ids: list[int] = []
    at, end = 0, len(data)
    while at + 2 <= end and data[at] == _TEXT_FINAL:
        length, start = data[at + 1], at + 2
        if length == _LENGTH_16:
            if start + 2 > end:
                break
            length, start = int.from_bytes(data[start : start + 2], "big"), start + 2
        elif length > _LENGTH_16:  # masked (no server frame is), or 64-bit length
            break
        stop = start + length
        if stop > end:
            break
        match = _PUSH_START_BYTES.match(data, start, stop)
        if match is None or match.group(2) in _USED_BYTES:
            break
        ids.append(int(match.group(1)))
        at = stop
    return ids, at


class PushReader:
    """Reads the pushes only to acknowledge off the bytes ``socket`` (the library's websockets
    connection) receives, before its parser sees them: each is owed an acknowledgement
    (``owe(socket, ids)``); what follows goes to websockets as it came. Only while websockets
    waits for a new frame (nothing of one buffered, no message in fragments) and the connection
    is open without extensions: then the bytes start with a whole frame or a part of one.

    A session that is ``quiet`` (no request in flight, and its author posts next ``QUIET_FOR``
    posts or more ahead) is read every ``READ_EVERY`` only: what comes meanwhile waits in the
    socket's buffer and is read at once, one read for several pushes instead of one each.
    ``wake`` reads it again at once (when its author's post comes, before a request, before
    closing).
    """

    def __init__(
        self,
        socket: Any,
        owe: Callable[[Any, list[int]], None],
        *,
        quiet: Callable[[], bool],
    ) -> None:
        self.socket = socket
        self._protocol = socket.protocol
        self._received = socket.data_received
        self._owe = owe
        self._quiet = quiet
        self._waking: asyncio.TimerHandle | None = None
        self.reads = 0  # how many times the socket's bytes came
        socket.data_received = self.data_received

    def data_received(self, data: bytes) -> None:
        self.reads += 1
        protocol = self._protocol
        if (
            protocol.state is State.OPEN
            and not protocol.reader.buffer
            and protocol.current_size is None
            and not protocol.extensions
        ):
            ids, used = leading_pushes(data)
            if ids:
                self._owe(self.socket, ids)
            if used == len(data):
                if self._quiet():
                    self._pause()
                return
            if used:
                data = data[used:]
        self._received(data)

    def stop(self) -> None:
        """The session closes: read at once from now on, never pausing again (a push read
        meanwhile would pause it, and the server's close frame would wait ``READ_EVERY``)."""
        self._quiet = _never
        self.wake()

    def wake(self) -> None:
        if self._waking is not None:
            self._waking.cancel()
            self._waking = None
            self.socket.transport.resume_reading()

    def _pause(self) -> None:
        transport = self.socket.transport
        if self._waking is None and transport.is_reading():
            transport.pause_reading()
            self._waking = asyncio.get_running_loop().call_later(READ_EVERY, self.wake)


def _never() -> bool:
    return False


class PushAcknowledgements:
    """The acknowledgements owed for pushes, for all the sessions of a pool.

    The server answers a post, then pushes it to every other connected author: one push per
    connected author and post. Acknowledged as they came, each would cost a write on both sides
    (with 30 authors connected, 29 per post). Those owed on one socket are written instead in
    one write, ``ACK_WITHIN`` after the first of them came: each socket on its own deadline, so
    that the server reads them a few at a time between posts (written for all sockets at once,
    thousands came together and the next post waited while the server read them). The
    deadline is short: the pushes read together (those waiting while a session was paused)
    go in one write all the same, and longer deadlines only made the writes bigger (50 ms:
    about 110 acknowledgements a write with 30 authors, which the emulator read in one block
    of ~0.3 ms while the next post waited; 3,000 posts took 10 % longer than at 1 ms).
    """

    def __init__(self) -> None:
        # By socket, in the order of their deadlines: when the first was owed, and the push ids.
        self._due: dict[Any, tuple[float, list[object]]] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._writing: dict[asyncio.Task[None], Any] = {}  # writes under way, to their socket

    def owe(self, socket: Any, push_id: object) -> None:
        self.owe_all(socket, [push_id])

    def owe_all(self, socket: Any, push_ids: Sequence[object]) -> None:
        """``owe`` of several pushes read together."""
        owed = self._due.get(socket)
        if owed is not None:
            owed[1].extend(push_ids)
            return
        loop = asyncio.get_running_loop()
        self._due[socket] = (loop.time(), list(push_ids))
        if self._timer is None:
            self._timer = loop.call_at(loop.time() + ACK_WITHIN, self._write_due)

    def _write_due(self) -> None:
        self._timer = None
        loop = asyncio.get_running_loop()
        now = loop.time()
        while self._due:
            socket, (since, ids) = next(iter(self._due.items()))
            if since + ACK_WITHIN > now:
                self._timer = loop.call_at(since + ACK_WITHIN, self._write_due)
                return
            del self._due[socket]
            self._write(socket, ids)

    async def write_now(self, socket: Any) -> None:
        """The acknowledgements owed on ``socket``, written at once, after those being written
        (it is about to close: none may come after its close frame)."""
        under_way = [task for task, to in self._writing.items() if to is socket]
        if under_way:
            await asyncio.wait(under_way)
        owed = self._due.pop(socket, None)  # with any owed meanwhile
        if owed is not None:
            await _acknowledge(socket, owed[1])

    def write_all(self) -> None:
        """Every acknowledgement owed, now."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        due, self._due = self._due, {}
        for socket, (_, ids) in due.items():
            self._write(socket, ids)

    def _write(self, socket: Any, ids: list[object]) -> None:
        task = asyncio.get_running_loop().create_task(_acknowledge(socket, ids))
        self._writing[task] = socket
        task.add_done_callback(self._written)

    def _written(self, task: asyncio.Task[None]) -> None:
        del self._writing[task]

    async def aclose(self) -> None:
        self.write_all()
        if self._writing:
            await asyncio.gather(*self._writing, return_exceptions=True)


async def _acknowledge(socket: Any, push_ids: list[object]) -> None:
    """One write for all, inside websockets' ``send_context`` (which checks the socket is open
    and, on exit, writes what websockets itself has to send and waits while the socket's buffer
    is full), as its own ``send`` does; its ``send`` would write each message on its own."""
    try:
        async with socket.send_context():
            socket.transport.write(masked_text_frames([_acknowledgement(i) for i in push_ids]))
    except Exception as exc:  # the socket closed: its session notices the drop
        log.debug("acknowledging a push failed: %s", type(exc).__name__)


def masked_text_frames(payloads: Sequence[bytes]) -> bytes:
    """Whole client text frames (RFC 6455, 5.2), each masked with a key of its own from
    ``secrets`` as websockets masks them; the keys are read at once (websockets reads one per
    frame, and frames them one by one: most of an acknowledgement's cost)."""
    keys = secrets.token_bytes(4 * len(payloads))
    frames = bytearray()
    for index, payload in enumerate(payloads):
        length = len(payload)
        if length < _LENGTH_16:
            frames += bytes((_TEXT_FINAL, _MASKED | length))
        else:
            frames += bytes((_TEXT_FINAL, _MASKED | _LENGTH_16)) + length.to_bytes(2, "big")
        key = keys[4 * index : 4 * index + 4]
        frames += key
        frames += apply_mask(payload, key)
    return bytes(frames)


def _acknowledgement(push_id: object) -> bytes:
    """``{"type": 2, "id": …}`` as ``json.dumps`` writes it (an integer id without it)."""
    if type(push_id) is int:
        return b'{"type": 2, "id": %d}' % push_id
    return json.dumps({"type": 2, "id": push_id}).encode()
