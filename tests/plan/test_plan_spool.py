"""A chat's plan kept on disk: read back whole, in order, as often as needed; the planner's
memory of earlier messages for replies beyond what it holds in memory."""

from __future__ import annotations

from pathlib import Path

from migrator.engine.plan_spool import PlanSpool
from migrator.plan.post import Attribution, Conversion, MessagePlan, Post, PostKey, PostKind
from migrator.plan.seen import Seen, SeenMessages


def _plan(mid: int, author: str, *, voice: bool = False) -> MessagePlan:
    post = Post(
        PostKey("tg1", mid),
        author,
        Attribution.OWNER if author == "owner" else Attribution.AUTHOR,
        PostKind.VIDEO if voice else PostKind.TEXT,
        f"сообщение {mid}",
        file=Path("/export/voice.ogg") if voice else None,
        conversion=Conversion.VOICE_TO_MP4 if voice else None,
    )
    return MessagePlan(mid, (post,))


def test_plans_come_back_in_order_with_the_counts_of_the_whole_chat() -> None:
    spool = PlanSpool(owner="owner")
    authors = ["bob", "owner", "carol", "bob"]
    plans = [_plan(mid, authors[mid % 4], voice=mid == 9999) for mid in range(1, 10001)]
    for plan in plans:
        spool.add(plan)
    assert list(spool) == plans and list(spool) == plans  # read again: the same
    first, second = iter(spool), iter(spool)
    assert [next(first) for _ in range(5000)] == plans[:5000]  # past what stays in memory
    assert next(second) == plans[0] and next(first) == plans[5000]  # each reads its own place
    assert spool._file is not None  # a long chat is on disk
    assert len(spool) == 10000 and spool.posts == 10000 and spool.converts_voice
    assert list(spool.authors) == ["carol", "bob"]  # who posts as themselves, the owner aside
    assert list(spool.authors_in_order()) == [authors[mid % 4] for mid in range(1, 10001)]
    spool.close()


def test_an_empty_plan_reads_back_empty() -> None:
    spool = PlanSpool(owner="owner")
    assert list(spool) == [] and len(spool) == 0 and not spool.converts_voice
    spool.add(_plan(1, "bob"))
    assert list(spool) == [_plan(1, "bob")] and spool._file is None  # a short one is not


def test_earlier_messages_are_found_after_they_left_memory() -> None:
    seen = SeenMessages()
    for mid in range(1, 2001):
        seen.add(mid * 2, Seen(f"name {mid}", f"first words {mid}"))
    assert seen.get(2) == Seen("name 1", "first words 1")  # long written to the database
    assert seen.get(4000) == Seen("name 2000", "first words 2000")  # still in memory
    assert seen.get(3) is None and 3 not in seen and 4001 not in seen
    assert 2 in seen and 4000 in seen
    seen.add(1, Seen("late", "an id below the others"))  # exports are not always in order
    assert 1 in seen and seen.get(1) == Seen("late", "an id below the others")
    seen.close()
