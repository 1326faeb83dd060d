"""Keeping secrets out of everything the tool prints or writes.

A process-wide registry of secret values (passwords, tokens, client secrets) is filled as soon as
they are read; ``redact`` replaces each with a marker, and JWT-shaped strings are masked even when
nobody registered them. ``RedactingFilter`` applies this to every log record, including those of
the client library and httpx.
"""

from __future__ import annotations

import logging
import re
import threading

_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
# access_token=… in URLs and form bodies; "password": "…" in JSON bodies the library logs
_QUERY_SECRET = re.compile(
    r"((?:access_token|client_secret|password|token)[\"']?\s*[=:]\s*[\"']?)([^&\"'\s,}]+)",
    re.IGNORECASE,
)
_MIN_SECRET_LENGTH = 4

_lock = threading.Lock()
_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret value so that ``redact`` hides it wherever it appears."""
    if value and len(value) >= _MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """Return ``text`` with every known secret, JWT and ``key=secret`` pair masked."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, "<redacted>")
    text = _JWT.sub("<redacted-token>", text)
    return _QUERY_SECRET.sub(lambda m: m.group(1) + "<redacted>", text)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the fully formatted message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Tracebacks are formatted later by the handler; pre-render and redact them now.
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        return True
