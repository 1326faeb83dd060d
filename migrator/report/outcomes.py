"""What happened to every Telegram message: posted, attributed, skipped or failed, and why.

Pure: built from the plans and the sender's outcomes (or, in a dry run, from the plans alone).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from migrator.i18n import tr
from migrator.plan.post import Attribution, MessagePlan, PostKey
from migrator.report.excerpt import excerpt
from migrator.report.unknown import load_stats_json, unknown_content
from migrator.send.sender import PostOutcome, Status
from migrator.telegram.model import LoadStats

RESENT_TOTAL = "re-sent out of order"  # the key in ``totals`` (report.json); shown translated


class Verdict(StrEnum):
    POSTED = "posted"  # posted by its own author (or a system line by the owner)
    ATTRIBUTED = "attributed"  # posted by the owner on behalf of an author without an account
    SKIPPED = "skipped"  # nothing to post (reason given)
    FAILED = "failed"  # at least one of its posts could not be sent (reason given)
    PLANNED = "planned"  # dry run: would be posted


@dataclass(frozen=True, slots=True)
class MessageReport:
    message_id: int
    verdict: Verdict
    author: str | None = None  # the Telegram display name
    sent_by: tuple[str, ...] = ()  # TrueConf logins
    trueconf_ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    timestamp: int | None = None
    excerpt: str = ""  # the message's first words (or its file's name), to find it in Telegram

    @property
    def needs_attention(self) -> bool:
        """Failed, skipped, or posted with a note (a missing file, a refused one, …)."""
        return self.verdict in (Verdict.FAILED, Verdict.SKIPPED) or bool(self.notes)


@dataclass(frozen=True, slots=True)
class ChatReport:
    chat_key: str
    chat_name: str | None
    trueconf_chat_id: str | None
    messages: tuple[MessageReport, ...]
    totals: Mapping[str, int] = field(default_factory=dict)
    dry_run: bool = False
    unknown_content: tuple[str, ...] = ()  # what the loader did not understand, one line a kind
    load_stats: Mapping[str, Any] = field(default_factory=dict)  # the loader's raw counts

    @property
    def failed(self) -> int:
        return sum(1 for m in self.messages if m.verdict is Verdict.FAILED)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["totals"] = dict(self.totals)
        data["load_stats"] = dict(self.load_stats)
        return data


def build_report(
    *,
    chat_key: str,
    chat_name: str | None,
    trueconf_chat_id: str | None,
    plans: Iterable[MessagePlan],
    outcomes: Mapping[PostKey, PostOutcome] | None,
    stats: LoadStats | None = None,
    resent: frozenset[PostKey] = frozenset(),
) -> ChatReport:
    """One entry per Telegram message, in export order; ``outcomes`` None means a dry run.
    ``stats``: the loader's counts of what it did not understand, shown in the report.
    ``resent``: posts ``--repair`` sent again after the server lost them."""
    tally = Tally(resent)
    entries = tuple(tally.entry(plan, outcomes) for plan in plans)
    return tally.report(
        chat_key=chat_key,
        chat_name=chat_name,
        trueconf_chat_id=trueconf_chat_id,
        messages=entries,
        dry_run=outcomes is None,
        stats=stats,
    )


class Tally:
    """``build_report`` a message at a time: each message's entry, and the totals so far."""

    def __init__(self, resent: frozenset[PostKey] = frozenset()) -> None:
        self._resent = resent
        self._verdicts: Counter[str] = Counter()
        self._again = 0
        self._messages = 0
        self._posts = 0

    def entry(
        self, plan: MessagePlan, outcomes: Mapping[PostKey, PostOutcome] | None
    ) -> MessageReport:
        entry = _entry(plan, outcomes, self._resent)
        self._verdicts[entry.verdict.value] += 1
        self._again += any(post.key in self._resent for post in plan.posts)
        self._messages += 1
        self._posts += len(plan.posts)
        return entry

    def totals(self) -> dict[str, int]:
        totals = Counter(self._verdicts)
        if self._again:
            totals[RESENT_TOTAL] = self._again
        totals["messages"] = self._messages
        totals["posts"] = self._posts
        return dict(totals)

    def report(
        self,
        *,
        chat_key: str,
        chat_name: str | None,
        trueconf_chat_id: str | None,
        messages: tuple[MessageReport, ...],
        dry_run: bool,
        stats: LoadStats | None,
    ) -> ChatReport:
        """The report with these ``messages`` (every entry, or those a streamed report keeps)
        and the totals of every entry made."""
        return ChatReport(
            chat_key=chat_key,
            chat_name=chat_name,
            trueconf_chat_id=trueconf_chat_id,
            messages=messages,
            totals=self.totals(),
            dry_run=dry_run,
            unknown_content=unknown_content(stats) if stats is not None else (),
            load_stats=load_stats_json(stats) if stats is not None else {},
        )


def _entry(
    plan: MessagePlan,
    outcomes: Mapping[PostKey, PostOutcome] | None,
    resent: frozenset[PostKey] = frozenset(),
) -> MessageReport:
    first = plan.posts[0] if plan.posts else None
    common: dict[str, Any] = {
        "message_id": plan.message_id,
        "author": first.original_name if first else None,
        "kinds": tuple(post.kind.value for post in plan.posts),
        "notes": plan.notes,
        "timestamp": first.timestamp if first else None,
        "excerpt": excerpt(plan),
    }
    if plan.skipped is not None or not plan.posts:
        reason = plan.skipped.reason if plan.skipped else tr("reason.nothing_to_post")
        return MessageReport(verdict=Verdict.SKIPPED, reasons=(reason,), **common)
    attributed = any(post.attribution is Attribution.OWNER for post in plan.posts)
    if outcomes is None:
        notes = plan.notes + ((tr("note.attributed"),) if attributed else ())
        return MessageReport(
            verdict=Verdict.PLANNED,
            sent_by=tuple(dict.fromkeys(p.author for p in plan.posts)),
            **{**common, "notes": notes},
        )
    results = [outcomes.get(post.key) for post in plan.posts]
    reasons = tuple(
        (r.reason or tr("reason.failed")) if r is not None else tr("reason.stopped_early")
        for r in results
        if r is None or r.status is Status.FAILED
    )
    notes = plan.notes + tuple(r.note for r in results if r is not None and r.note)
    if any(post.key in resent for post in plan.posts):
        notes += (tr("note.resent"),)
    attributed = attributed or any(r is not None and r.note for r in results)
    verdict = Verdict.FAILED if reasons else Verdict.ATTRIBUTED if attributed else Verdict.POSTED
    return MessageReport(
        verdict=verdict,
        sent_by=tuple(dict.fromkeys(r.sent_by for r in results if r is not None and r.sent_by)),
        trueconf_ids=tuple(r.message_id for r in results if r is not None and r.message_id),
        reasons=reasons,
        **{**common, "notes": notes},
    )
