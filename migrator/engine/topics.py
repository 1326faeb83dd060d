"""``[chat] topics = "separate"``: a forum's plan cut into one TrueConf chat per topic (the
General topic stays in the main chat), and the refusal to change the mode once posts exist."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from migrator.config.model import Config, TopicsMode
from migrator.engine.plan_spool import PlanSpool
from migrator.engine.planning import PlannedChat
from migrator.errors import ConfigError
from migrator.i18n import tr
from migrator.ledger import Ledger
from migrator.plan.post import MessagePlan, PostKey, topic_chat_key
from migrator.report.index import IndexEntry
from migrator.report.ledger_view import LedgerChat
from migrator.send.chat_setup import TITLE_LIMIT
from migrator.telegram.model import LoadStats

_SEPARATOR = " / "


def topic_chat_title(chat_title: str, topic_title: str) -> str:
    """``<chat name> / <topic title>`` within TrueConf's title limit: the chat's name is
    shortened first (with "…"), so that topics of one forum stay told apart."""
    title = f"{chat_title}{_SEPARATOR}{topic_title}"
    if len(title) <= TITLE_LIMIT:
        return title
    room = TITLE_LIMIT - len(_SEPARATOR) - len(topic_title) - 1
    if room >= 1:
        return f"{chat_title[:room]}…{_SEPARATOR}{topic_title}"
    return title[: TITLE_LIMIT - 1] + "…"


def split_topics(config: Config, planned: PlannedChat) -> list[PlannedChat]:
    """The TrueConf chats one export chat becomes: itself, or in mode "separate" the main chat
    (messages outside any topic, left out when it has none) and one chat per topic, in the
    order the topics were created."""
    if config.chat.topics is not TopicsMode.SEPARATE:
        return [planned]
    main: list[MessagePlan] = []
    topics: dict[int, list[MessagePlan]] = {}
    titles: dict[int, str] = {}
    for plan in planned.plans:
        if plan.topic_id is None:
            main.append(plan)
            continue
        topics.setdefault(plan.topic_id, []).append(plan)
        titles.setdefault(plan.topic_id, plan.topic or "")
    if not topics:
        return [planned]
    chats = [_part(planned, main)] if main else []
    named: dict[str, int] = {}
    for topic_id, plans in topics.items():
        topic = titles[topic_id]
        # Topics of the same name get chats told apart: "Help", "Help (2)".
        same = named[topic.casefold()] = named.get(topic.casefold(), 0) + 1
        topic = topic if same == 1 else f"{topic} ({same})"
        part = _part(planned, plans, title=topic_chat_title(planned.spec.title, topic))
        chats.append(replace(part, stats=LoadStats(), topic_id=topic_id, topic_title=topic))
    # what the loader met is reported once, with the first chat
    chats[0] = replace(chats[0], stats=planned.stats)
    return chats


def _part(
    planned: PlannedChat, plans: Sequence[MessagePlan], *, title: str | None = None
) -> PlannedChat:
    part = PlanSpool(owner=planned.spec.owner)
    for plan in plans:
        part.add(plan)
    spec = replace(planned.spec, title=title or planned.spec.title, authors=frozenset(part.authors))
    return replace(planned, plans=part, spec=spec)


def as_topic_entry(entry: IndexEntry, planned: PlannedChat) -> IndexEntry:
    """The index entry of a planned chat, named as its forum topic's own chat where it is one."""
    if planned.topic_id is None:
        return entry
    return replace(
        entry,
        chat_key=planned.key,
        telegram_name=planned.name or planned.key,
        title=planned.spec.title,
    )


def topic_counts(parts: Sequence[PlannedChat]) -> list[tuple[str, int]]:
    """Each topic chat's title and how many messages were written in it (its creation aside)."""
    return [
        (part.spec.title, sum(plan.message_id != part.topic_id for plan in part.plans))
        for part in parts
        if part.topic_id is not None
    ]


def _in_topics(parts: Sequence[PlannedChat]) -> dict[int, int]:
    """Message id → its forum topic, over the whole export chat."""
    if not any(part.has_topics() for part in parts):
        return {}  # (without reading a long chat's plan again)
    return {
        plan.message_id: plan.topic_id
        for part in parts
        for plan in part.plans
        if plan.topic_id is not None
    }


def _other_mode_keys(chat_key: str, mode: TopicsMode, in_topics: dict[int, int]) -> list[str]:
    """The ledger chats where a run in the other mode put this forum's topic messages."""
    if mode is TopicsMode.SEPARATE:
        return [chat_key]  # mode "label": all in the main chat
    return sorted({topic_chat_key(chat_key, topic_id) for topic_id in in_topics.values()})


def check_topics_mode(
    config: Config,
    ledger: Ledger,
    server: str,
    parts: Sequence[PlannedChat],
    *,
    config_path: Path,
    start_afresh: bool,
) -> None:
    """Refuse a run whose ``[chat] topics`` differs from the one the ledger's posts of this
    chat were migrated with; ``start_afresh`` (``--new-chat``) forgets those posts instead."""
    in_topics = _in_topics(parts)
    if not in_topics:
        return
    chat, mode = parts[0].chat, config.chat.topics
    other = []
    for key in _other_mode_keys(chat.key, mode, in_topics):
        chat_ledger = ledger.chat(server=server, chat_key=key)
        records = chat_ledger.records()
        if mode is TopicsMode.SEPARATE:
            if any(post.message_id in in_topics for post in records):
                other.append(chat_ledger)
        elif records or chat_ledger.chat_id():
            other.append(chat_ledger)
    if not other:
        return
    if start_afresh:
        for chat_ledger in other:
            chat_ledger.forget()
        return
    message, hint = _mode_changed(config, parts, config_path)
    raise ConfigError(message, hint=hint)


def mode_change_warning(
    config: Config,
    parts: Sequence[PlannedChat],
    held: Callable[[str], LedgerChat | None],
    *,
    config_path: Path,
) -> list[str]:
    """For the dry run: the refusal the migration would meet, as preflight lines (``held``:
    the read-only ledger's record of a chat key)."""
    in_topics = _in_topics(parts)
    if not in_topics:
        return []
    chat, mode = parts[0].chat, config.chat.topics
    for key in _other_mode_keys(chat.key, mode, in_topics):
        record = held(key)
        if record is None:
            continue
        sent = (PostKey.parse(k).message_id for k in record.sent_keys)
        if mode is TopicsMode.LABEL or any(message_id in in_topics for message_id in sent):
            message, hint = _mode_changed(config, parts, config_path)
            return [f"  {message}", f"  {hint}"]
    return []


def _mode_changed(
    config: Config, parts: Sequence[PlannedChat], config_path: Path
) -> tuple[str, str]:
    chat, mode = parts[0].chat, config.chat.topics
    before = TopicsMode.LABEL if mode is TopicsMode.SEPARATE else TopicsMode.SEPARATE
    message = tr(
        "topics.mode_changed",
        config=config_path,
        mode=mode.value,
        label=f"{chat.name or chat.key} ({chat.key})",
        before=before.value,
    )
    return message, tr("topics.mode_changed_hint", before=before.value)
