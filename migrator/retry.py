"""The one retry policy: how a failed server call is classified, how long to wait, what to do next.

Every call to a server (the chat WebSocket through ``migrator.connector``, the admin REST API)
turns its failures into a ``ServerFailure`` of one ``FailureKind`` at the place it talks to the
server; this module decides, once for all callers:

- a *read* (history, chat list, limits) is repeated after a back-off whatever went wrong, except a
  refusal;
- a *change* (create, admit, role, send, sendFile) that failed with an unknown outcome (timeout,
  dropped socket, internal error 300, operation timeout 301, anything unrecognised) may have been
  applied: ``reconcile`` looks for its effect before it is ever repeated;
- an auth failure signs in again, then repeats;
- a refusal is raised as ``Refused`` with the server's reason, never repeated.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from migrator.i18n import tr

log = logging.getLogger(__name__)
T = TypeVar("T")


class FailureKind(StrEnum):
    NOT_APPLIED = "not_applied"  # the server did nothing (busy, upload POST failed, file lost)
    UNKNOWN = "unknown"  # the request may or may not have taken effect
    AUTH = "auth"  # the token was refused or has expired
    REFUSED = "refused"  # the server refused this request for good


class ServerFailure(Exception):
    """A failed server call, classified where it was made."""

    def __init__(
        self,
        kind: FailureKind,
        reason: str,
        *,
        code: int | None = None,
        retry_after: float | None = None,
        detail: object = None,
    ) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.code = code
        self.retry_after = retry_after  # seconds the server asked us to wait
        self.detail = detail  # what the caller may need after giving up (an HTTP response)


class TryAgain(Exception):
    """Repeat at once, without a pause and without counting an attempt (the caller changed
    something first: another account posts, a token was renewed)."""


class RetryFailed(Exception):
    """The call did not succeed; ``failure`` is the last classified failure."""

    def __init__(self, failure: ServerFailure, message: str) -> None:
        super().__init__(message)
        self.failure = failure

    @property
    def reason(self) -> str:
        return self.failure.reason


class Refused(RetryFailed):
    def __init__(self, failure: ServerFailure) -> None:
        super().__init__(failure, failure.reason)


class GaveUp(RetryFailed):
    def __init__(self, failure: ServerFailure, attempts: int) -> None:
        super().__init__(failure, tr("reason.gave_up", attempts=attempts, reason=failure.reason))
        self.attempts = attempts


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential back-off with jitter: attempt n (0-based) waits U(c/2, c), c = min(cap,
    base·2ⁿ), and never less than the ``retryAfter`` the server asked for (up to a bound)."""

    base_seconds: float = 0.2
    cap_seconds: float = 5.0
    attempts: int = 8  # the first try included
    max_retry_after: float = 30.0
    # Before looking for the effect of a change whose outcome is unknown: a server may still
    # apply requests it received before the socket dropped (the emulator's pessimistic profile
    # does, up to 50 ms later).
    settle_seconds: float = 0.5

    def delay(
        self, attempt: int, *, retry_after: float | None = None, rng: random.Random | None = None
    ) -> float:
        ceiling = min(self.cap_seconds, self.base_seconds * (2**attempt))
        # Jitter spreads the retries of concurrent workers; it is not security-relevant.
        delay = (rng or random).uniform(ceiling / 2, ceiling)
        if retry_after is not None and retry_after > 0:
            delay = max(delay, min(retry_after, self.max_retry_after))
        return delay

    async def pause(self, attempt: int, failure: ServerFailure, *, settle: bool = False) -> None:
        delay = self.delay(attempt, retry_after=failure.retry_after)
        if settle:
            delay = max(delay, self.settle_seconds)
        log.info("retrying in %.2f s after %s", delay, failure.reason)
        await asyncio.sleep(delay)


async def read(
    op: Callable[[], Awaitable[T]],
    backoff: Backoff,
    *,
    reauthenticate: Callable[[], Awaitable[None]] | None = None,
    on_failure: Callable[[ServerFailure], None] | None = None,
) -> T:
    """Run a read-only call: repeated after a back-off on any failure but a refusal."""
    return await _run(op, backoff, None, reauthenticate, on_failure)


async def change(
    op: Callable[[], Awaitable[T]],
    backoff: Backoff,
    *,
    reconcile: Callable[[], Awaitable[T | None]],
    reauthenticate: Callable[[], Awaitable[None]] | None = None,
) -> T:
    """Run a call that changes the server. After an unknown outcome ``reconcile`` looks for its
    effect: what it finds is the result; only when it finds nothing is the call repeated."""
    return await _run(op, backoff, reconcile, reauthenticate, None)


async def _run(
    op: Callable[[], Awaitable[T]],
    backoff: Backoff,
    reconcile: Callable[[], Awaitable[T | None]] | None,
    reauthenticate: Callable[[], Awaitable[None]] | None,
    on_failure: Callable[[ServerFailure], None] | None,
) -> T:
    attempt = 0
    while True:
        try:
            return await op()
        except TryAgain:
            continue
        except ServerFailure as failure:
            if on_failure is not None:
                on_failure(failure)
            if failure.kind is FailureKind.REFUSED:
                raise Refused(failure) from failure
            look_first = failure.kind is FailureKind.UNKNOWN and reconcile is not None
            if look_first or attempt < backoff.attempts - 1:
                await backoff.pause(attempt, failure, settle=look_first)
            if look_first and reconcile is not None:
                found = await reconcile()
                if found is not None:
                    log.info("%s: the request had taken effect", failure.reason)
                    return found
            if attempt >= backoff.attempts - 1:
                raise GaveUp(failure, backoff.attempts) from failure
            if failure.kind is FailureKind.AUTH and reauthenticate is not None:
                await reauthenticate()
            attempt += 1
