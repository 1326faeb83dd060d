"""parse_users.py's work: read the export, merge its people into ``[users]``, save atomically."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from migrator.config.document import ConfigDocument
from migrator.telegram.model import Message
from migrator.users.collect import People, collect_people
from migrator.users.export import read_messages
from migrator.users.merge import PasswordFactory, UsersUpdate, plan_users, random_password

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class UsersRun:
    people: People
    update: UsersUpdate
    saved: bool


def merge_people(
    document: ConfigDocument,
    messages: Iterable[Message],
    *,
    password_factory: PasswordFactory = random_password,
) -> UsersRun:
    """Collect the people of ``messages`` into ``document`` and save it if anything changed."""
    people = collect_people(messages)
    update = plan_users(people, document.config(), password_factory=password_factory)
    for change in update.added:
        logger.info(
            "adding [users.%s] for %s (%s)",
            change.login,
            change.fields["telegram_id"],
            change.fields["display_name"],
        )
    for change in update.changes:
        document.set_user(change.login, **change.fields)
    if update.changes:
        document.save()
    return UsersRun(people, update, saved=bool(update.changes))


def update_users_from_export(
    config_path: Path,
    *,
    chat: str | None = None,
    password_factory: PasswordFactory = random_password,
) -> UsersRun:
    """Read the export named in the config and merge its people into the config's ``[users]``."""
    document = ConfigDocument.load(config_path)
    messages = read_messages(document.config(), config_path, chat)
    return merge_people(document, messages, password_factory=password_factory)
