"""Mapping the people of ``[users]`` onto the server's existing accounts (``--match-server``). Pure.

Takes what ``plan_users`` would write and the server's accounts, and changes it:

- a new person with a *sure* match gets the account's login as the key, ``existing = true`` and
  no password, with a comment saying how it was matched;
- a new person with an *ambiguous* match keeps a generated login, gets no password and
  ``match = "check"``, with a comment naming every candidate: nothing is merged;
- an entry made by an earlier run without ``--match-server`` (its key still the generated login,
  no token, not on the server) is mapped or flagged the same way;
- everything else the administrator has touched is left alone: ``existing = true``, any ``match``
  value, a key that is not the generated login, a token, a login the server has.

An account that is the sure match of two people, or that is already a key of ``[users]``, makes
the match ambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from migrator.config.model import Config, UserConfig, UserMatch, UserType, UserValue
from migrator.i18n import tr
from migrator.users.collect import Person
from migrator.users.logins import with_suffix
from migrator.users.matching import Account, Basis, Candidate, Grade, Match, match_person
from migrator.users.merge import UserChange, UsersUpdate, wanted_login

_NUMBERED = re.compile(r".+_(\d+)")

# Comments written into [users] are in the interface language; the catalogue keys of their parts.
_TEXTS = {
    "how": "users_match.how",
    Basis.EMAIL: "users_match.email",
    Basis.NAME: "users_match.name",
    Basis.LOGIN: "users_match.login",
    "taken": "users_match.taken",
    "twice": "users_match.twice",
}


@dataclass(slots=True)
class MatchSummary:
    """How the people looked up on the server were graded (logins as written)."""

    sure: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    none: list[str] = field(default_factory=list)
    accounts: int = 0  # accounts the server listed


def _generated_for(login: str, person: Person) -> bool:
    base = wanted_login(person)
    if login == base:
        return True
    numbered = _NUMBERED.fullmatch(login)
    return numbered is not None and with_suffix(base, int(numbered.group(1))) == login


def _eligible(login: str, user: UserConfig, person: Person, server: set[str]) -> bool:
    return (
        user.type == UserType.USER
        and not person.deleted
        and not user.existing
        and user.match is UserMatch.AUTO
        and not user.access_token
        and login.lower() not in server
        and _generated_for(login, person)
    )


def _describe(candidate: Candidate, texts: dict[str, str]) -> str:
    shown = f'{candidate.account.login} "{candidate.account.display_name}"'
    return f"{shown} ({texts[candidate.basis]})"


def _sure_comment(candidate: Candidate, texts: dict[str, str]) -> str:
    return tr(
        "users_match.sure",
        basis=texts[candidate.basis],
        name=candidate.name,
        login=candidate.account.login,
        display=candidate.account.display_name,
    )


def _check_comments(match: Match, reason: str | None, texts: dict[str, str]) -> tuple[str, ...]:
    listed = ", ".join(_describe(candidate, texts) for candidate in match.candidates)
    if reason is not None:
        listed += f" — {texts[reason]}"
    return (tr("users_match.check", candidates=listed), texts["how"])


@dataclass(frozen=True, slots=True)
class _Looked:
    change: UserChange  # what plan_users would write (for an entry in [users]: no fields)
    match: Match
    existing: bool  # the entry is in [users] already


def _looked_up(update: UsersUpdate, config: Config, accounts: Sequence[Account]) -> list[_Looked]:
    server = {account.login.lower() for account in accounts}
    looked: list[_Looked] = []
    for change in update.added:
        if change.fields.get("type") == UserType.USER.value and not change.person.deleted:
            looked.append(_Looked(change, match_person(change.person.names, accounts), False))
    for login, person in update.kept_people.items():
        if _eligible(login, config.users[login], person, server):
            change = UserChange(login, {}, person)
            looked.append(_Looked(change, match_person(person.names, accounts), True))
    return looked


def map_onto_accounts(
    update: UsersUpdate, config: Config, accounts: Sequence[Account]
) -> MatchSummary:
    """Change ``update`` in place so that it maps people onto ``accounts``; grade each one."""
    texts = {what: tr(key) for what, key in _TEXTS.items()}
    looked = _looked_up(update, config, accounts)
    chosen = Counter(
        item.match.account.login.lower() for item in looked if item.match.account is not None
    )
    taken = {login.lower() for login in config.users}
    summary = MatchSummary(accounts=len(accounts))
    results: dict[str, UserChange] = {}  # login before matching → what to write instead
    for item in looked:
        change, match, account = item.change, item.match, item.match.account
        reason = None
        if account is not None and chosen[account.login.lower()] > 1:
            reason = "twice"
        elif account is not None and account.login.lower() in taken:
            reason = "taken"
        if match.grade is Grade.NONE:
            summary.none.append(change.login)
        elif account is not None and reason is None:
            summary.sure.append(account.login)
            results[change.login] = _mapped(item, account, texts)
        else:
            summary.ambiguous.append(change.login)
            results[change.login] = replace(
                change,
                fields=_without_password(change.fields) | {"match": UserMatch.CHECK.value},
                comments=_check_comments(match, reason, texts),
            )
    _apply(update, config, results, existing={i.change.login for i in looked if i.existing})
    return summary


def _mapped(item: _Looked, account: Account, texts: dict[str, str]) -> UserChange:
    change = item.change
    comments = (_sure_comment(item.match.candidates[0], texts),)
    fields = _without_password(change.fields) | {"existing": True}
    if item.existing:
        return UserChange(
            account.login,
            fields,
            change.person,
            comments=comments,
            renamed_from=change.login,
            drop=("password",),
        )
    return replace(change, login=account.login, fields=fields, comments=comments)


def _without_password(fields: dict[str, UserValue]) -> dict[str, UserValue]:
    return {key: value for key, value in fields.items() if key != "password"}


def _apply(
    update: UsersUpdate, config: Config, results: dict[str, UserChange], *, existing: set[str]
) -> None:
    """Put the results in ``update``; passwords generated for them are not written after all."""
    replaced = [c for c in update.added if c.login in results]
    replaced += [c for c in update.filled if c.login in results]
    if not config.registration.default_password:
        update.generated_passwords -= sum("password" in change.fields for change in replaced)
    update.added = [results.get(change.login, change) for change in update.added]
    update.filled = [change for change in update.filled if change.login not in results]
    update.matched = [change for login, change in results.items() if login in existing]
    moved = {old for old, change in results.items() if change.login != old}
    update.collisions = [pair for pair in update.collisions if pair[1] not in moved]
