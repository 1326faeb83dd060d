"""Reading the ``<login>.toml`` files the token page downloads.

The page writes::

    # TrueConf Chatbot Connector token …
    login = "ivan_petrov"
    server = "tc.example.com"
    access_token = "eyJ…"
    expires_at = "2026-12-25T10:00:00Z"

Unknown keys are ignored. A file that cannot be used is described, never fatal: one bad file in a
folder of fifty must not stop the others. The token itself is registered as a secret on read and
never appears in a description.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from migrator.i18n import tr
from migrator.secrets import register_secret


@dataclass(frozen=True, slots=True)
class TokenFile:
    path: Path
    login: str
    access_token: str
    server: str = ""


@dataclass(frozen=True, slots=True)
class UnusableFile:
    path: Path
    problem: str


def read_token_file(path: Path) -> TokenFile | UnusableFile:
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except OSError as exc:
        return UnusableFile(path, tr("token_file.unreadable", reason=exc.strerror))
    except UnicodeDecodeError:
        return UnusableFile(path, tr("token_file.not_utf8"))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return UnusableFile(path, tr("token_file.not_toml", error=exc))
    token = data.get("access_token")
    if isinstance(token, str):
        register_secret(token.strip())
    login = data.get("login")
    if not isinstance(token, str) or not token.strip():
        return UnusableFile(path, tr("token_file.no_token"))
    if not isinstance(login, str) or not login.strip():
        return UnusableFile(path, tr("token_file.no_login"))
    server = data.get("server")
    return TokenFile(
        path,
        login=login.strip(),
        access_token=token.strip(),
        server=server.strip() if isinstance(server, str) else "",
    )


def token_file_paths(source: Path) -> list[Path]:
    """The ``*.toml`` files of a folder (sorted), or ``source`` itself when it is a file."""
    if source.is_file():
        return [source]
    return sorted(path for path in source.glob("*.toml") if path.is_file())
