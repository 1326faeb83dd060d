"""Merging the people of an export into ``[users]``. Pure: returns what to write, writes nothing.

Existing entries are the administrator's: their login, token, password, display name and any
other edit stay; only keys left empty are filled. New people get a fresh login in order of first
appearance (``_2``, ``_3``, … on a clash). Nobody is removed: entries whose Telegram id is not in
this export are listed instead.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from migrator.config.model import Config, Language, UserConfig, UserMatch, UserType, UserValue
from migrator.telegram.model import PeerKind
from migrator.users.collect import People, Person
from migrator.users.logins import login_from_name, unique_login
from migrator.users.lookup import logins_by_telegram_id

PasswordFactory = Callable[[], str]

_PLACEHOLDER_NAMES = {
    Language.EN: {
        "deleted": "Deleted account {id}",
        "channel": "Channel {id}",
        "chat": "Group {id}",
    },
    Language.RU: {
        "deleted": "Удалённый аккаунт {id}",
        "channel": "Канал {id}",
        "chat": "Группа {id}",
    },
}


def random_password() -> str:
    """A strong password for one account (16 URL-safe characters, 96 random bits)."""
    return secrets.token_urlsafe(12)


@dataclass(frozen=True, slots=True)
class UserChange:
    """Keys to set on one ``[users.<login>]`` entry (moved there from ``renamed_from``)."""

    login: str
    fields: dict[str, UserValue]
    person: Person
    comments: tuple[str, ...] = ()  # written at the top of the entry
    renamed_from: str | None = None
    drop: tuple[str, ...] = ()  # keys of the renamed entry to leave out


@dataclass(slots=True)
class UsersUpdate:
    added: list[UserChange] = field(default_factory=list)
    filled: list[UserChange] = field(default_factory=list)  # existing entries, empty keys filled
    kept: list[str] = field(default_factory=list)  # existing entries matched by Telegram id
    kept_people: dict[str, Person] = field(default_factory=dict)  # login → its person
    collisions: list[tuple[str, str]] = field(default_factory=list)  # (wanted login, given login)
    placeholders: list[str] = field(default_factory=list)  # logins of deleted accounts
    not_in_export: list[str] = field(default_factory=list)
    generated_passwords: int = 0
    matched: list[UserChange] = field(default_factory=list)  # existing entries mapped or flagged

    @property
    def changes(self) -> list[UserChange]:
        return [*self.added, *self.filled, *self.matched]


def user_type(person: Person) -> UserType:
    if person.deleted:
        return UserType.DELETED
    return {
        PeerKind.USER: UserType.USER,
        PeerKind.CHANNEL: UserType.CHANNEL,
        PeerKind.CHAT: UserType.CHAT,
    }[person.peer.kind]


def display_name(person: Person, language: Language) -> str:
    """The Telegram name as written, or a clear placeholder when the export has none."""
    if person.name:
        return person.name
    kind = "deleted" if person.deleted else person.peer.kind.value
    template = _PLACEHOLDER_NAMES[language].get(kind, _PLACEHOLDER_NAMES[language]["deleted"])
    return template.format(id=person.peer.id)


def wanted_login(person: Person) -> str:
    """The login before collisions: transliterated name, else a kind-and-id placeholder."""
    if person.deleted:
        return f"deleted_{person.peer.id}"
    return login_from_name(person.name) or f"{person.peer.kind.value}_{person.peer.id}"


class _Passwords:
    def __init__(self, config: Config, factory: PasswordFactory) -> None:
        self.default = config.registration.default_password
        self.factory = factory
        self.generated = 0

    def next(self) -> str:
        if self.default:
            return self.default
        self.generated += 1
        return self.factory()


def _fill_empty(existing: UserConfig, wanted: dict[str, str]) -> dict[str, UserValue]:
    return {key: value for key, value in wanted.items() if not getattr(existing, key)}


def needs_password(user: UserConfig) -> bool:
    """Whether an entry is an account to create: not an existing one, not undecided."""
    return not user.existing and user.match is not UserMatch.CHECK


def plan_users(
    people: People,
    config: Config,
    *,
    password_factory: PasswordFactory = random_password,
    reserved: Collection[str] = (),
) -> UsersUpdate:
    """What to add to and fill in ``[users]`` so every collected person has an entry.

    New logins avoid the keys of ``[users]`` and ``reserved`` (the server's existing logins).
    """
    update = UsersUpdate()
    auto = config.registration.auto
    passwords = _Passwords(config, password_factory)
    known = logins_by_telegram_id(config)
    taken = set(config.users) | {login.lower() for login in reserved}
    seen: set[str] = set()
    for person in people.persons:
        peer = str(person.peer)
        seen.add(peer)
        wanted = {
            "display_name": display_name(person, config.chat.language),
            "telegram_id": peer,
            "type": user_type(person).value,
        }
        login = known.get(peer)
        if login is not None:
            update.kept.append(login)
            update.kept_people[login] = person
            existing = config.users[login]
            fill = _fill_empty(existing, wanted)
            fill.pop("telegram_id", None)
            if auto and not existing.password and not person.deleted and needs_password(existing):
                fill["password"] = passwords.next()
            if fill:
                update.filled.append(UserChange(login, fill, person))
            continue
        base = wanted_login(person)
        login = unique_login(base, taken)
        taken.add(login)
        if login != base:
            update.collisions.append((base, login))
        if person.deleted:
            update.placeholders.append(login)
        fields: dict[str, UserValue] = {"display_name": wanted["display_name"]}
        if auto and not person.deleted:  # nobody can sign in as a deleted account
            fields["password"] = passwords.next()
        fields |= {"access_token": "", "telegram_id": peer, "type": wanted["type"]}
        update.added.append(UserChange(login, fields, person))
    update.not_in_export = [login for peer, login in known.items() if peer not in seen]
    update.generated_passwords = passwords.generated
    return update
