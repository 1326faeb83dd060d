"""Putting it together: one aiohttp application on one port, started for a test or the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import tempfile
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from types import TracebackType

from aiohttp import web

from migrator.emulator.blobs import BlobStore
from migrator.emulator.bridge import ChatbotHttp
from migrator.emulator.config import Behaviours, EmulatorConfig, Faults
from migrator.emulator.faults import FaultInjector
from migrator.emulator.model import USER_MESSAGE_TYPES, Message
from migrator.emulator.persistence import Journal, load_state
from migrator.emulator.rest import AdminApi
from migrator.emulator.state import ServerState
from migrator.emulator.static import StaticFolder
from migrator.emulator.tls import make_server_certificate
from migrator.emulator.websocket import ChatbotHub

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_UPLOAD_OVERHEAD_BYTES = 16 * 1024 * 1024


class RunningEmulator:
    """A started emulator: where it listens, its settings and its state."""

    def __init__(
        self,
        *,
        config: EmulatorConfig,
        state: ServerState,
        hub: ChatbotHub,
        chatbot_http: ChatbotHttp,
        host: str,
        port: int,
        ca_file: Path | None,
    ) -> None:
        self.config = config
        self.faults: Faults = config.faults
        self.behaviours: Behaviours = config.behaviours
        self.state = state
        self.host = host
        self.port = port
        self.tls = config.tls
        self.ca_file = ca_file
        scheme = "https" if config.tls else "http"
        self.base_url = f"{scheme}://{host}:{port}"
        self._hub = hub
        self._chatbot_http = chatbot_http

    def add_user(self, login: str, password: str, display_name: str = "") -> None:
        self.state.add_user(login, password, display_name=display_name)

    def issue_token(self, login: str, ttl_seconds: int | None = None) -> str:
        user = self.state.find_user(login)
        if user is None:
            raise KeyError(f"no user {login!r} on the emulator")
        return self._chatbot_http.chatbot_token(user.login, ttl_seconds)

    def chat_messages(self, chat_id: str, *, include_system: bool = False) -> list[Message]:
        """The messages of a chat in arrival order (a snapshot), for tests to inspect."""
        with self.state.lock:
            chat = self.state.chats[chat_id]
            messages = [self.state.messages[m] for m in chat.message_ids]
        if include_system:
            return messages
        return [m for m in messages if m.type in USER_MESSAGE_TYPES]

    def user_id(self, login: str) -> str:
        """The TrueConf id (``login@domain``) the server uses for ``login``."""
        return self.state.user_id(login.lower())

    def connections_accepted(self) -> int:
        """Chatbot WebSocket connections accepted so far (a reconnect counts again)."""
        return self._hub.accepted

    def connections_open(self) -> int:
        """Chatbot WebSocket connections open now."""
        return self._hub.open_connections

    def pushes(self) -> tuple[int, int]:
        """Events pushed to chatbot connections so far, and how many of those pushed to the
        connections open now are not acknowledged."""
        return self._hub.pushed, self._hub.unacknowledged

    def unacknowledged_when_closed(self) -> int:
        """Pushes that connections closed since had not acknowledged: messages those accounts
        never marked read (TrueConf marks a message read by its acknowledgement)."""
        return self._hub.closed_unacknowledged


def build_application(
    config: EmulatorConfig, state: ServerState, blobs: BlobStore, journal: Journal | None
) -> tuple[web.Application, ChatbotHub, ChatbotHttp]:
    faults = FaultInjector(config.faults)

    @web.middleware
    async def add_latency(request: web.Request, handler: Handler) -> web.StreamResponse:
        # WebSocket requests get their latency per frame, in the hub.
        if request.path.rstrip("/") == "/websocket/chat_bot":
            return await handler(request)
        await faults.delay()
        response = await handler(request)
        if journal is not None:
            # Whatever the request changed is on disk before the answer leaves.
            await journal.commit()
        return response

    # Room for the largest allowed file plus its preview and the multipart framing.
    body_limit = config.max_file_size + _UPLOAD_OVERHEAD_BYTES
    app = web.Application(middlewares=[add_latency], client_max_size=body_limit)
    hub = ChatbotHub(state, faults, journal)
    chatbot_http = ChatbotHttp(config, state, faults, blobs)
    app.add_routes(AdminApi(config, state, faults).routes())
    app.add_routes(chatbot_http.routes())
    app.add_routes(
        [web.get("/websocket/chat_bot", hub.handle), web.get("/websocket/chat_bot/", hub.handle)]
    )
    if config.chatbot_dir is not None:
        app.add_routes(StaticFolder(config.chatbot_dir, prefix="/chatbot").routes())
    return app, hub, chatbot_http


@asynccontextmanager
async def start_emulator(config: EmulatorConfig | None = None) -> AsyncIterator[RunningEmulator]:
    """Serve the emulator on ``config.host``/``config.port`` until the block ends."""
    config = config or EmulatorConfig()
    state, blobs = _open_state(config)
    journal = Journal(state, config.data_dir) if config.data_dir is not None else None
    if journal is not None:
        journal.start()
    app, hub, chatbot_http = build_application(config, state, blobs, journal)
    ssl_context: ssl.SSLContext | None = None
    ca_file: Path | None = None
    scratch = contextlib.ExitStack()
    if config.tls:
        tls_folder = (
            config.data_dir / "tls"
            if config.data_dir is not None
            else Path(scratch.enter_context(tempfile.TemporaryDirectory(prefix="tc-emulator-")))
        )
        ssl_context, ca_file = make_server_certificate(config.host, tls_folder)
    runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port, ssl_context=ssl_context)
    await site.start()
    port = _bound_port(runner, config.port)
    try:
        yield RunningEmulator(
            config=config,
            state=state,
            hub=hub,
            chatbot_http=chatbot_http,
            host=config.host,
            port=port,
            ca_file=ca_file,
        )
    finally:
        await hub.close_all()
        await runner.cleanup()
        if journal is not None:
            await journal.stop()
        scratch.close()


def _open_state(config: EmulatorConfig) -> tuple[ServerState, BlobStore]:
    if config.data_dir is None:
        state = ServerState(
            domain=config.domain,
            max_file_size=config.max_file_size,
            blocked_extensions=config.blocked_extensions,
            behaviours=config.behaviours,
        )
        return state, BlobStore()
    state = load_state(config.data_dir, config)
    return state, BlobStore(config.data_dir / "files")


def _bound_port(runner: web.AppRunner, requested: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return requested


class EmulatorThread:
    """The emulator on its own event loop in a background thread, for synchronous code."""

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self._config = config or EmulatorConfig()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._emulator: RunningEmulator | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="trueconf-emulator", daemon=True)

    def __enter__(self) -> RunningEmulator:
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error
        assert self._emulator is not None
        return self._emulator

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._serve())
        finally:
            with contextlib.suppress(Exception):
                self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        try:
            async with start_emulator(self._config) as emulator:
                self._emulator = emulator
                self._ready.set()
                await self._stop.wait()
        except BaseException as error:
            self._error = error
            self._ready.set()
            if not isinstance(error, Exception):
                raise
