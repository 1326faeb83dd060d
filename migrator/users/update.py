"""parse_users.py's work: read the export, merge its people into ``[users]``, save atomically."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from migrator.config.document import ConfigDocument
from migrator.config.model import UserMatch
from migrator.i18n import CATALOGUE, tr
from migrator.plan_chats import ChatFacts, ChatPlanUpdate, plan_update
from migrator.telegram.model import Message
from migrator.users.collect import People, collect_people
from migrator.users.export import read_all_chats, read_messages, read_people_fast
from migrator.users.mapping import MatchSummary, map_onto_accounts
from migrator.users.matching import Account
from migrator.users.merge import PasswordFactory, UsersUpdate, plan_users, random_password

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class UsersRun:
    people: People
    update: UsersUpdate
    saved: bool
    matching: MatchSummary | None = None  # with --match-server
    undecided: tuple[str, ...] = ()  # entries with match = "check" after this run
    chats: ChatPlanUpdate | None = None  # the [chats] plan, for a full-account export


def merge_people(
    document: ConfigDocument,
    messages: Iterable[Message],
    *,
    password_factory: PasswordFactory = random_password,
    accounts: Sequence[Account] | None = None,
    chat_facts: Sequence[ChatFacts] | None = None,
) -> UsersRun:
    """Collect the people of ``messages`` into ``document`` and save it if anything changed.

    With ``accounts`` (the server's), people are mapped onto the accounts they surely are.
    With ``chat_facts`` (filled in by the time ``messages`` is consumed), ``[chats]`` is
    merged too.
    """
    return merge_collected(
        document,
        collect_people(messages),
        password_factory=password_factory,
        accounts=accounts,
        chat_facts=chat_facts,
    )


def merge_collected(
    document: ConfigDocument,
    people: People,
    *,
    password_factory: PasswordFactory = random_password,
    accounts: Sequence[Account] | None = None,
    chat_facts: Sequence[ChatFacts] | None = None,
) -> UsersRun:
    """``merge_people`` for people collected already."""
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
    chats = None if chat_facts is None else _merge_chats(document, chat_facts)
    changed = bool(update.changes) or (chats is not None and bool(chats.added or chats.gone))
    if changed:
        document.save()
    undecided = tuple(
        login
        for login, user in document.config().users.items()
        if user.match is UserMatch.CHECK and not user.existing
    )
    return UsersRun(people, update, changed, matching, undecided, chats)


def _merge_chats(document: ConfigDocument, facts: Sequence[ChatFacts]) -> ChatPlanUpdate:
    plan = plan_update(document.config(), facts)
    for chat in plan.added:
        logger.info("adding [chats.%s] for %r", chat.key, chat.fields["name"])
        document.add_chat(chat.key, chat.fields, chat.comments)
    # A mark written earlier in the other interface language counts as there.
    written = (CATALOGUE["chats_plan.gone"].en, CATALOGUE["chats_plan.gone"].ru)
    gone = tr("chats_plan.gone")
    plan.gone = [key for key in plan.gone if document.mark_chat(key, gone, same_as=written)]
    return plan


def update_users_from_export(
    config_path: Path,
    *,
    chat: str | None = None,
    password_factory: PasswordFactory = random_password,
    match_server: bool = False,
    all_chats: bool = False,
) -> UsersRun:
    """Read the export named in the config and merge its people into the config's ``[users]``;
    with ``match_server``, onto the accounts the server already has. Every chat of a
    full-account export (unless ``chat`` names one) is also planned in ``[chats]``."""
    document = ConfigDocument.load(config_path)
    config = document.config()
    whole = read_all_chats(config, config_path, all_chats=all_chats, chat=chat)
    facts: list[ChatFacts] | None = None
    messages: Iterable[Message] = ()
    people = None
    if whole is not None:
        facts, messages = whole
    else:
        people = read_people_fast(config, config_path, chat)
        if people is None:
            messages = read_messages(config, config_path, chat)
    accounts = None
    if match_server:
        from migrator.users.server_accounts import read_server_accounts  # httpx: only when asked

        accounts = read_server_accounts(config, config_dir=config_path.resolve().parent)
    if people is None:
        people = collect_people(messages)
    return merge_collected(
        document, people, password_factory=password_factory, accounts=accounts, chat_facts=facts
    )
