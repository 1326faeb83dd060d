"""The preflight summary a dry run prints: what will be posted, attributed, converted, skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from migrator.plan.post import Attribution, MessagePlan


@dataclass(frozen=True, slots=True)
class Preflight:
    chat_label: str
    messages: int
    posts_by_kind: Mapping[str, int]
    attributed: int
    attributed_names: Mapping[str, int]  # Telegram author without an account → messages
    conversions: Mapping[str, int]
    skipped: Mapping[str, int]  # reason → count
    notes: tuple[str, ...]  # files over limits, blocked extensions, …
    sign_in: Mapping[str, str]  # login → how it signs in, or why it cannot
    unknown: tuple[str, ...] = ()  # content the loader did not understand (``unknown_content``)
    limits_note: str | None = None  # how files are checked against the server's upload limits
    topics: tuple[tuple[str, int], ...] = ()  # forum topics: (title, messages), in export order

    def render(self) -> str:
        lines = [f"Chat {self.chat_label}: {self.messages} messages"]
        total = sum(self.posts_by_kind.values())
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.posts_by_kind.items()))
        lines.append(f"  will post: {total} posts ({kinds or 'none'})")
        lines.append(f"  attributed to the owner: {self.attributed}")
        by_count = sorted(self.attributed_names.items(), key=lambda item: (-item[1], item[0]))
        lines.extend(
            f"    {name}: {n} (no TrueConf account that can sign in)" for name, n in by_count
        )
        if self.conversions:
            converted = ", ".join(f"{k} {n}" for k, n in sorted(self.conversions.items()))
            lines.append(f"  converted: {converted}")
        skipped = sum(self.skipped.values())
        lines.append(f"  skipped: {skipped}")
        by_count = sorted(self.skipped.items(), key=lambda item: (-item[1], item[0]))
        lines.extend(f"    {n} × {reason}" for reason, n in by_count)
        if self.topics:
            lines.append(f"  forum topics: {len(self.topics)}")
            lines.extend(f"    {title}: {n} messages" for title, n in self.topics)
        if self.notes:
            lines.append(f"  warnings: {len(self.notes)}")
            lines.extend(f"    {note}" for note in self.notes[:50])
            if len(self.notes) > 50:
                lines.append(f"    … and {len(self.notes) - 50} more (see report.json)")
        if self.unknown:
            lines.append(f"  not understood in the export: {len(self.unknown)} kinds")
            lines.extend(f"    {line}" for line in self.unknown)
        else:
            lines.append("  not understood in the export: nothing")
        if self.limits_note:
            lines.append(f"  upload limits: {self.limits_note}")
        lines.append("  accounts:")
        lines.extend(f"    {login}: {how}" for login, how in sorted(self.sign_in.items()))
        return "\n".join(lines)


def build_preflight(
    chat_label: str,
    plans: Sequence[MessagePlan],
    sign_in: Mapping[str, str],
    *,
    unknown: Sequence[str] = (),
    limits_note: str | None = None,
) -> Preflight:
    kinds: Counter[str] = Counter()
    conversions: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    attributed = 0
    names: Counter[str] = Counter()
    notes: list[str] = []
    topics: dict[int, tuple[str, int]] = {}
    for plan in plans:
        if plan.topic_id is not None:  # counted: the topic's messages besides its creation
            count = topics.get(plan.topic_id, ("", 0))[1]
            posted_in = int(plan.topic_id != plan.message_id)
            topics[plan.topic_id] = (plan.topic or "", count + posted_in)
        notes.extend(f"#{plan.message_id}: {note}" for note in plan.notes)
        if plan.skipped is not None:
            skipped[plan.skipped.reason] += 1
        owner_posts = [p for p in plan.posts if p.attribution is Attribution.OWNER]
        if owner_posts:
            attributed += 1
            names[owner_posts[0].original_name or "?"] += 1
        for post in plan.posts:
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
        notes=tuple(notes),
        sign_in=dict(sign_in),
        unknown=tuple(unknown),
        limits_note=limits_note,
        topics=tuple(topics.values()),
    )
