"""The preflight summary a dry run prints: first the target (server, chat, type, owner, new or
continued, the server profile followed), then what will be posted now, attributed, converted and
skipped, and the warnings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from migrator.i18n import CATALOGUE, tr
from migrator.plan.post import Attribution, MessagePlan
from migrator.report.excerpt import excerpt

_SHOWN_WARNINGS = 50


def _label(domain: str, value: str) -> str:
    """A post kind or conversion in the interface language (its own name if not catalogued)."""
    key = f"{domain}.{value}"
    return tr(key) if key in CATALOGUE else value


@dataclass(frozen=True, slots=True)
class PreflightTarget:
    """Where the chat goes, and what the ledger already holds of it."""

    server: str
    chat_name: str
    chat_type: str  # personal, group or channel: what the TrueConf chat will be
    type_source: str  # "config", "export" ([chat] type empty), "export_all" (--all-chats), "plan"
    owner: str
    chat_id: str | None = None  # the TrueConf chat the ledger holds for it
    already_posted: int = 0  # posts the ledger records as sent
    failed_before: int = 0
    in_ledger: bool = False  # the ledger holds anything of this chat
    new_chat: bool = False  # --new-chat: the ledger's record is forgotten
    kind_warning: str | None = None  # the Telegram chat's kind and [chat] type disagree
    server_profile: str | None = None  # which server profile the run follows (or that none)


@dataclass(frozen=True, slots=True)
class PreflightWarning:
    message_id: int
    excerpt: str
    note: str

    def render(self) -> str:
        if self.excerpt:
            return tr(
                "preflight.warning", id=self.message_id, excerpt=f"«{self.excerpt}»", note=self.note
            )
        return tr("preflight.warning_no_excerpt", id=self.message_id, note=self.note)


@dataclass(frozen=True, slots=True)
class Preflight:
    chat_label: str
    messages: int
    posts_by_kind: Mapping[str, int]  # posts still to send, by kind
    attributed: int
    attributed_names: Mapping[str, int]  # Telegram author without an account → messages
    conversions: Mapping[str, int]
    skipped: Mapping[str, int]  # reason → count
    warnings: tuple[PreflightWarning, ...]  # files over limits, blocked extensions, …
    sign_in: Mapping[str, str]  # login → how it signs in, or why it cannot
    unknown: tuple[str, ...] = ()  # content the loader did not understand (``unknown_content``)
    limits_note: str | None = None  # how files are checked against the server's upload limits
    target: PreflightTarget | None = None
    already_posted: int = 0  # posts of this plan the ledger records as sent
    topics: tuple[tuple[str, int], ...] = ()  # forum topics: (title, messages), in export order

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(warning.render().strip() for warning in self.warnings)

    def render(self) -> str:
        lines = self._target_lines()
        lines.append(tr("preflight.chat", label=self.chat_label, messages=self.messages))
        total = sum(self.posts_by_kind.values())
        kinds = ", ".join(f"{_label('kind', k)} {n}" for k, n in sorted(self.posts_by_kind.items()))
        kinds = kinds or tr("preflight.none")
        if self.already_posted:
            lines.append(
                tr("preflight.will_post_now", total=total, kinds=kinds, done=self.already_posted)
            )
        else:
            lines.append(tr("preflight.will_post", total=total, kinds=kinds))
        lines.append(tr("preflight.attributed", count=self.attributed))
        by_count = sorted(self.attributed_names.items(), key=lambda item: (-item[1], item[0]))
        lines.extend(tr("preflight.attributed_name", name=name, count=n) for name, n in by_count)
        if self.conversions:
            converted = ", ".join(
                f"{_label('conversion', k)} {n}" for k, n in sorted(self.conversions.items())
            )
            lines.append(tr("preflight.converted", items=converted))
        lines.append(tr("preflight.skipped", count=sum(self.skipped.values())))
        by_count = sorted(self.skipped.items(), key=lambda item: (-item[1], item[0]))
        lines.extend(tr("preflight.skipped_reason", count=n, reason=r) for r, n in by_count)
        if self.topics:
            lines.append(tr("preflight.topics", count=len(self.topics)))
            lines.extend(tr("preflight.topic", title=t, count=n) for t, n in self.topics)
        if self.warnings:
            lines.append(tr("preflight.warnings", count=len(self.warnings)))
            lines.extend(warning.render() for warning in self.warnings[:_SHOWN_WARNINGS])
            if len(self.warnings) > _SHOWN_WARNINGS:
                more = len(self.warnings) - _SHOWN_WARNINGS
                lines.append(tr("preflight.more_warnings", count=more))
        if self.unknown:
            lines.append(tr("preflight.unknown", count=len(self.unknown)))
            lines.extend(f"    {line}" for line in self.unknown)
        else:
            lines.append(tr("preflight.unknown_nothing"))
        if self.limits_note:
            lines.append(tr("preflight.limits", note=self.limits_note))
        lines.append(tr("preflight.accounts"))
        lines.extend(
            tr("preflight.account", login=login, how=how)
            for login, how in sorted(self.sign_in.items())
        )
        return "\n".join(lines)

    def _target_lines(self) -> list[str]:
        target = self.target
        if target is None:
            return []
        source = {
            "config": tr("preflight.type_from_config"),
            "export": tr("preflight.type_from_export"),
            "plan": tr("preflight.type_from_plan"),
        }.get(target.type_source, tr("preflight.type_from_export_all"))
        lines = [
            tr("preflight.target", server=target.server),
            tr(
                "preflight.target_chat",
                name=target.chat_name,
                type=target.chat_type,
                source=source,
                owner=target.owner,
            ),
        ]
        if target.new_chat and target.chat_id is not None:
            lines.append(tr("preflight.new_chat_forgotten", chat_id=target.chat_id))
        elif target.chat_id is not None:
            lines.append(
                tr(
                    "preflight.continued",
                    chat_id=target.chat_id,
                    posted=target.already_posted,
                    failed=target.failed_before,
                )
            )
        elif target.in_ledger and not target.new_chat:
            lines.append(tr("preflight.continued_no_chat", posted=target.already_posted))
        else:
            lines.append(tr("preflight.new_chat"))
        if target.kind_warning:
            lines.append(target.kind_warning)
        if target.server_profile:
            lines.append(target.server_profile)
        return lines


def build_preflight(
    chat_label: str,
    plans: Collection[MessagePlan],
    sign_in: Mapping[str, str],
    *,
    unknown: Sequence[str] = (),
    limits_note: str | None = None,
    target: PreflightTarget | None = None,
    sent_keys: frozenset[str] = frozenset(),
) -> Preflight:
    """``sent_keys``: the posts the ledger records as sent (a dry run after a partial
    migration says what is left, not everything)."""
    kinds: Counter[str] = Counter()
    conversions: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    attributed = 0
    already = 0
    names: Counter[str] = Counter()
    warnings: list[PreflightWarning] = []
    topics: dict[int, tuple[str, int]] = {}
    for plan in plans:
        if plan.topic_id is not None:  # counted: the topic's messages besides its creation
            count = topics.get(plan.topic_id, ("", 0))[1]
            posted_in = int(plan.topic_id != plan.message_id)
            topics[plan.topic_id] = (plan.topic or "", count + posted_in)
        if plan.notes:
            text = excerpt(plan)
            warnings.extend(PreflightWarning(plan.message_id, text, note) for note in plan.notes)
        if plan.skipped is not None:
            skipped[plan.skipped.reason] += 1
        owner_posts = [p for p in plan.posts if p.attribution is Attribution.OWNER]
        if owner_posts:
            attributed += 1
            names[owner_posts[0].original_name or "?"] += 1
        for post in plan.posts:
            if str(post.key) in sent_keys:
                already += 1
                continue
            kinds[post.kind.value] += 1
            if post.conversion is not None:
                conversions[post.conversion.value] += 1
    return Preflight(
        chat_label=chat_label,
        messages=len(plans),
        posts_by_kind=dict(kinds),
        attributed=attributed,
        attributed_names=dict(names),
        conversions=dict(conversions),
        skipped=dict(skipped),
        warnings=tuple(warnings),
        sign_in=dict(sign_in),
        unknown=tuple(unknown),
        limits_note=limits_note,
        target=target,
        already_posted=already,
        topics=tuple(topics.values()),
    )
