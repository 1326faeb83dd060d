"""The Chatbot Connector WebSocket: the JSON envelope, ``auth``, requests and pushed events."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import secrets
from collections import defaultdict
from typing import Any

from aiohttp import WSMsgType, web

from migrator.emulator import files, methods
from migrator.emulator.errors import (
    RATE_LIMIT_ERROR_CODE,
    RATE_LIMIT_RETRY_AFTER_MS,
    ChatError,
    ErrorCode,
)
from migrator.emulator.faults import FaultInjector
from migrator.emulator.state import ServerEvent, ServerState
from migrator.emulator.tokens import TokenKind, TokenProblem, verify_token

logger = logging.getLogger(__name__)

REQUEST = 1
RESPONSE = 2
MAX_FRAME_BYTES = 1024 * 1024


class Connection:
    def __init__(self, socket: web.WebSocketResponse, base_url: str) -> None:
        self.socket = socket
        self.base_url = base_url
        self.user_id: str | None = None
        self.receive_system_messages = False
        self.requests_received = 0
        self._send_lock = asyncio.Lock()

    async def send(self, frame: dict[str, Any]) -> None:
        if self.socket.closed:
            return
        async with self._send_lock:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.socket.send_str(json.dumps(frame))


class ChatbotHub:
    """Every open chatbot connection, by user, and the request loop of each."""

    def __init__(self, state: ServerState, faults: FaultInjector) -> None:
        self.state = state
        self.faults = faults
        self._by_user: dict[str, set[Connection]] = defaultdict(set)
        self._all: set[Connection] = set()
        self._event_ids = itertools.count(1)
        self._tasks: set[asyncio.Task[None]] = set()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        socket = web.WebSocketResponse(protocols=("json.v1",), max_msg_size=MAX_FRAME_BYTES)
        await socket.prepare(request)
        connection = Connection(socket, f"{request.scheme}://{request.host}")
        self._all.add(connection)
        try:
            await self._serve(connection)
        finally:
            self._all.discard(connection)
            if connection.user_id is not None:
                self._by_user[connection.user_id].discard(connection)
        return socket

    async def _serve(self, connection: Connection) -> None:
        async for message in connection.socket:
            if message.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                continue
            frame = _parse_frame(message.data)
            if frame is None or frame.get("type") != REQUEST:
                # Acknowledgements of pushed events and unreadable frames need no answer.
                continue
            connection.requests_received += 1
            drop_after = self.faults.drop_after()
            if drop_after is not None and connection.requests_received >= drop_after:
                # Handled in line so that it is applied (and maybe answered) before the drop.
                answer = not self.faults.faults.drop_ws_lose_reply
                await self._process(connection, frame, send_reply=answer)
                break
            task = asyncio.create_task(self._process(connection, frame, send_reply=True))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        await connection.socket.close()

    async def _process(
        self, connection: Connection, frame: dict[str, Any], *, send_reply: bool
    ) -> None:
        await self.faults.delay()
        request_id = frame.get("id")
        method = frame.get("method")
        payload = frame.get("payload")
        context: methods.CallContext | None = None
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
                context = methods.CallContext(self.state, connection.user_id, connection.base_url)
                result = methods.call(context, method, payload)
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
        if send_reply:
            await connection.send({"type": RESPONSE, "id": request_id, "payload": result})
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
            "userId": f"{connection.user_id}/{secrets.token_hex(4)}",
            "connectionId": secrets.token_hex(8),
        }

    async def _push(self, connection: Connection, method: str, payload: dict[str, Any]) -> None:
        await connection.send(
            {"type": REQUEST, "id": next(self._event_ids), "method": method, "payload": payload}
        )

    async def deliver(self, events: list[ServerEvent], *, origin: Connection | None) -> None:
        for event in events:
            for user_id in event.recipients:
                for connection in list(self._by_user.get(user_id, ())):
                    if connection is origin:
                        continue
                    if event.system and not connection.receive_system_messages:
                        continue
                    await self._push(connection, event.method, event.payload)

    async def close_all(self) -> None:
        for connection in list(self._all):
            with contextlib.suppress(Exception):
                await connection.socket.close()
        for task in list(self._tasks):
            task.cancel()


class _RateLimited(Exception):
    pass


def _parse_frame(data: str | bytes) -> dict[str, Any] | None:
    try:
        frame = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    return frame if isinstance(frame, dict) else None
