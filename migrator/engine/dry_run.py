"""``--dry-run``: the preflight summary, the preview and the report of every chat, without
contacting the server."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from migrator.config.model import Config
from migrator.engine.chat_plan import (
    check_partners,
    reported_entry,
    write_run_index,
)
from migrator.engine.connection import server_target
from migrator.engine.exit_codes import EXIT_OK
from migrator.engine.options import BuildOptions
from migrator.engine.planning import PlannedChat, kind_mismatch, sign_in_summary
from migrator.engine.preparation import check_media_ready, media_preparer, plan_in_run
from migrator.engine.profile_use import server_profile_line
from migrator.engine.topics import as_topic_entry, mode_change_warning, split_topics, topic_counts
from migrator.i18n import tr
from migrator.ledger import ledger_path_for
from migrator.plan_chats import ChatChoice, ChosenChat
from migrator.report import (
    ChatReport,
    build_preflight,
    build_report,
    unknown_content,
    write_preview,
    write_report,
)
from migrator.report.html_report import PROBLEMS_CSV
from migrator.report.index import ChatStatus
from migrator.report.ledger_view import LedgerChat, ledger_chat
from migrator.report.preflight import PreflightTarget


def dry_run_chats(config: Config, options: BuildOptions, choice: ChatChoice, out: TextIO) -> int:
    export_dir = config.export_dir(options.config_path)
    several = choice.several
    chats = [
        split_topics(
            config,
            plan_in_run(
                config, options, export_dir, target.chat, None, several=several, target=target
            ),
        )
        for target in choice.chats
    ]
    pairs = [
        (target, part) for target, parts in zip(choice.chats, chats, strict=True) for part in parts
    ]
    check_partners(config, pairs, options.config_path)
    checker = media_preparer(config, options)
    try:
        for _, planned in pairs:
            check_media_ready(checker, planned)
    finally:
        checker.close()
    entries = []
    for target, parts in zip(choice.chats, chats, strict=True):
        apart = several or len(parts) > 1
        held = _held_in_ledger(config, options)
        refused = mode_change_warning(config, parts, held, config_path=options.config_path)
        for number, planned in enumerate(parts):
            listed = [*topic_chat_lines(parts), *refused] if number == 0 else []
            report = _dry_run(
                config, options, target, planned, out, several=several, apart=apart, extra=listed
            )
            out_dir = options.output_for(planned.key, several=apart)
            entry = reported_entry(config, target, ChatStatus.PLANNED, report, out_dir)
            entries.append(as_topic_entry(entry, planned))
    if several or len(entries) > len(chats):  # several chats, or a forum's topics
        write_run_index(config, options, entries, choice.skipped, out, dry_run=True)
    return EXIT_OK


def _held_in_ledger(config: Config, options: BuildOptions) -> Callable[[str], LedgerChat | None]:
    server = server_target(config, options).base_url
    path = options.ledger_path or ledger_path_for(options.config_path)
    return lambda chat_key: ledger_chat(path, server=server, chat_key=chat_key)


def topic_chat_lines(parts: list[PlannedChat]) -> list[str]:
    """For the first chat's preflight: the forum's topics, each its own chat, if any."""
    counts = topic_counts(parts)
    if not counts:
        return []
    listed = [tr("topics.chat", title=title, count=count) for title, count in counts]
    return [tr("topics.chats", count=len(counts)), *listed]


def _dry_run(
    config: Config,
    options: BuildOptions,
    chosen: ChosenChat,
    planned: PlannedChat,
    out: TextIO,
    *,
    several: bool,
    apart: bool,
    extra: Sequence[str] = (),
) -> ChatReport:
    """``apart``: the chat's output goes into its own folder (several chats, or topics)."""
    out_dir = options.output_for(planned.key, several=apart)
    logins = list(
        dict.fromkeys([*planned.people, *(p.author for p in planned.posts), *planned.placeholders])
    )
    target, sent_keys = preflight_target(config, options, chosen, planned, several=several)
    preflight = build_preflight(
        planned.label,
        planned.plans,
        sign_in_summary(config, logins),
        unknown=unknown_content(planned.stats),
        limits_note=tr("preflight.limits_dry_run"),
        target=target,
        sent_keys=sent_keys,
    )
    report = build_report(
        chat_key=planned.key,
        chat_name=planned.name,
        trueconf_chat_id=None,
        plans=planned.plans,
        outcomes=None,
        stats=planned.stats,
    )
    json_path, html_path = write_report(report, out_dir, timezone=planned.timezone)
    preview = write_preview(planned.spec.title, planned.plans, out_dir, timezone=planned.timezone)
    out.write(preflight.render() + "\n")
    for line in extra:
        out.write(line + "\n")
    out.write(tr("dry_run.preview", path=preview) + "\n")
    out.write(tr("dry_run.report", path=html_path, json=json_path.name) + "\n")
    if any(entry.needs_attention for entry in report.messages):
        out.write(tr("dry_run.problems", path=out_dir / PROBLEMS_CSV) + "\n")
    out.write(tr("dry_run.done") + "\n")
    return report


def preflight_target(
    config: Config,
    options: BuildOptions,
    chosen: ChosenChat,
    planned: PlannedChat,
    *,
    several: bool,
) -> tuple[PreflightTarget, frozenset[str]]:
    """Where the chat goes and what the ledger (read-only, if there is one) already holds."""
    server = server_target(config, options).base_url
    ledger_path = options.ledger_path or ledger_path_for(options.config_path)
    held = ledger_chat(ledger_path, server=server, chat_key=planned.key)
    if chosen.key in config.chats:
        source = "plan"
    else:
        source = "export_all" if several else "config" if config.chat.type else "export"
    target = PreflightTarget(
        server=server,
        chat_name=planned.spec.title,
        chat_type=planned.spec.type.value,
        type_source=source,
        owner=planned.spec.owner,
        chat_id=held.chat_id if held else None,
        already_posted=held.posted if held else 0,
        failed_before=held.failed if held else 0,
        in_ledger=held is not None,
        new_chat=options.new_chat,
        kind_warning=None
        if several or chosen.kind is not None
        else kind_mismatch(config, planned.chat, config_name=str(options.config_path)),
        server_profile=server_profile_line(options.config_path, options.history_page_size),
    )
    sent = frozenset() if held is None or options.new_chat else held.sent_keys
    return target, sent
