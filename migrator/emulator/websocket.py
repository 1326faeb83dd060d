"""The Chatbot Connector WebSocket: the JSON envelope, ``auth``, requests and pushed events."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import re
import secrets
import socket
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from migrator.emulator import files, methods
from migrator.emulator.config import Behaviours
from migrator.emulator.errors import (
    RATE_LIMIT_ERROR_CODE,
    RATE_LIMIT_RETRY_AFTER_MS,
    ChatError,
    ErrorCode,
)
from migrator.emulator.faults import AfterEffect, FaultInjector
from migrator.emulator.persistence import Journal
from migrator.emulator.state import ServerEvent, ServerState
from migrator.emulator.tokens import TokenKind, TokenProblem, verify_token

logger = logging.getLogger(__name__)

REQUEST = 1
RESPONSE = 2
_ACKNOWLEDGEMENT = re.compile(r'\{"type": 2, "id": (0|[1-9][0-9]*)\}')
MAX_FRAME_BYTES = 1024 * 1024


class Connection:
    def __init__(
        self, socket: web.WebSocketResponse, base_url: str, transport: asyncio.Transport | None
    ) -> None:
        self.socket = socket
        self.base_url = base_url
        self.connection_id = secrets.token_hex(8)
        self.user_id: str | None = None
        self.receive_system_messages = False
        self.requests_received = 0
        self.unacknowledged: set[object] = set()  # ids of pushed events
        self._transport = transport
        self._send_lock = asyncio.Lock()
        self._plain = not socket.compress  # no permessage-deflate negotiated
        self._socket = _plain_socket(transport)

    def write_at_once(self, data: bytes) -> bool:
        """Write a text frame of ``data`` (UTF-8) straight to the socket, the bytes aiohttp's
        writer would write, where that is the same: no compression negotiated and nothing
        waiting to go out before it. False: aiohttp must write it (``send_text``). A post is
        pushed to every connected participant (29 times with 30 authors): aiohttp's lock and
        writer were a fifth of it, asyncio's ``write`` a tenth of the rest (what the socket does
        not take at once goes through it, in order, as the transport's buffer is empty)."""
        transport = self._transport
        if (
            not self._plain
            or transport is None
            or self._send_lock.locked()
            or self.socket.closed
            or transport.is_closing()
            or transport.get_write_buffer_size()
        ):
            return False
        length = len(data)
        if length < 126:
            frame = bytes((0x81, length)) + data
        elif length < 65536:
            frame = b"\x81\x7e" + length.to_bytes(2, "big") + data
        else:
            frame = b"\x81\x7f" + length.to_bytes(8, "big") + data
        sent = 0
        if self._socket is not None:
            try:
                sent = self._socket.send(frame)
            except OSError:  # a full buffer or a lost connection: the transport handles both
                sent = 0
        if sent < len(frame):
            transport.write(frame[sent:])
        return True

    async def send(self, frame: dict[str, Any]) -> None:
        await self.send_text(json.dumps(frame))

    async def send_text(self, text: str) -> None:
        if self.socket.closed:
            return
        async with self._send_lock:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.socket.send_str(text)

    def abort(self) -> None:
        """Cut the TCP connection without a close frame, as a failing server or network does."""
        if self._transport is not None:
            self._transport.abort()


@dataclass
class _Pending:
    """A request read from the socket, to be applied once its latency has passed."""

    frame: dict[str, Any]
    due: float
    send_reply: bool


