"""Which accounts to create, decided from config.toml alone (no I/O).

Every entry whose login the server would reject, or that has no password, is refused here with
the reason, so that no request is ever sent for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.config.model import Config, UserMatch, UserType
from migrator.errors import ConfigError
from migrator.secrets import register_secret
from migrator.server_api.models import NewUser
from migrator.users.logins import validate_login

_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")


@dataclass(frozen=True, slots=True)
class RefusedUser:
    login: str
    reason: str


@dataclass(frozen=True, slots=True)
class AccountPlan:
    users: tuple[NewUser, ...]
    refused: tuple[RefusedUser, ...]
    # Entries of deleted Telegram accounts: nobody can sign in as them, so no account is created
    # and build_chat.py posts their messages as the chat owner, with the name shown.
    placeholders: tuple[str, ...] = ()
    # Entries mapped onto accounts the server has already (existing = true): never created,
    # never given a password; the run only checks that the account is there.
    mapped: tuple[str, ...] = ()
    # Entries with match = "check": parse_users.py --match-server found several possible
    # accounts and the administrator has not chosen yet, so nothing is created for them.
    undecided: tuple[str, ...] = ()


def needs_server_name(config: Config) -> bool:
    """Whether e-mail addresses take the server's name (no ``[registration] email_domain``)."""
    return not config.registration.email_domain.strip()


def email_domain(config: Config, *, server_name: str) -> str:
    configured = config.registration.email_domain.strip().lstrip("@")
    if configured:
        if not _DOMAIN.fullmatch(configured):
            raise ConfigError(
                f"[registration] email_domain {config.registration.email_domain!r} in config.toml "
                "is not a domain name",
                hint='write only the part after @, e.g. email_domain = "example.com", '
                "or leave it empty to use the server's name",
            )
        return configured
    return server_name


def plan_accounts(config: Config, *, server_name: str) -> AccountPlan:
    """The accounts of ``[users]``, in config order, split into creatable and refused ones."""
    domain = email_domain(config, server_name=server_name)
    default_password = config.registration.default_password
    register_secret(default_password)
    users: list[NewUser] = []
    refused: list[RefusedUser] = []
    placeholders: list[str] = []
    mapped: list[str] = []
    undecided: list[str] = []
    for login, entry in config.users.items():
        if entry.type == UserType.DELETED:
            placeholders.append(login)
            continue
        if entry.existing:
            mapped.append(login)
            continue
        if entry.match is UserMatch.CHECK:
            undecided.append(login)
            continue
        broken_rule = validate_login(login)
        if broken_rule is not None:
            refused.append(RefusedUser(login, f"login [users.{login}] is not valid: {broken_rule}"))
            continue
        password = entry.password or default_password
        if not password:
            refused.append(
                RefusedUser(
                    login,
                    f"no password: set password in [users.{login}] "
                    "or default_password in [registration]",
                )
            )
            continue
        register_secret(password)
        users.append(
            NewUser(
                login=login,
                display_name=entry.display_name.strip() or login,
                email=f"{login}@{domain}",
                password=password,
            )
        )
    return AccountPlan(
        users=tuple(users),
        refused=tuple(refused),
        placeholders=tuple(placeholders),
        mapped=tuple(mapped),
        undecided=tuple(undecided),
    )
