"""The report of a migration written as its posts are sent is the report built at once."""

from __future__ import annotations

import asyncio
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from migrator.engine.reporting import OutcomeFold
from migrator.plan.post import Attribution, MessagePlan, Post, PostKey, PostKind, Skipped
from migrator.report import build_report, write_report
from migrator.report.html_report import ReportSpool
from migrator.report.outcomes import Tally
from migrator.send.sender import PostOutcome, Status

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _post(mid: int, part: int = 0, *, html: str = "hi") -> Post:
    return Post(
        PostKey("tg1", mid, part),
        "bob",
        Attribution.AUTHOR,
        PostKind.TEXT,
        html,
        original_name="Боб",
        timestamp=1756735200 + mid,
    )


def _plans() -> list[MessagePlan]:
    plans = []
    for mid in range(1, 40):
        if mid % 7 == 0:
            plans.append(MessagePlan(mid, skipped=Skipped(mid, "an empty message")))
        elif mid % 5 == 0:  # a long message: two posts
            plans.append(MessagePlan(mid, (_post(mid), _post(mid, 1, html="rest"))))
        else:
            plans.append(MessagePlan(mid, (_post(mid, html=f"текст {mid}"),), notes=()))
    return plans


def _outcome(post: Post) -> PostOutcome:
    mid = post.key.message_id
    if mid % 11 == 0:
        return PostOutcome(post, Status.FAILED, reason="server error 303")
    if mid % 13 == 0:
        return PostOutcome(post, Status.SENT, f"m{mid}", "alice", note="posted by the owner")
    return PostOutcome(post, Status.SENT, f"m{mid}.{post.key.part}", "bob")


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


async def test_the_streamed_report_is_the_report_built_at_once(tmp_path: Path) -> None:
    # As in a migration: outcomes come in on the event loop and their entries are made later,
    # while the sender waits for its next answer.
    plans = _plans()
    resent = frozenset({PostKey("tg1", 3)})
    outcomes = {post.key: _outcome(post) for plan in plans for post in plan.posts}
    whole = build_report(
        chat_key="tg1",
        chat_name="Чат",
        trueconf_chat_id="c1",
        plans=plans,
        outcomes=outcomes,
        resent=resent,
    )
    write_report(whole, tmp_path / "whole", now=NOW)

    tally = Tally(resent)
    with ReportSpool() as spool:
        fold = OutcomeFold(tally, spool)
        handed: list[Post] = []
        for post in fold.posts_of(plans):  # as the sender reads them, outcome by outcome
            handed.append(post)
            fold.add(_outcome(post))
            await asyncio.sleep(0)  # the sender awaiting its next answer
        fold.finish()
        streamed = tally.report(
            chat_key="tg1",
            chat_name="Чат",
            trueconf_chat_id="c1",
            messages=tuple(spool.problems),
            dry_run=False,
            stats=None,
        )
        spool.write(streamed, tmp_path / "streamed", now=NOW)
    assert handed == [post for plan in plans for post in plan.posts]
    assert streamed.totals == whole.totals and streamed.failed == whole.failed > 0
    assert streamed.messages == tuple(m for m in whole.messages if m.needs_attention)
    assert _files(tmp_path / "streamed") == _files(tmp_path / "whole")


async def test_posts_left_without_an_outcome_are_reported_as_stopped_early(
    tmp_path: Path,
) -> None:
    plans = _plans()[:6]
    tally = Tally()
    with ReportSpool() as spool:
        fold = OutcomeFold(tally, spool)
        posts = fold.posts_of(plans)
        fold.add(_outcome(next(posts)))
        list(posts)  # handed out, never answered
        fold.finish()
        report = tally.report(
            chat_key="tg1",
            chat_name=None,
            trueconf_chat_id=None,
            messages=tuple(spool.problems),
            dry_run=False,
            stats=None,
        )
    expected = build_report(
        chat_key="tg1",
        chat_name=None,
        trueconf_chat_id=None,
        plans=plans,
        outcomes={plans[0].posts[0].key: _outcome(plans[0].posts[0])},
    )
    assert report.totals == expected.totals and report.failed == 5


def test_the_spool_files_are_private(tmp_path: Path) -> None:
    with ReportSpool() as spool:
        for handle in (spool._json, spool._html):
            mode = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
            assert mode & 0o077 == 0


async def test_a_stopped_run_reports_nothing_after_its_files_are_closed() -> None:
    plans = _plans()
    with ReportSpool() as spool:
        fold = OutcomeFold(Tally(), spool)
        for post in fold.posts_of(plans):
            fold.add(_outcome(post))  # the last outcomes still wait for the loop
        fold.stop_waiting()  # the sending stopped (Ctrl+C, an error)
        counted = spool._count
    loop = asyncio.get_running_loop()
    failures: list[dict[str, object]] = []
    loop.set_exception_handler(lambda _, context: failures.append(context))
    try:
        await asyncio.sleep(0.01)  # the loop runs on while the run unwinds
    finally:
        loop.set_exception_handler(None)
    assert failures == [] and spool._count == counted
