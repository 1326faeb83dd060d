"""Existing accounts to seed the emulator with (``--users-file FILE``), as a company directory.

The file is CSV in UTF-8 (a byte-order mark, as Excel writes, is accepted) with a header line::

    login,display_name,email,password
    i.petrov,Петров Иван,i.petrov@corp.example,
    a.smirnova,Anna Smirnova,a.smirnova@corp.example,Secret-1

``display_name``, ``email`` and ``password`` may be empty or left out; an account without a
password cannot sign in by password (its token is issued through the admin side, as for LDAP).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from migrator.emulator.state import ServerState, UserExists

COLUMNS = ("login", "display_name", "email", "password")
_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class DirectoryError(ValueError):
    """The users file cannot be read; the message names the file and the line."""


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    login: str
    display_name: str = ""
    email: str = ""
    password: str = field(default="", repr=False)


def parse_users_csv(text: str, *, source: str) -> list[DirectoryEntry]:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    if "login" not in header or set(header) - set(COLUMNS):
        raise DirectoryError(
            f"{source}: the first line must name the columns {','.join(COLUMNS)} "
            f"(login is required), not {','.join(header) or 'nothing'}"
        )
    entries: list[DirectoryEntry] = []
    seen: set[str] = set()
    for row in reader:
        values = {
            (key or "").strip(): (value or "").strip()
            for key, value in row.items()
            if isinstance(value, str)
        }
        line = reader.line_num
        login = values.get("login", "")
        if not _LOGIN.fullmatch(login):
            raise DirectoryError(f"{source}, line {line}: {login!r} is not a login")
        if login.lower() in seen:
            raise DirectoryError(f"{source}, line {line}: the login {login!r} is listed twice")
        seen.add(login.lower())
        entries.append(
            DirectoryEntry(
                login=login,
                display_name=values.get("display_name", ""),
                email=values.get("email", ""),
                password=values.get("password", ""),
            )
        )
    return entries


def read_users_file(path: Path) -> list[DirectoryEntry]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DirectoryError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise DirectoryError(f"{path}: not UTF-8 text; save it in the UTF-8 encoding") from None
    return parse_users_csv(text, source=str(path))


def seed_users(state: ServerState, entries: list[DirectoryEntry]) -> int:
    """Add the accounts not on the server yet (existing ones are kept); returns how many."""
    added = 0
    for entry in entries:
        try:
            state.add_user(
                entry.login, entry.password, display_name=entry.display_name, email=entry.email
            )
        except UserExists:
            continue
        added += 1
    return added
