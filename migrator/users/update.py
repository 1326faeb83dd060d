"""parse_users.py's work: read the export, merge its people into ``[users]``, save atomically."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from migrator.config.document import ConfigDocument
from migrator.config.model import UserMatch
from migrator.telegram.model import Message
from migrator.users.collect import People, collect_people
from migrator.users.export import read_messages
from migrator.users.mapping import MatchSummary, map_onto_accounts
from migrator.users.matching import Account
from migrator.users.merge import PasswordFactory, UsersUpdate, plan_users, random_password
from migrator.users.server_accounts import read_server_accounts

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class UsersRun:
    people: People
    update: UsersUpdate
    saved: bool
    matching: MatchSummary | None = None  # with --match-server
    undecided: tuple[str, ...] = ()  # entries with match = "check" after this run


def merge_people(
    document: ConfigDocument,
    messages: Iterable[Message],
    *,
    password_factory: PasswordFactory = random_password,
    accounts: Sequence[Account] | None = None,
) -> UsersRun:
    """Collect the people of ``messages`` into ``document`` and save it if anything changed.

    With ``accounts`` (the server's), people are mapped onto the accounts they surely are.
    """
    people = collect_people(messages)
    config = document.config()
    reserved = [account.login for account in accounts or ()]
    update = plan_users(people, config, password_factory=password_factory, reserved=reserved)
    matching = None if accounts is None else map_onto_accounts(update, config, accounts)
    for change in update.added:
        logger.info(
            "adding [users.%s] for %s (%s)",
            change.login,
            change.fields["telegram_id"],
            change.fields["display_name"],
        )
    for change in update.changes:
        if change.renamed_from is not None:
            document.rename_user(
                change.renamed_from, change.login, drop=change.drop, values=change.fields
            )
        else:
            document.set_user(change.login, **change.fields)
        if change.comments:
            document.comment_user(change.login, change.comments)
    if update.changes:
        document.save()
    undecided = tuple(
        login
        for login, user in document.config().users.items()
        if user.match is UserMatch.CHECK and not user.existing
    )
    return UsersRun(people, update, bool(update.changes), matching, undecided)


def update_users_from_export(
    config_path: Path,
    *,
    chat: str | None = None,
    password_factory: PasswordFactory = random_password,
    match_server: bool = False,
) -> UsersRun:
    """Read the export named in the config and merge its people into the config's ``[users]``;
    with ``match_server``, onto the accounts the server already has."""
    document = ConfigDocument.load(config_path)
    config = document.config()
    messages = read_messages(config, config_path, chat)
    accounts = None
    if match_server:
        accounts = read_server_accounts(config, config_dir=config_path.resolve().parent)
    return merge_people(document, messages, password_factory=password_factory, accounts=accounts)
