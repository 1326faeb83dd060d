"""The migration itself: every chosen chat planned against the server's limits, then sent, each
into its own TrueConf chat, and reported.

Chats of a full-account export run concurrently (each strictly in order); the sessions, the
upload pool and the ledger are shared.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from migrator.connector import STICKER_CONTENT_TYPE, Connector, SessionPool, UploadSource
from migrator.engine.chat_plan import check_partners, index_entry, reported_entry, write_run_index
from migrator.engine.connection import connect_owner, upload_limits
from migrator.engine.exit_codes import EXIT_FAILED_MESSAGES, EXIT_OK
from migrator.engine.options import BuildOptions
from migrator.engine.planning import PlannedChat
from migrator.engine.preparation import check_media_ready, media_preparer, plan_in_run
from migrator.engine.progress import Progress
from migrator.engine.repair import describe_losses, find_losses
from migrator.engine.reporting import OutcomeFold
from migrator.engine.server_run import ServerRun
from migrator.engine.topics import as_topic_entry, check_topics_mode, split_topics
from migrator.errors import MigratorError
from migrator.i18n import tr
from migrator.ledger import ChatLedger, Ledger
from migrator.media import MediaPreparer
from migrator.plan.post import Post, PostKind
from migrator.plan_chats import ChosenChat
from migrator.report import ChatReport
from migrator.report.html_report import ReportSpool, total_label
from migrator.report.index import ChatStatus
from migrator.report.outcomes import Tally
from migrator.secrets import redact
from migrator.send import ChatSender, PostOutcome
from migrator.send.reconcile import Matching

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ChatRun:
    planned: PlannedChat
    out_dir: Path
    failed: int = 0
    report: ChatReport | None = None


async def migrate_chats(run: ServerRun) -> int:
    config, options = run.config, run.options
    export_dir = config.export_dir(options.config_path)
    targets = [run.targets.get(chat.key) for chat in run.chats]
    owners = dict.fromkeys(t.effective_owner(config) if t else config.chat.owner for t in targets)
    preparer = media_preparer(config, options)
    try:
        with Ledger(run.ledger_path) as ledger:
            for owner in owners:
                await connect_owner(run.connector, run.target, owner)
            limits = await upload_limits(run.connector, next(iter(owners)), options.backoff)
            chat_runs: list[ChatRun] = []
            run_targets: list[ChosenChat | None] = []
            for chat, t in zip(run.chats, targets, strict=True):
                planned = plan_in_run(
                    config, options, export_dir, chat, limits, several=run.several, target=t
                )
                parts = split_topics(config, planned)
                check_topics_mode(
                    config,
                    ledger,
                    run.target.base_url,
                    parts,
                    config_path=options.config_path,
                    start_afresh=options.new_chat,
                )
                several = run.several or len(parts) > 1
                for part in parts:
                    chat_runs.append(ChatRun(part, options.output_for(part.key, several=several)))
                    run_targets.append(t)
            # The whole plan is checked before anything is created or sent.
            pairs = zip(run_targets, (chat_run.planned for chat_run in chat_runs), strict=True)
            check_partners(config, pairs, options.config_path)
            for chat_run in chat_runs:
                check_media_ready(preparer, chat_run.planned)
            slots = asyncio.Semaphore(max(1, options.parallel_chats))

            async def migrate_one(chat_run: ChatRun) -> None:
                async with slots:
                    await _migrate_chat(
                        chat_run,
                        options,
                        run.connector,
                        ledger,
                        preparer,
                        run.target.base_url,
                        run.out,
                        sessions=run.sessions,
                    )

            results = await asyncio.gather(
                *(migrate_one(chat_run) for chat_run in chat_runs), return_exceptions=True
            )
            if run.several or len(chat_runs) > len(run.chats):  # several chats, or topics
                _write_index(run, chat_runs, results, run.out)
            errors = [r for r in results if isinstance(r, BaseException)]
            if errors:
                # Every chat finished or stopped; show the first problem (the others are logged).
                for error in errors[1:]:
                    log.error("%s", tr("warn.another_chat_stopped", error=error))
                raise errors[0]
    finally:
        await preparer.aclose()
    failed = sum(chat_run.failed for chat_run in chat_runs)
    return EXIT_FAILED_MESSAGES if failed else EXIT_OK


def _write_index(
    run: ServerRun, chat_runs: list[ChatRun], results: Sequence[object], out: TextIO
) -> None:
    """index.html / index.json / problems.csv: every chat of the plan, as it ended."""
    config = run.config
    entries = []
    for chat_run, result in zip(chat_runs, results, strict=True):
        planned = chat_run.planned
        chat = planned.chat
        target = run.targets.get(chat.key) or ChosenChat(chat, planned.spec.title)
        if chat_run.report is not None:
            entry = reported_entry(
                config, target, ChatStatus.MIGRATED, chat_run.report, chat_run.out_dir
            )
        else:
            error = redact(result.message if isinstance(result, MigratorError) else str(result))
            entry = index_entry(config, target, ChatStatus.FAILED, error=error)
        entries.append(as_topic_entry(entry, planned))
    write_run_index(config, run.options, entries, run.skipped, out, dry_run=False)


async def _migrate_chat(
    run: ChatRun,
    options: BuildOptions,
    connector: Connector,
    ledger: Ledger,
    preparer: MediaPreparer,
    server: str,
    out: TextIO,
    *,
    sessions: SessionPool | None = None,
) -> None:
    planned = run.planned
    chat_ledger = ledger.chat(server=server, chat_key=planned.key)
    if options.new_chat:
        chat_ledger.forget()
    progress = Progress(planned.label, planned.post_count, quiet=options.quiet)
    # Who posts next, post by post: the pool closes the session needed farthest ahead.
    order = sessions.follow(planned.authors_in_order()) if sessions else None

    def on_outcome(outcome: PostOutcome) -> None:
        if order is not None:
            order.advance()
        progress.advance(
            failed=outcome.status.value == "failed",
            earlier=outcome.status.value in ("already_sent", "reconciled"),
        )

    def new_sender(on_outcome: Callable[[PostOutcome], None] | None) -> ChatSender:
        return ChatSender(
            connector=connector,
            ledger=chat_ledger,
            spec=planned.spec,
            prepare=_prepare_with(preparer),
            backoff=options.backoff,
            pipeline=options.pipeline,
            history_page_size=options.history_page_size,
            matching=Matching(
                exact_text=options.exact_text_matching,
                exact_author=options.exact_author_matching,
            ),
            pipelined=options.pipelined_posts,
            on_outcome=on_outcome,
        )

    sender = new_sender(on_outcome)
    # The first authors sign in while the chat is set up and the first posts go (with 30
    # authors, the 9th post waited 40 ms for sign-ins started only when the 8th was done).
    opening = asyncio.create_task(sender.open_first_authors(planned.iter_posts()))
    try:
        await sender.ensure_chat()
    except BaseException:
        opening.cancel()
        raise
    resent = chat_ledger.lost_keys()
    with ReportSpool(timezone=planned.timezone) as spool:
        tally = Tally(resent)
        fold = OutcomeFold(tally, spool)
        outcomes: list[PostOutcome] = []
        try:
            if options.repair:  # --repair reads the whole chat back: it keeps every outcome
                await sender.send_each(planned.posts, outcomes.append)
            else:
                await sender.send_each(fold.posts_of(planned.plans), fold.add)
        finally:
            fold.stop_waiting()
            if order is not None and sessions is not None:
                sessions.unfollow(order)
            opening.cancel()  # done long before, unless sending stopped early
            await asyncio.wait({opening})
            if not opening.cancelled():
                opening.result()
        progress.finish()
        unrepaired = 0
        if options.repair and sender.chat_id is not None:
            unrepaired, again = await _repair(
                run, sender.chat_id, chat_ledger, connector, new_sender, options, out
            )
            outcomes = again if again is not None else outcomes
        if options.repair:
            tally = Tally(chat_ledger.lost_keys())
            by_key = {outcome.post.key: outcome for outcome in outcomes}
            for plan in planned.plans:
                spool.add(tally.entry(plan, by_key))
        else:
            fold.finish()
        report = tally.report(
            chat_key=planned.key,
            chat_name=planned.name,
            trueconf_chat_id=sender.chat_id,
            messages=tuple(spool.problems),  # the others are in the spool's files only
            dry_run=False,
            stats=planned.stats,
        )
        json_path, html_path = spool.write(report, run.out_dir)
    run.failed = report.failed + unrepaired
    run.report = report
    totals = ", ".join(f"{total_label(name)} {count}" for name, count in report.totals.items())
    if not options.quiet:
        out.write(tr("run.totals", label=planned.label, totals=totals) + "\n")
        out.write(tr("run.report", path=html_path, json=json_path.name) + "\n")


async def _repair(
    run: ChatRun,
    chat_id: str,
    chat_ledger: ChatLedger,
    connector: Connector,
    new_sender: Callable[[None], ChatSender],
    options: BuildOptions,
    out: TextIO,
) -> tuple[int, list[PostOutcome] | None]:
    """``--repair``, once everything else is sent: the lost posts again, in export order.
    Returns how many missing posts could not be sent again safely, and the outcomes of the
    sending again (None: nothing was lost)."""
    planned = run.planned
    posts = planned.posts
    losses = await find_losses(
        connector, planned.spec.owner, chat_id, chat_ledger, posts, options.backoff
    )
    for line in describe_losses(losses, planned.label, posts):
        out.write(line + "\n")
    outcomes = None
    if losses.gone:
        chat_ledger.mark_lost(losses.gone)
        again = new_sender(None)  # a fresh sender: it knows the lost message ids no more
        await again.ensure_chat()
        outcomes = await again.send_all(posts)
    return len(losses.partly) + len(losses.still_there), outcomes


_PREVIEW_TYPES = {".webp": "image/webp", ".png": "image/png", ".gif": "image/gif"}


def _prepare_with(preparer: MediaPreparer) -> Callable[[Post], Awaitable[UploadSource]]:
    async def prepare(post: Post) -> UploadSource:
        prepared = await preparer.prepare(post)
        content_type = prepared.content_type or "application/octet-stream"
        if post.kind is PostKind.STICKER:
            content_type = STICKER_CONTENT_TYPE
        suffix = prepared.preview.suffix.lower() if prepared.preview else ""
        preview_type = _PREVIEW_TYPES.get(suffix, "image/jpeg")
        return UploadSource(
            path=prepared.path,
            file_name=prepared.file_name,
            content_type=content_type,
            preview=prepared.preview,
            preview_content_type=preview_type,
        )

    return prepare
