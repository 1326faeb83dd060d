"""One ``python-trueconf-bot`` connection per author, opened lazily, kept, reopened when needed.

``AuthorSession`` wraps a ``trueconf.Bot``: it waits for the socket to be authorised, notices a
drop while a request is in flight (the library would otherwise wait for its timeout), and when the
token is refused or has expired it signs in again with the password if one is known.
``SessionPool`` hands out sessions by login and keeps at most ``max_open`` connected: when one
more is needed it closes the idle session whose author posts again farthest ahead (``PostingOrder``,
the optimal choice for a known sequence). A closed session keeps its token, so reopening it costs
a connection, not a password sign-in.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import ssl
import time
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from trueconf import Bot
from trueconf.exceptions import (
    ApiErrorException,
    InvalidGrantError,
    PasswordAuthDisabledError,
    TokenValidationError,
)
from trueconf.utils._ssl import _build_ssl_context

from migrator.connector.failures import (
    AUTH_CODES,
    ConnectionDropped,
    SessionUnavailable,
    certificate_error,
)
from migrator.connector.pushes import (
    QUIET_FOR,
    UPDATES_USED,
    PushAcknowledgements,
    PushReader,
    push_to_acknowledge,
)
from migrator.connector.wire import open_without_compression
from migrator.i18n import tr
from migrator.secrets import register_secret
from migrator.tokens import TokenState, check_token

log = logging.getLogger(__name__)
open_without_compression()
T = TypeVar("T")
_USABLE = (TokenState.VALID, TokenState.SOON_EXPIRING)
CLOSE_TIMEOUT = 2.0  # seconds to wait for a graceful close before dropping the socket
CLOSE_READ_STEP = 0.001  # seconds: a closing session reads on while pushes come, step by step
CLOSE_READ_STEPS = 5
# Every post is pushed to, and acknowledged by, each connected participant; reconnecting with the
# token held costs about as much as 40 of those (measured on the emulator, 30 authors). A session
# whose author posts next farther ahead than this, or never again, is closed meanwhile.
FAR_AHEAD = 64
# Authors posting within this many posts are signed in while earlier posts go (as far as the pool
# has room, or has a session needed later): a sign-in is several round trips the post would wait
# for. Within FAR_AHEAD, so that a session opened ahead is not closed again before its post.
OPEN_WITHIN = 16


@dataclass(frozen=True, slots=True)
class ServerTarget:
    """Where the bots connect: the same host and port serve REST, uploads and the WebSocket."""

    host: str
    port: int
    https: bool
    verify: bool | ssl.SSLContext | str = True
    request_timeout: float = 10.0  # the library's per-request timeout
    connect_timeout: float = 30.0  # how long to wait for a socket to be authorised

    @property
    def url_host(self) -> str:
        """The host as it stands in a URL (the client library builds its URLs from it)."""
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def base_url(self) -> str:
        return f"{'https' if self.https else 'http'}://{self.url_host}:{self.port}"


@dataclass(frozen=True, slots=True)
class Credentials:
    """What ``[users.<login>]`` gives to sign in: a Chatbot Connector token and/or a password."""

    login: str
    token: str | None = None
    password: str | None = None

    @property
    def usable_token(self) -> str | None:
        return self.token if check_token(self.token).state in _USABLE else None

    @property
    def can_sign_in(self) -> bool:
        return self.usable_token is not None or bool(self.password)


class SessionsShared:
    """What the sessions of one pool share. The library makes, for each bot it starts, a TLS
    context (with verification off, one loading the system's certificates: about 50 ms each)
    and checks the server's version over HTTP (an HTTP client each): once per pool is enough."""

    def __init__(
        self,
        verify: bool | ssl.SSLContext | str,
        posts_until: Callable[[str], float] = lambda login: math.inf,
    ) -> None:
        """``posts_until(login)``: the posts before that author's next one, as far as known."""
        self.acknowledgements = PushAcknowledgements()
        self.posts_until = posts_until
        self._verify = verify
        self._tls: ssl.SSLContext | None = None
        self.version_checked = False
        self.version_checking = asyncio.Lock()

    def tls(self) -> ssl.SSLContext:
        """The context the library would make of ``verify`` (made the first time it is asked,
        where the library would make it: a missing CA file fails there as before)."""
        if self._tls is None:
            self._tls = _build_ssl_context(self._verify)
        return self._tls


class _MigrationBot(Bot):
    """The library's bot, but a push is only acknowledged unless it is one the library keeps
    state from (``migrator.connector.pushes``), and an answer to one of our requests is handed
    to the request waiting for it, as the library does, without its dispatch."""

    def __init__(self, *args: Any, shared: SessionsShared, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shared = shared

    async def _Bot__on_raw_message(self, raw: str) -> None:
        push_id = push_to_acknowledge(raw)
        if push_id is not None:
            self._owe(push_id)
            return
        try:
            data = json.loads(raw)
        except ValueError:
            data = None  # the library logs it
        if isinstance(data, dict) and data.get("type") == 2 and "id" in data:
            # The answer to one of our requests. The library would parse it again and start a
            # task to dispatch it, which finds nothing (``parse_update`` ignores answers).
            self._Bot__resolve_future(data)  # type: ignore[attr-defined]
            return
        if (
            not isinstance(data, dict)
            or data.get("type") != 1
            or "id" not in data
            or data.get("method") in UPDATES_USED
        ):
            await super()._Bot__on_raw_message(raw)  # type: ignore[misc]
            return
        self._owe(data["id"])

    @property
    def socket(self) -> Any:
        """The websockets connection in use (None while not connected)."""
        session = self._session
        return session.ws if session is not None else None

    def _owe(self, push_id: object) -> None:
        socket = self.socket
        if socket is not None:
            # The socket it came on: a reconnected session must not acknowledge it on the next.
            self._shared.acknowledgements.owe(socket, push_id)

    async def _Bot__process_message(self, raw_data: dict[str, Any]) -> None:
        if raw_data.get("method") in UPDATES_USED:
            await super()._Bot__process_message(raw_data)  # type: ignore[misc]

    async def check_version(self) -> None:
        # The library checks at every start: a pool's bots check once (the server's version is
        # cached by the bot, the library's own is read from its package metadata).
        async with self._shared.version_checking:
            if not self._shared.version_checked:
                await super().check_version()  # type: ignore[no-untyped-call]
                self._shared.version_checked = True


class AuthorSession:
    def __init__(
        self,
        target: ServerTarget,
        credentials: Credentials,
        shared: SessionsShared,
    ) -> None:
        self.target = target
        self.credentials = credentials
        self._shared = shared
        self._bot: Bot | None = None
        self._runner: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        # The tasks waiting in ``call``, and those of them a drop of the socket cancelled.
        self._calling: set[asyncio.Task[Any]] = set()
        self._cut_off: set[asyncio.Task[Any]] = set()
        self._pushes: PushReader | None = None  # reads the pushes of the socket in use
        self._refusals = 0
        self._failures = 0
        # A password the server refused is not sent again in this run (an account can be locked
        # after a few refusals): a post and a sign-in ahead may both be waiting for it.
        self._password_refused: str | None = None
        self._bot_token: str | None = None  # the token in use, kept when the session closes
        # The bot of a session the pool closed, reopened on the same token: a new one would
        # ask the server's version over HTTP and build its TLS context again.
        self._closed_bot: Bot | None = None
        self._lock = asyncio.Lock()
        self.last_used = time.monotonic()

    @property
    def login(self) -> str:
        return self.credentials.login

    @property
    def user_id(self) -> str:
        """``login@domain`` as the server knows this author (after the first sign-in)."""
        if self._bot is None:
            raise RuntimeError("session not open")
        return str(self._bot.me_id)

    @property
    def is_open(self) -> bool:
        return self._bot is not None

    async def call(self, request: Callable[[Bot], Awaitable[T]]) -> T:
        """Run one request; ``ConnectionDropped`` if the socket closed before the answer came.

        The request runs in the caller's task, which a drop of the socket cancels (``_cut_off``).
        Safe for calls in flight together: each starts its request in the order it was called
        (the session's lock is fair).
        """
        self.last_used = time.monotonic()
        bot = await self._connected_bot()
        task = asyncio.current_task()
        assert task is not None
        self._calling.add(task)
        if self._pushes is not None:
            self._pushes.wake()  # its answer is read as it comes
        try:
            return await request(bot)
        except asyncio.CancelledError:
            if task not in self._cut_off or task.uncancel() > 0:
                raise  # cancelled by someone else (a stopped run) too
            raise ConnectionDropped(tr("connection.dropped", login=self.login)) from None
        finally:
            self._calling.discard(task)
            self._cut_off.discard(task)
            self.last_used = time.monotonic()

    def read_pushes_now(self) -> None:
        """Read what came meanwhile, and go on reading as pushes come (till quiet again)."""
        if self._pushes is not None:
            self._pushes.wake()

    def _cut_off_calls(self) -> None:
        for task in self._calling - self._cut_off:
            self._cut_off.add(task)
            task.cancel()

    async def open(self) -> None:
        await self._connected_bot()

    async def reauthenticate(self) -> None:
        """The server refused the token mid-run: sign in again with the password."""
        async with self._lock:
            await self._stop_bot()
            if not self.credentials.password:
                raise SessionUnavailable(self.login, tr("signin_reason.token_refused_no_password"))
            await self._start_bot(await self._token_from_password())

    async def close(self) -> None:
        async with self._lock:
            bot = self._bot
            await self._stop_bot()
            self._closed_bot = bot

    async def _connected_bot(self) -> Bot:
        bot = self._bot
        if bot is not None and self._ready.is_set() and not self._lock.locked():
            return bot  # connected, and no one is reconnecting it
        async with self._lock:
            if self._bot is None:
                await self._start_bot(self._held_token() or await self._initial_token())
            while True:
                assert self._bot is not None and self._runner is not None
                if self._ready.is_set():
                    return self._bot
                waiter = asyncio.ensure_future(self._ready.wait())
                done, _ = await asyncio.wait(
                    {waiter, self._runner},
                    timeout=self.target.connect_timeout,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                waiter.cancel()
                if self._ready.is_set():
                    return self._bot
                if self._runner.done():
                    await self._restart_after_failure(self._runner)
                    continue
                if not done:
                    raise ConnectionDropped(
                        tr(
                            "connection.timeout",
                            login=self.login,
                            seconds=self.target.connect_timeout,
                        )
                    )

    async def _restart_after_failure(self, runner: asyncio.Task[None]) -> None:
        error = None if runner.cancelled() else runner.exception()
        await self._stop_bot()
        refused = isinstance(error, ApiErrorException) and int(error.code) in AUTH_CODES
        if refused:
            self._refusals += 1
            # A token refused (expired mid-run, revoked): a fresh one from the password, once in
            # a row; a fresh token refused again means the account itself is refused.
            if not self.credentials.password or self._refusals > 1:
                raise SessionUnavailable(self.login, tr("signin_reason.token_refused"))
            log.info("token of %s refused; signing in with the password", self.login)
            await self._start_bot(await self._token_from_password())
            return
        reason = type(error).__name__ if error is not None else tr("connection.closed")
        if error is not None and certificate_error(error) is not None:
            raise ConnectionDropped(
                tr("connection.cannot_connect", login=self.login, reason=reason)
            ) from error
        self._failures += 1
        if self._failures > 2:
            self._failures = 0
            raise ConnectionDropped(
                tr("connection.cannot_connect", login=self.login, reason=reason)
            ) from error
        log.warning("%s", tr("signin_reason.reconnecting", login=self.login, reason=reason))
        await self._start_bot(self._held_token() or await self._initial_token())

    def _held_token(self) -> str | None:
        """The token this session last connected with, while it has not expired."""
        token = self._bot_token
        if token is None or check_token(token).state not in _USABLE:
            return None
        return token

    async def _initial_token(self) -> str:
        token = self.credentials.usable_token
        if token is not None:
            return token
        if self.credentials.password:
            return await self._token_from_password()
        raise SessionUnavailable(self.login, tr("signin_reason.no_credentials"))

    async def _token_from_password(self) -> str:
        if self._password_refused is not None:
            raise SessionUnavailable(self.login, self._password_refused)
        password = self.credentials.password or ""
        register_secret(password)
        try:
            bot = await asyncio.to_thread(
                Bot.from_credentials,
                self.target.url_host,
                self.login,
                password,
                web_port=self.target.port,
                https=self.target.https,
                verify_ssl=self._shared.tls(),
                timeout=self.target.request_timeout,
            )
        except InvalidGrantError as exc:
            self._password_refused = tr("signin_reason.password_refused")
            raise SessionUnavailable(self.login, self._password_refused) from exc
        except PasswordAuthDisabledError as exc:
            self._password_refused = tr("signin_reason.password_disabled")
            raise SessionUnavailable(self.login, self._password_refused) from exc
        except Exception as exc:  # httpx2 errors, RuntimeError("Failed to obtain token"), …
            raise ConnectionDropped(
                tr("connection.sign_in_failed", login=self.login, error=type(exc).__name__)
            ) from exc
        token = str(bot.token)
        register_secret(token)
        return token

    async def _start_bot(self, token: str) -> None:
        register_secret(token)
        bot, self._closed_bot = self._closed_bot, None
        if bot is not None and token == self._bot_token:
            self._run_bot(bot, token)
            return
        try:
            bot = _MigrationBot(
                self.target.url_host,
                token,
                web_port=self.target.port,
                https=self.target.https,
                verify_ssl=self._shared.tls(),
                timeout=self.target.request_timeout,
                on_health_check=self._on_health,
                ws_max_retries=5,
                ws_max_delay=5,
                shared=self._shared,
            )
        except (TokenValidationError, ValueError) as exc:
            raise SessionUnavailable(self.login, tr("signin_reason.token_bad")) from exc
        self._run_bot(bot, token)

    def _run_bot(self, bot: Bot, token: str) -> None:
        self._bot = bot
        self._bot_token = token
        self._ready.clear()
        self._runner = asyncio.create_task(bot.run(handle_signals=False))

    async def _stop_bot(self) -> None:
        bot, runner = self._bot, self._runner
        self._bot, self._runner = None, None
        self._ready.clear()
        if self._pushes is not None:
            reader, self._pushes = self._pushes, None
            reader.stop()  # the close handshake is read as it comes
            # What waits in the socket (the last posts' pushes to a paused session) is read on
            # the loop's next pass but one, and acknowledged before the close frame: closed
            # unacknowledged, those messages would stay unread for this account. Where some
            # came, more may be on their way: read on while they come (a few ms at most).
            reads = reader.reads
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            for _ in range(CLOSE_READ_STEPS):
                if reader.reads == reads:
                    break
                reads = reader.reads
                await asyncio.sleep(CLOSE_READ_STEP)
            await self._shared.acknowledgements.write_now(reader.socket)
        if bot is not None:
            # A graceful close waits for the server's close frame (the websockets default is
            # 10 s); a server that does not answer must not stall the run: abort the socket.
            shutdown = asyncio.ensure_future(bot.shutdown(timeout=1))
            done, _ = await asyncio.wait({shutdown}, timeout=CLOSE_TIMEOUT)
            if not done:
                _abort_socket(bot)
                await asyncio.wait({shutdown}, timeout=CLOSE_TIMEOUT)
            if shutdown.done() and not shutdown.cancelled():
                shutdown.exception()  # retrieved: a failed close is of no consequence
        if runner is not None:
            runner.cancel()
            await asyncio.wait({runner}, timeout=CLOSE_TIMEOUT)

    def _read_pushes_first(self) -> None:
        socket = self._bot.socket if isinstance(self._bot, _MigrationBot) else None
        if socket is not None and (self._pushes is None or self._pushes.socket is not socket):
            self._pushes = PushReader(
                socket, self._shared.acknowledgements.owe_all, quiet=self._quiet
            )

    def _quiet(self) -> bool:
        return not self._calling and self._shared.posts_until(self.login) >= QUIET_FOR

    async def _on_health(self, status: Mapping[str, Any]) -> None:
        if status.get("status") == "authorized":
            self._refusals = 0
            self._failures = 0
            self._read_pushes_first()
            self._ready.set()
        elif status.get("status") == "disconnected":
            self._ready.clear()
            self._cut_off_calls()


async def check_certificate(target: ServerTarget) -> None:
    """Open one TLS connection as the client library would and let a certificate failure
    (``ssl.SSLCertVerificationError``) through at once; any other failure is left to the
    library's own connection, which reports it (the library retries for a while first)."""
    if not target.https or target.verify is False:
        return
    verify = target.verify
    if isinstance(verify, ssl.SSLContext):
        context = verify
    elif isinstance(verify, str):
        context = ssl.create_default_context(cafile=verify)
    else:
        context = ssl.create_default_context()
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(target.host, target.port, ssl=context),
            timeout=target.connect_timeout,
        )
    except ssl.SSLCertVerificationError:
        raise
    except (OSError, TimeoutError):
        return
    writer.close()
    with contextlib.suppress(OSError, ssl.SSLError):
        await writer.wait_closed()


def _abort_socket(bot: Bot) -> None:
    """Drop the bot's WebSocket without the closing handshake (the library keeps it in _ws)."""
    socket = getattr(bot, "_ws", None)
    transport = getattr(socket, "transport", None)
    if transport is not None:
        transport.abort()


class PostingOrder:
    """The logins one chat posts as, post by post, and how many posts it has done: how far
    ahead each author posts next."""

    def __init__(self, logins: Iterable[str], on_advance: Callable[[], None] | None = None) -> None:
        self._positions: dict[str, array[int]] = {}
        self._sequence = array("i")  # post by post, the index of its login in ``_logins``
        index: dict[str, int] = {}
        for seq, login in enumerate(logins):
            self._sequence.append(index.setdefault(login, len(index)))
            self._positions.setdefault(login, array("q")).append(seq)
        self._logins = list(index)
        self._done = 0
        self._on_advance = on_advance

    def advance(self) -> None:
        """One more post done (sent, failed or found sent earlier)."""
        self._done += 1
        if self._on_advance is not None:
            self._on_advance()

    def distance(self, login: str) -> float:
        """Posts until ``login`` posts again (0: the current post); infinite if never."""
        positions = self._positions.get(login)
        if positions is None:
            return math.inf
        index = bisect_left(positions, self._done)
        return positions[index] - self._done if index < len(positions) else math.inf

    def ahead(self, posts: int) -> str | None:
        """The login of the post ``posts`` after the current one (None past the last)."""
        seq = self._done + posts
        return self._logins[self._sequence[seq]] if seq < len(self._sequence) else None

    def upcoming(self, count: int) -> list[str]:
        """The logins of the next ``count`` posts (the current one first), each once."""
        numbers = self._sequence[self._done : self._done + count]
        return [self._logins[number] for number in dict.fromkeys(numbers)]


class SessionPool:
    """Sessions by login; at most ``max_open`` connected. When one more is needed, the idle
    session used again farthest ahead by the posting orders followed is closed (never again
    first; among equals, the least recently used)."""

    def __init__(
        self,
        target: ServerTarget,
        credentials: Mapping[str, Credentials],
        *,
        max_open: int = 16,
        keep_alive: float | None = None,
    ) -> None:
        """``keep_alive``: the seconds after which an idle session sends a request (None:
        never, the server keeps idle sockets)."""
        self.target = target
        self._credentials = dict(credentials)
        self._max_open = max(1, max_open)
        self._keep_alive = keep_alive
        self._tending: asyncio.Task[None] | None = None
        self._shared = SessionsShared(target.verify, self.next_use)
        # Every author met in the run: a closed session keeps its token for the next connection.
        self._sessions: dict[str, AuthorSession] = {}
        self._open: OrderedDict[str, None] = OrderedDict()  # holding a connection, LRU first
        self._in_use: dict[str, int] = {}
        self._orders: list[PostingOrder] = []
        self._posts_done = 0
        self._closing_far: asyncio.Task[None] | None = None
        self._opening_soon: asyncio.Task[None] | None = None
        self._changed = asyncio.Condition()
        # Sign-ins refused while opening ahead, told to the first real use instead of trying the
        # password a second time (an account can be locked after a few refusals).
        self._refused: dict[str, SessionUnavailable] = {}

    def can_sign_in(self, login: str) -> bool:
        creds = self._credentials.get(login)
        return creds is not None and creds.can_sign_in

    @property
    def open_count(self) -> int:
        return sum(1 for s in self._sessions.values() if s.is_open)

    def follow(self, logins: Iterable[str]) -> PostingOrder:
        """Close sessions by this chat's upcoming posts too, until ``unfollow``."""
        order = PostingOrder(logins, self._post_done)
        self._orders.append(order)
        return order

    def unfollow(self, order: PostingOrder) -> None:
        with contextlib.suppress(ValueError):
            self._orders.remove(order)

    def next_use(self, login: str) -> float:
        return min((order.distance(login) for order in self._orders), default=math.inf)

    def _post_done(self) -> None:
        self._posts_done += 1
        for order in self._orders:  # an author coming near reads the pushes paused meanwhile
            session = self._sessions.get(order.ahead(QUIET_FOR - 1) or "")
            if session is not None:
                session.read_pushes_now()
        if self._posts_done % 8:
            return
        if self._closing_far is None or self._closing_far.done():
            self._closing_far = asyncio.create_task(self._close_far_ahead())
        if self._opening_soon is None or self._opening_soon.done():
            self._opening_soon = asyncio.create_task(self._open_soon())

    async def _close_far_ahead(self) -> None:
        async with self._changed:  # no lease starts meanwhile
            far = [
                login
                for login in self._open
                if not self._in_use.get(login) and self.next_use(login) > FAR_AHEAD
            ]
            for login in far:
                del self._open[login]
                await self._sessions[login].close()

    async def _open_soon(self) -> None:
        """Sign in the authors posting within ``OPEN_WITHIN`` posts, soonest first: where the
        pool has room, or (one at a time) in place of an idle session needed later than that."""
        soon = dict.fromkeys(
            login for order in self._orders for login in order.upcoming(OPEN_WITHIN)
        )
        wanted = [login for login in soon if login not in self._open and self._may_open(login)]
        if len(self._open) < self._max_open:
            await self.open_ahead(wanted)
        elif wanted and self._farthest_idle() > self.next_use(wanted[0]):
            await self._open_early(wanted[0], replacing=True)

    def _farthest_idle(self) -> float:
        return max(
            (self.next_use(login) for login in self._open if not self._in_use.get(login)),
            default=-math.inf,
        )

    def _may_open(self, login: str) -> bool:
        return self.can_sign_in(login) and login not in self._refused

    async def open_ahead(self, logins: Iterable[str]) -> None:
        """Connect these accounts together, as far as the pool has free room (none is closed
        for them): each sign-in is several round trips, which one after another the first posts
        would wait for. A session that cannot open is left to its first use to report."""
        wanted = [
            login
            for login in dict.fromkeys(logins)
            if login not in self._open and self._may_open(login)
        ]
        room = max(0, self._max_open - len(self._open))
        await asyncio.gather(*(self._open_early(login) for login in wanted[:room]))

    async def _open_early(self, login: str, *, replacing: bool = False) -> None:
        if not replacing and len(self._open) >= self._max_open:
            return  # another chat took the room meanwhile
        try:
            async with self.lease(login) as session:
                await session.open()
        except SessionUnavailable as exc:
            self._refused[login] = exc
        except Exception as exc:  # dropped, timed out: the first real use tries again
            log.debug("opening %s ahead failed: %s", login, type(exc).__name__)

    @asynccontextmanager
    async def lease(self, login: str) -> AsyncIterator[AuthorSession]:
        session = await self._acquire(login)
        try:
            yield session
        finally:
            async with self._changed:
                self._in_use[login] -= 1
                self._changed.notify_all()

    async def _acquire(self, login: str) -> AuthorSession:
        refused = self._refused.pop(login, None)
        if refused is not None:
            raise SessionUnavailable(refused.login, refused.reason)
        if self._keep_alive is not None and self._tending is None:
            self._tending = asyncio.create_task(self._keep_idle_sessions_alive(self._keep_alive))
        async with self._changed:
            while login not in self._open and len(self._open) >= self._max_open:
                idle = [name for name in self._open if self._in_use.get(name, 0) == 0]
                if idle:
                    victim = max(idle, key=self.next_use)  # the first of equals: the LRU
                    del self._open[victim]
                    await self._sessions[victim].close()
                    break
                await self._changed.wait()
            session = self._sessions.get(login)
            if session is None:
                creds = self._credentials.get(login) or Credentials(login)
                session = AuthorSession(self.target, creds, self._shared)
                self._sessions[login] = session
            self._open[login] = None
            self._open.move_to_end(login)
            self._in_use[login] = self._in_use.get(login, 0) + 1
        return session

    async def _keep_idle_sessions_alive(self, after: float) -> None:
        # A session leased for an upload is idle too: the file goes over HTTP meanwhile, and a
        # dropped socket would lose the uploaded file with it (it belongs to the connection).
        while True:
            await asyncio.sleep(after / 4)
            now = time.monotonic()
            idle = [
                login
                for login in self._open
                if self._sessions[login].is_open and now - self._sessions[login].last_used >= after
            ]
            for login in idle:
                await self._keep_alive_once(login)

    async def _keep_alive_once(self, login: str) -> None:
        async with self._changed:
            session = self._sessions.get(login)
            if login not in self._open or session is None:
                return  # closed since
            self._in_use[login] = self._in_use.get(login, 0) + 1
        try:
            await session.call(lambda bot: bot.get_file_info_upload_limits())
        except Exception as exc:  # the next real request reconnects or reports it
            log.debug("keep-alive of %s failed: %s", login, type(exc).__name__)
        finally:
            async with self._changed:
                self._in_use[login] -= 1
                self._changed.notify_all()

    async def aclose(self) -> None:
        if self._opening_soon is not None:
            self._opening_soon.cancel()  # no post is left for the sessions it opens
        background = {task for task in (self._closing_far, self._opening_soon) if task}
        if background:
            await asyncio.wait(background)
        if self._tending is not None:
            self._tending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._tending
            self._tending = None
        sessions = list(self._sessions.values())
        self._sessions.clear()
        self._open.clear()
        await self._shared.acknowledgements.aclose()
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