class ChatbotHub:
    """Every open chatbot connection, by user, and the request loop of each.

    Each connection's requests are applied one after another in the order they arrived, each no
    earlier than its arrival plus the latency, so that requests in flight together share the
    latency as on a network (``unordered_pipelining`` lets them overtake one another).
    """

    def __init__(
        self, state: ServerState, faults: FaultInjector, journal: Journal | None = None
    ) -> None:
        self.state = state
        self.faults = faults
        self.journal = journal
        self._by_user: dict[str, set[Connection]] = defaultdict(set)
        self._all: set[Connection] = set()
        self._event_ids = itertools.count(1)
        self._tasks: set[asyncio.Task[None]] = set()
        self.pushed = 0  # events pushed to clients
        self.accepted = 0  # connections accepted so far
        self.closed_unacknowledged = 0  # pushes a connection had not acknowledged when it ended

    @property
    def behaviours(self) -> Behaviours:
        return self.state.behaviours

    @property
    def open_connections(self) -> int:
        return len(self._all)

    @property
    def unacknowledged(self) -> int:
        """Pushes the open connections have not acknowledged yet."""
        return sum(len(connection.unacknowledged) for connection in list(self._all))

    async def handle(self, request: web.Request) -> web.StreamResponse:
        socket = web.WebSocketResponse(protocols=("json.v1",), max_msg_size=MAX_FRAME_BYTES)
        await socket.prepare(request)
        connection = Connection(socket, f"{request.scheme}://{request.host}", request.transport)
        self._all.add(connection)
        self.accepted += 1
        try:
            await self._serve(connection)
        finally:
            self._all.discard(connection)
            self.closed_unacknowledged += len(connection.unacknowledged)
            if connection.user_id is not None:
                self._by_user[connection.user_id].discard(connection)
        return socket

    async def _serve(self, connection: Connection) -> None:
        queue: asyncio.Queue[_Pending | None] = asyncio.Queue()
        worker = asyncio.create_task(self._apply_in_turn(connection, queue))
        self._tasks.add(worker)
        worker.add_done_callback(self._tasks.discard)
        try:
            await self._read(connection, queue)
        finally:
            queue.put_nowait(None)
            # Requests already received are applied even if the client has gone.
            await asyncio.shield(worker)
        await connection.socket.close()

    async def _read(self, connection: Connection, queue: asyncio.Queue[_Pending | None]) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                message = await connection.socket.receive(timeout=self.behaviours.idle_drop_seconds)
            except TimeoutError:
                connection.abort()
                return
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return
            if message.type is WSMsgType.ERROR:
                return
            if message.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                continue
            acknowledged = _acknowledged_id(message.data)
            if acknowledged is not None:
                connection.unacknowledged.discard(acknowledged)
                continue
            frame = _parse_frame(message.data)
            if frame is not None and frame.get("type") == RESPONSE:
                connection.unacknowledged.discard(frame.get("id"))
            if frame is None or frame.get("type") != REQUEST:
                # Acknowledgements of pushed events and unreadable frames need no answer.
                continue
            connection.requests_received += 1
            due = loop.time() + self.faults.faults.latency_ms / 1000
            drop_after = self.faults.drop_after()
            if drop_after is not None and connection.requests_received >= drop_after:
                # Applied (and maybe answered) before the socket closes.
                answer = not self.faults.faults.drop_ws_lose_reply
                queue.put_nowait(_Pending(frame, due, send_reply=answer))
                return
            queue.put_nowait(_Pending(frame, due, send_reply=True))

    async def _apply_in_turn(
        self, connection: Connection, queue: asyncio.Queue[_Pending | None]
    ) -> None:
        overtaking: set[asyncio.Task[None]] = set()
        while (pending := await queue.get()) is not None:
            if self.behaviours.unordered_pipelining:
                extra = self.faults.pipelining_delay()
                task = asyncio.create_task(self._apply_when_due(connection, pending, extra))
                overtaking.add(task)
                task.add_done_callback(overtaking.discard)
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            else:
                await self._apply_when_due(connection, pending, 0.0)
        if overtaking:
            await asyncio.gather(*overtaking, return_exceptions=True)

    async def _apply_when_due(
        self, connection: Connection, pending: _Pending, extra: float
    ) -> None:
        wait = pending.due + extra - asyncio.get_running_loop().time()
        if wait > 0:
            await asyncio.sleep(wait)
        await self._process(connection, pending.frame, send_reply=pending.send_reply)

    async def _process(
        self, connection: Connection, frame: dict[str, Any], *, send_reply: bool
    ) -> None:
        request_id = frame.get("id")
        method = frame.get("method")
        payload = frame.get("payload")
        context: methods.CallContext | None = None
        after = AfterEffect.ANSWER
        try:
            if not isinstance(method, str) or not isinstance(payload, dict | None):
                raise ChatError(ErrorCode.WRONG_PAYLOAD, "Wrong payload format")
            payload = payload or {}
            if method == "auth":
                result: Any = self._authorize(connection, payload)
            elif connection.user_id is None:
                raise ChatError(ErrorCode.NOT_AUTHORIZED, "Not authorized")
            elif self.faults.rate_limited():
                raise _RateLimited
            else:
                context = methods.CallContext(
                    self.state, connection.user_id, connection.base_url, connection.connection_id
                )
                result = methods.call(context, method, payload)
                if method in methods.CHANGING_METHODS:
                    after = self.faults.after_change(self.behaviours.commit_then_error_every)
        except _RateLimited:
            result = {
                "errorCode": int(RATE_LIMIT_ERROR_CODE),
                "errorDescription": "Too many requests",
                "retryAfter": RATE_LIMIT_RETRY_AFTER_MS,
            }
        except ChatError as error:
            result = {"errorCode": int(error.code), "errorDescription": error.description}
        except Exception:
            logger.exception("Request %s failed", method)
            result = {"errorCode": int(ErrorCode.INTERNAL_ERROR), "errorDescription": "Internal"}
        if self.journal is not None:
            await self.journal.commit()
        if after is AfterEffect.TIMEOUT_ERROR:
            result = {"errorCode": int(ErrorCode.TIMEOUT), "errorDescription": "Operation timeout"}
        elif after is AfterEffect.DROP_SOCKET:
            connection.abort()
            send_reply = False
        if send_reply:
            await self._send(connection, {"type": RESPONSE, "id": request_id, "payload": result})
        signed_in = method == "auth" and isinstance(result, dict) and "errorCode" not in result
        if signed_in and send_reply:
            # The client needs the auth response before any pushed request.
            await self._push(connection, "getFileUploadLimits", files.upload_limits(self.state))
        if context is not None:
            for event_method, event_payload in context.after_reply:
                await self._push(connection, event_method, event_payload)
        await self.deliver(self.state.take_events(), origin=connection)

    def _authorize(self, connection: Connection, payload: dict[str, Any]) -> dict[str, Any]:
        token = payload.get("token")
        if not isinstance(token, str):
            raise ChatError(ErrorCode.INVALID_CREDENTIALS, "Invalid credentials")
        if payload.get("tokenType", "JWT") != "JWT":
            raise ChatError(ErrorCode.UNSUPPORTED_CREDENTIALS, "Invalid token type")
        try:
            claims = verify_token(self.state.signing_key, token, kind=TokenKind.CHATBOT)
        except TokenProblem as problem:
            if problem.expired:
                raise ChatError(ErrorCode.CREDENTIALS_EXPIRED, "Credentials expired") from None
            raise ChatError(ErrorCode.INVALID_CREDENTIALS, "Invalid credentials") from None
        user = self.state.find_user(claims.subject)
        if user is None:
            raise ChatError(ErrorCode.INVALID_CREDENTIALS, "Invalid credentials")
        if not user.is_active:
            raise ChatError(ErrorCode.USER_DISABLED, "User disabled")
        if connection.user_id is not None:
            self._by_user[connection.user_id].discard(connection)
        connection.user_id = self.state.user_id(user.login)
        connection.receive_system_messages = payload.get("receiveSystemMessageEnvelopes") is True
        self._by_user[connection.user_id].add(connection)
        return {
            "userId": f"{self.state.reported_id(connection.user_id)}/{secrets.token_hex(4)}",
            "connectionId": connection.connection_id,
        }

    async def _push(self, connection: Connection, method: str, payload: dict[str, Any]) -> None:
        await self._push_frame(connection, self._frame_after_id(method, payload))

    async def _push_frame(self, connection: Connection, after_id: bytes) -> None:
        """A push: ``after_id`` is what follows its id in the frame (``_frame_after_id``), made
        once for an event pushed to many connections. The frame is the one ``json.dumps``
        makes of the whole request."""
        event_id = next(self._event_ids)
        self.pushed += 1
        connection.unacknowledged.add(event_id)
        data = b'{"type": %d, "id": %d' % (REQUEST, event_id) + after_id
        if not connection.write_at_once(data):
            await connection.send_text(data.decode())

    def _frame_after_id(self, method: str, payload: dict[str, Any]) -> bytes:
        return f', "method": {json.dumps(method)}, "payload": {self._encoded(payload)}}}'.encode()

    def _encoded(self, payload: dict[str, Any]) -> str:
        """A pushed payload as JSON, with user ids as the server reports them."""
        if self.behaviours.ldap_ids:
            payload = _with_reported_ids(self.state, payload)
        return json.dumps(payload)

    async def _send(self, connection: Connection, frame: dict[str, Any]) -> None:
        if self.behaviours.ldap_ids:
            frame = _with_reported_ids(self.state, frame)
        await connection.send(frame)

    async def deliver(self, events: list[ServerEvent], *, origin: Connection | None) -> None:
        echo_own = self.behaviours.echo_own
        for event in events:
            after_id: bytes | None = None
            echoed = echo_own and event.method == "sendMessage"
            for user_id in event.recipients:
                for connection in list(self._by_user.get(user_id, ())):
                    if connection is origin and not echoed:
                        continue
                    if event.system and not connection.receive_system_messages:
                        continue
                    if after_id is None:
                        after_id = self._frame_after_id(event.method, event.payload)
                    await self._push_frame(connection, after_id)

    async def close_all(self) -> None:
        for connection in list(self._all):
            with contextlib.suppress(Exception):
                await connection.socket.close()
        for task in list(self._tasks):
            task.cancel()


