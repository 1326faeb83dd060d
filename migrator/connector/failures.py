"""The client library's errors turned, at the door, into ``migrator.retry.ServerFailure``.

For a read the kind hardly matters (anything but a refusal is repeated); for a change it decides
whether the request is repeated at once (``NOT_APPLIED``) or looked for first (``UNKNOWN``):
a timeout, a dropped socket, 100/101 (connection), 300 (internal error), 301 (operation timeout,
also the emulator's rate limit) and every error this module does not recognise.
"""

from __future__ import annotations

import ssl

from trueconf.exceptions import ApiErrorException, FileUploadError

from migrator.i18n import tr
from migrator.retry import FailureKind, RetryFailed, ServerFailure

AUTH_CODES = frozenset({200, 201, 203})
# The server lost the uploaded file or task: upload again, then send (nothing was posted).
REUPLOAD_CODES = frozenset({308, 311, 404, 405, 407})
# Answers that say the request was not carried out (busy).
BUSY_CODES = frozenset({429, 503})


class ConnectionDropped(ConnectionError):
    """The author's WebSocket closed while a request was in flight: its effect is unknown."""


class SessionUnavailable(Exception):
    """An author's session cannot be opened (no usable token or password, or sign-in refused)."""

    def __init__(self, login: str, reason: str) -> None:
        super().__init__(f"{login}: {reason}")
        self.login = login
        self.reason = reason


def server_failure(error: Exception) -> ServerFailure:
    """The classified form of a failure of the library (or of the socket under it)."""
    if isinstance(error, ServerFailure):
        return error
    if isinstance(error, ApiErrorException):
        code = int(error.code)
        reason = tr("reason.server_error", code=code, detail=error.detail)
        retry_after = _retry_after(error)
        if code in AUTH_CODES:
            kind = FailureKind.AUTH
        elif code in REUPLOAD_CODES or code in BUSY_CODES:
            kind = FailureKind.NOT_APPLIED
        elif code in (100, 101, 300, 301) or retry_after is not None:
            kind = FailureKind.UNKNOWN
        else:
            kind = FailureKind.REFUSED
        return ServerFailure(kind, reason, code=code, retry_after=retry_after)
    if isinstance(error, FileUploadError):
        return ServerFailure(FailureKind.NOT_APPLIED, describe(error))
    return ServerFailure(FailureKind.UNKNOWN, describe(error))


def _retry_after(error: ApiErrorException) -> float | None:
    payload = error.payload if isinstance(error.payload, dict) else {}
    value = payload.get("retryAfter")
    return value / 1000 if isinstance(value, int | float) and value > 0 else None


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


def describe(error: BaseException) -> str:
    """A short reason for reports and logs (secrets are redacted by the caller's filter)."""
    if isinstance(error, ServerFailure | RetryFailed):
        return str(error)
    if isinstance(error, ApiErrorException):
        return tr("reason.server_error", code=error.code, detail=error.detail)
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text}" if str(error) else text
