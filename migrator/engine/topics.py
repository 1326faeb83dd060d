"""``[chat] topics = "separate"``: a forum's plan cut into one TrueConf chat per topic (the
General topic stays in the main chat), and the refusal to change the mode once posts exist."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from migrator.config.model import Config, TopicsMode
from migrator.engine.planning import PlannedChat
from migrator.errors import ConfigError
from migrator.i18n import tr
from migrator.ledger import Ledger
from migrator.plan.post import Attribution, MessagePlan, topic_chat_key
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
    authors = frozenset(
        post.author
        for plan in plans
        for post in plan.posts
        if post.attribution is Attribution.AUTHOR and post.author != planned.spec.owner
    )
    spec = replace(planned.spec, title=title or planned.spec.title, authors=authors)
    return replace(planned, plans=tuple(plans), spec=spec)


def topic_counts(parts: Sequence[PlannedChat]) -> list[tuple[str, int]]:
    """Each topic chat's title and how many messages were written in it (its creation aside)."""
    return [
        (part.spec.title, sum(plan.message_id != part.topic_id for plan in part.plans))
        for part in parts
        if part.topic_id is not None
    ]


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
    if not parts:
        return
    chat = parts[0].chat
    in_topics = {
        plan.message_id: plan.topic_id
        for part in parts
        for plan in part.plans
        if plan.topic_id is not None
    }
    if not in_topics:
        return
    mode = config.chat.topics
    if mode is TopicsMode.SEPARATE:
        main = ledger.chat(server=server, chat_key=chat.key)
        other = [main] if any(key.message_id in in_topics for key in main.records()) else []
        before = TopicsMode.LABEL
    else:
        keys = {topic_chat_key(chat.key, topic_id) for topic_id in in_topics.values()}
        chats = [ledger.chat(server=server, chat_key=key) for key in sorted(keys)]
        other = [c for c in chats if c.chat_id() or c.records()]
        before = TopicsMode.SEPARATE
    if not other:
        return
    if start_afresh:
        for chat_ledger in other:
            chat_ledger.forget()
        return
    raise ConfigError(
        tr(
            "topics.mode_changed",
            config=config_path,
            mode=mode.value,
            label=f"{chat.name or chat.key} ({chat.key})",
            before=before.value,
        ),
        hint=tr("topics.mode_changed_hint", before=before.value),
    )
