"""``parse_users.py --import-tokens DIR``: token files from the token page → ``[users]``.

Matching is by login. A token is taken only when it is well-formed and not expired; a token that
lives shorter than the one already in the config does not replace it. Files for logins that are
not in ``[users]`` are reported, not added.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from migrator.config.document import ConfigDocument
from migrator.config.model import Config
from migrator.errors import MigratorError
from migrator.intake.token_files import TokenFile, UnusableFile, read_token_file, token_file_paths
from migrator.tokens import SOON_EXPIRING_SECONDS, TokenState, check_token, login_part


class ImportOutcome(StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "already in config"
    OLDER = "older than the config's"
    UNKNOWN_LOGIN = "unknown login"
    EXPIRED = "expired"
    MALFORMED = "malformed token"
    UNUSABLE = "unusable file"


_ACCEPTED = frozenset({ImportOutcome.IMPORTED, ImportOutcome.UNCHANGED, ImportOutcome.OLDER})


@dataclass(frozen=True, slots=True)
class ImportResult:
    file: Path
    login: str | None
    outcome: ImportOutcome
    expires_at: int | None = None
    note: str | None = None  # why, or a warning; never contains the token

    @property
    def accepted(self) -> bool:
        return self.outcome in _ACCEPTED


def _host(address: str) -> str:
    return (urlsplit("//" + address.strip()).hostname or address).lower()


def _find_login(config: Config, login: str) -> str | None:
    if login in config.users:
        return login
    folded = {name.lower(): name for name in config.users}
    return folded.get(login.lower())


def _warnings(token_file: TokenFile, login: str, config: Config, subject: str | None) -> list[str]:
    notes = []
    if subject and login_part(subject) != login_part(login):
        notes.append(f"the token names '{subject}', not '{login}': check it is this person's")
    address = config.server.address
    if token_file.server and address and _host(token_file.server) != _host(address):
        notes.append(f"issued by {token_file.server}, but [server] address is {address}")
    return notes


def plan_token_import(
    files: Sequence[TokenFile | UnusableFile], config: Config, *, now: float | None = None
) -> tuple[list[ImportResult], dict[str, str]]:
    """Each file's outcome, and the ``login → access_token`` values to write. Pure."""
    current = time.time() if now is None else now
    tokens = {login: user.access_token for login, user in config.users.items()}
    results: list[ImportResult] = []
    for item in files:
        if isinstance(item, UnusableFile):
            results.append(ImportResult(item.path, None, ImportOutcome.UNUSABLE, note=item.problem))
            continue
        check = check_token(item.access_token, now=current)
        login = _find_login(config, item.login)
        if check.state is TokenState.MALFORMED:
            result = ImportResult(
                item.path, item.login, ImportOutcome.MALFORMED, note=check.problem
            )
        elif check.state is TokenState.EXPIRED:
            result = ImportResult(
                item.path,
                item.login,
                ImportOutcome.EXPIRED,
                check.expires_at,
                "ask this person for a new token from the token page",
            )
        elif login is None:
            result = ImportResult(
                item.path,
                item.login,
                ImportOutcome.UNKNOWN_LOGIN,
                check.expires_at,
                "no such entry in [users]: run parse_users.py first, or fix the login",
            )
        else:
            result = _accept(item, login, tokens, config, check.expires_at, check.subject, current)
            if result.outcome is ImportOutcome.IMPORTED:
                tokens[login] = item.access_token
        results.append(result)
    config_tokens = {login: user.access_token for login, user in config.users.items()}
    changed = {login: token for login, token in tokens.items() if config_tokens[login] != token}
    return results, changed


def _accept(
    item: TokenFile,
    login: str,
    tokens: dict[str, str],
    config: Config,
    expires_at: int | None,
    subject: str | None,
    now: float,
) -> ImportResult:
    notes = _warnings(item, login, config, subject)
    if expires_at is not None and expires_at - now < SOON_EXPIRING_SECONDS:
        notes.append(f"expires in {max(0, int((expires_at - now) // 3600))} hours")
    note = "; ".join(notes) or None
    existing = tokens[login]
    if existing == item.access_token:
        return ImportResult(item.path, login, ImportOutcome.UNCHANGED, expires_at, note)
    held = check_token(existing, now=now)
    if (
        held.state in (TokenState.VALID, TokenState.SOON_EXPIRING)
        and held.expires_at is not None
        and expires_at is not None
        and held.expires_at > expires_at
    ):
        return ImportResult(item.path, login, ImportOutcome.OLDER, expires_at, note)
    return ImportResult(item.path, login, ImportOutcome.IMPORTED, expires_at, note)


def import_tokens(
    config_path: Path, source: Path, *, now: float | None = None
) -> list[ImportResult]:
    """Merge the token files in ``source`` (a folder or one file) into ``[users]``."""
    if not source.exists():
        raise MigratorError(
            f"{source}: no such folder",
            hint="pass the folder where you collected the <login>.toml files from the token page",
        )
    paths = token_file_paths(source)
    if not paths:
        raise MigratorError(
            f"{source}: no .toml files in it",
            hint="the token page downloads <login>.toml; put those files in this folder",
        )
    document = ConfigDocument.load(config_path)
    results, changed = plan_token_import(
        [read_token_file(path) for path in paths], document.config(), now=now
    )
    for login, token in changed.items():
        document.set_user(login, access_token=token)
    if changed:
        document.save()
    return results
