"""Which chats build_chat.py migrates and as what, following ``[chats]``; and the checks of the
whole plan that run before anything is created. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from migrator.config.model import ChatType, Config
from migrator.config.problems import Problem
from migrator.i18n import tr
from migrator.plan_chats.kinds import export_chat_type, plan_key
from migrator.telegram.model import ChatInfo


@dataclass(frozen=True, slots=True)
class ChosenChat:
    """One chat to migrate (or skipped) and what it becomes; ``None`` keeps [chat]'s value."""

    chat: ChatInfo
    title: str | None = None
    kind: ChatType | None = None
    owner: str | None = None

    @property
    def key(self) -> str:
        return plan_key(self.chat)

    @property
    def name(self) -> str:
        return self.chat.name or self.chat.key

    def effective_owner(self, config: Config) -> str:
        return self.owner or config.chat.owner

    def effective_title(self, config: Config) -> str:
        return self.title or config.chat.name or self.name


@dataclass(frozen=True, slots=True)
class ChatChoice:
    chats: tuple[ChosenChat, ...]
    skipped: tuple[ChosenChat, ...] = ()  # migrate = false

    @property
    def several(self) -> bool:
        return len(self.chats) + len(self.skipped) > 1


def choose_chats(
    config: Config, candidates: Sequence[ChatInfo], *, honour_skips: bool
) -> ChatChoice:
    """Each candidate as its ``[chats.<id>]`` says; without a table, several chats are titled
    and typed after the export, and one chat keeps [chat]'s name and type (as before plans).
    ``honour_skips``: leave out ``migrate = false`` (``--all-chats``); chats named with
    ``--chat`` are migrated whatever the plan says."""
    several = len(candidates) > 1
    chosen: list[ChosenChat] = []
    skipped: list[ChosenChat] = []
    for chat in candidates:
        entry = config.chats.get(plan_key(chat))
        if entry is None:
            if several:
                chosen.append(ChosenChat(chat, chat.name or chat.key, export_chat_type(chat)))
            else:
                chosen.append(ChosenChat(chat))
            continue
        target = ChosenChat(chat, entry.name or chat.name or chat.key, entry.type, entry.owner)
        (skipped if honour_skips and not entry.migrate else chosen).append(target)
    return ChatChoice(tuple(chosen), tuple(skipped))


def plan_problems(config: Config, choice: ChatChoice) -> list[Problem]:
    """Owners that cannot own, and TrueConf titles given twice, across the whole plan."""
    problems: list[Problem] = []
    for target in choice.chats:
        owner = target.effective_owner(config)
        facts = {"key": target.key, "name": target.name, "owner": owner}
        user = config.users.get(owner)
        if not owner:
            problems.append(Problem(f"chats.{target.key}.owner", tr("plan.no_owner", **facts)))
        elif user is None:
            message = tr("plan.owner_unknown", **facts)
            problems.append(Problem(f"chats.{target.key}.owner", message, tr("plan.owner_hint")))
        elif str(user.type) == "deleted":
            message = tr("plan.owner_deleted", **facts)
            problems.append(Problem(f"chats.{target.key}.owner", message, tr("plan.owner_hint")))
    by_title: dict[str, list[ChosenChat]] = {}
    for target in choice.chats:
        if (target.kind or config.chat.type or export_chat_type(target.chat)) is ChatType.PERSONAL:
            continue  # TrueConf names a personal chat after the other person, not by a title
        by_title.setdefault(target.effective_title(config).casefold(), []).append(target)
    for same in by_title.values():
        if len(same) > 1:
            tables = ", ".join(f"[chats.{target.key}]" for target in same)
            title = same[0].effective_title(config)
            message = tr("plan.same_title", tables=tables, title=title)
            problems.append(
                Problem(f"chats.{same[1].key}.name", message, tr("plan.same_title_hint"))
            )
    return problems


def partner_problem(
    config: Config, target: ChosenChat, kind: ChatType, people: Sequence[str]
) -> Problem | None:
    """A personal chat whose other person has no account: it cannot be created."""
    owner = target.effective_owner(config)
    if kind is not ChatType.PERSONAL or any(login != owner for login in people):
        return None
    facts = {"key": target.key, "name": target.name, "owner": owner}
    return Problem(
        f"chats.{target.key}.type", tr("plan.no_partner", **facts), tr("plan.no_partner_hint")
    )


def config_for(config: Config, target: ChosenChat | None) -> Config:
    """The config as one chat sees it: its plan's owner as ``[chat] owner``."""
    if target is None or not target.owner or target.owner == config.chat.owner:
        return config
    return config.model_copy(
        update={"chat": config.chat.model_copy(update={"owner": target.owner})}
    )