class _RateLimited(Exception):
    pass


_USER_ID_KEYS = frozenset({"userId", "id"})


def _with_reported_ids(state: ServerState, value: Any, key: str = "") -> Any:
    """``value`` with every user id (under a ``userId`` or ``id`` key) as the server reports it."""
    if isinstance(value, dict):
        return {k: _with_reported_ids(state, v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_reported_ids(state, item, key) for item in value]
    if key in _USER_ID_KEYS and isinstance(value, str) and _is_user_id(state, value):
        return state.reported_id(value)
    return value


def _is_user_id(state: ServerState, value: str) -> bool:
    login, at, domain = value.partition("@")
    return bool(at) and domain == state.domain and login in state.users


def _plain_socket(transport: asyncio.Transport | None) -> socket.socket | None:
    """The TCP socket under asyncio's selector transport; None under TLS (whose transport has
    none) and on Windows (whose proactor writes with overlapped I/O of its own)."""
    if sys.platform == "win32":
        return None
    sock = getattr(transport, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


def _acknowledged_id(data: str | bytes) -> int | None:
    """The id in an acknowledgement written as ``json.dumps`` writes it, without parsing it (one
    comes for every push: with 30 connections, 29 for every post); any other frame, None."""
    match = _ACKNOWLEDGEMENT.fullmatch(data) if isinstance(data, str) else None
    return int(match.group(1)) if match is not None else None


def _parse_frame(data: str | bytes) -> dict[str, Any] | None:
    try:
        frame = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    return frame if isinstance(frame, dict) else None
