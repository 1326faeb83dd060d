"""One error tree for everything the administrator may see.

Every error the scripts show is a ``MigratorError``: a message that says what went wrong
(naming the file and the field where there is one) and a hint that says how to fix it.
The scripts catch it once, print it, and exit non-zero. Messages must never contain secrets.
"""

from __future__ import annotations


class MigratorError(Exception):
    """An error with a user-facing message and an actionable hint."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n  → {self.hint}"
        return self.message


class ConfigError(MigratorError):
    """config.toml is missing, malformed, or has a wrong key or value."""


class ExportError(MigratorError):
    """The Telegram export cannot be read (malformed JSON, wrong encoding, missing file)."""


class ServerError(MigratorError):
    """TrueConf Server answered with an error or could not be reached."""

    exit_code = 3


class AuthError(ServerError):
    """Credentials were refused (wrong password, wrong OAuth client, expired token)."""


class MediaError(MigratorError):
    """A media conversion failed or a tool it needs (ffmpeg) is missing."""
