"""What to do when a call fails: retry after a pause, reconcile first, or give up on the post.

Errors are sorted in one place:
- *transient*: the server answered that it could not do it now (internal error, timeout, rate
  limit), or an upload's HTTP POST failed. Nothing was posted; try again after a back-off.
- *ambiguous*: the request may or may not have reached the server (timeout, dropped socket).
  For a post this means: read the chat back before sending again.
- *auth*: the session's token was refused or expired; sign in again, then retry.
- *definitive*: the server refused this post (no rights, bad file, …); record it and go on.
"""

from __future__ import annotations

import asyncio
import random
import ssl
from dataclasses import dataclass
from enum import StrEnum

from trueconf.exceptions import ApiErrorException, FileUploadError, WSConnectionError

# Codes a server answers when it is busy or briefly unable; the request had no effect.
TRANSIENT_CODES = frozenset({100, 101, 300, 301, 429, 503})
AUTH_CODES = frozenset({200, 201, 203})
# The server lost the uploaded file or task: upload again, then send.
REUPLOAD_CODES = frozenset({308, 311, 404, 405, 407})


class Outcome(StrEnum):
    TRANSIENT = "transient"
    AMBIGUOUS = "ambiguous"
    AUTH = "auth"
    REUPLOAD = "reupload"
    DEFINITIVE = "definitive"


class ConnectionDropped(ConnectionError):
    """The author's WebSocket closed while a request was in flight: its effect is unknown."""


class SessionUnavailable(Exception):
    """An author's session cannot be opened (no usable token or password, or sign-in refused)."""

    def __init__(self, login: str, reason: str) -> None:
        super().__init__(f"{login}: {reason}")
        self.login = login
        self.reason = reason


def classify(error: BaseException) -> Outcome:
    if isinstance(error, ApiErrorException):
        code = int(error.code)
        if code in TRANSIENT_CODES or _looks_rate_limited(error):
            return Outcome.TRANSIENT
        if code in AUTH_CODES:
            return Outcome.AUTH
        if code in REUPLOAD_CODES:
            return Outcome.REUPLOAD
        return Outcome.DEFINITIVE
    if isinstance(error, FileUploadError):
        return Outcome.TRANSIENT
    if isinstance(error, ConnectionDropped | TimeoutError | WSConnectionError | ConnectionError):
        return Outcome.AMBIGUOUS
    if isinstance(error, OSError):
        return Outcome.AMBIGUOUS
    return Outcome.DEFINITIVE


def certificate_error(error: BaseException) -> BaseException | None:
    """The TLS certificate failure behind ``error`` (its causes included), or None."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError) or (
            "CERTIFICATE_VERIFY_FAILED" in str(current)
        ):
            return current
        current = current.__cause__ or current.__context__
    return None


def _looks_rate_limited(error: ApiErrorException) -> bool:
    payload = error.payload if isinstance(error.payload, dict) else {}
    text = " ".join(str(payload.get(k, "")) for k in ("errorDescription", "errorText")).lower()
    return "rate" in text or "too many" in text or "retryafter" in text.replace(" ", "")


def describe(error: BaseException) -> str:
    """A short reason for reports and logs (secrets are redacted by the caller's filter)."""
    if isinstance(error, ApiErrorException):
        return f"server error {error.code}: {error.detail}"
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text}" if str(error) else text


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential back-off with full jitter: attempt n waits U(0, min(cap, base·2ⁿ))."""

    base_seconds: float = 0.2
    cap_seconds: float = 5.0
    attempts: int = 8

    def delay(self, attempt: int, *, rng: random.Random | None = None) -> float:
        ceiling = min(self.cap_seconds, self.base_seconds * (2**attempt))
        return (rng or random).uniform(ceiling / 2, ceiling)

    async def sleep(self, attempt: int) -> None:
        await asyncio.sleep(self.delay(attempt))
