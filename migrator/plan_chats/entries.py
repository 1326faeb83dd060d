"""What parse_users.py writes into ``[chats]``. Pure: returns the tables and comments to write.

An existing ``[chats.<id>]`` is the administrator's and is never changed; a chat new to the
export gets a table prefilled from the export; a planned chat the export no longer has is only
marked with a comment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from migrator.config.model import Config
from migrator.i18n import tr
from migrator.plan_chats.kinds import export_chat_type, plan_key
from migrator.telegram.model import ChatInfo, Message

PlanValue = str | bool


@dataclass(slots=True)
class ChatFacts:
    """What the export says of one chat, gathered while its messages stream past."""

    chat: ChatInfo
    messages: int = 0
    first: int | None = None  # Unix seconds
    last: int | None = None

    def watch(self, messages: Iterable[Message]) -> Iterator[Message]:
        for message in messages:
            self.messages += 1
            if message.timestamp is not None:
                if self.first is None or message.timestamp < self.first:
                    self.first = message.timestamp
                if self.last is None or message.timestamp > self.last:
                    self.last = message.timestamp
            yield message

    def comments(self) -> tuple[str, ...]:
        dates = ""
        if self.first is not None and self.last is not None:
            dates = tr("chats_plan.dates", first=_day(self.first), last=_day(self.last))
        name = self.chat.name if self.chat.name is not None else tr("chats_plan.no_name")
        line = tr(
            "chats_plan.facts",
            name=name,
            kind=self.chat.type.value,
            messages=self.messages,
            dates=dates,
        )
        return (line, tr("chats_plan.left")) if self.chat.left else (line,)


def _day(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")


@dataclass(frozen=True, slots=True)
class NewChat:
    key: str
    fields: dict[str, PlanValue]
    comments: tuple[str, ...]


@dataclass(slots=True)
class ChatPlanUpdate:
    added: list[NewChat] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # planned already: left as the admin wrote it
    gone: list[str] = field(default_factory=list)  # planned, not in this export: marked

    @property
    def counts(self) -> tuple[int, int, int]:
        return len(self.added), len(self.kept), len(self.gone)


def plan_update(config: Config, facts: Sequence[ChatFacts]) -> ChatPlanUpdate:
    """The tables to add for chats not yet planned, and the planned chats the export lacks."""
    update = ChatPlanUpdate()
    seen: set[str] = set()
    for fact in facts:
        key = plan_key(fact.chat)
        if key in seen:
            continue
        seen.add(key)
        if key in config.chats:
            update.kept.append(key)
            continue
        fields: dict[str, PlanValue] = {
            "name": fact.chat.name or "",
            "type": export_chat_type(fact.chat).value,
            "owner": config.chat.owner,
            "migrate": True,
        }
        update.added.append(NewChat(key, fields, fact.comments()))
    update.gone = [key for key in config.chats if key not in seen]
    return update
