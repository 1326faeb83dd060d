"""``--dry-run``: the preflight summary, the preview and the report of every chat, without
contacting the server."""

from __future__ import annotations

from typing import TextIO

from migrator.config.model import Config
from migrator.engine.chat_plan import (
    check_partners,
    reported_entry,
    write_run_index,
)
from migrator.engine.exit_codes import EXIT_OK
from migrator.engine.options import BuildOptions
from migrator.engine.planning import PlannedChat, sign_in_summary
from migrator.engine.preparation import check_media_ready, media_preparer, plan_in_run
from migrator.plan import PlanOptions
from migrator.plan_chats import ChatChoice
from migrator.report import (
    ChatReport,
    build_preflight,
    build_report,
    unknown_content,
    write_preview,
    write_report,
)
from migrator.report.index import ChatStatus

DRY_RUN_LIMITS_NOTE = (
    "not checked by a dry run (it does not contact the server); build_chat.py reads the "
    "server's size limit and blocked extensions before sending and reports the files it would "
    "refuse instead of trying them"
)


def dry_run_chats(config: Config, options: BuildOptions, choice: ChatChoice, out: TextIO) -> int:
    export_dir = config.export_dir(options.config_path)
    several = choice.several
    plans = [
        plan_in_run(config, options, export_dir, target.chat, None, several=several, target=target)
        for target in choice.chats
    ]
    check_partners(config, zip(choice.chats, plans, strict=True), options.config_path)
    checker = media_preparer(config, options)
    try:
        for planned in plans:
            check_media_ready(checker, planned)
    finally:
        checker.close()
    entries = []
    for target, planned in zip(choice.chats, plans, strict=True):
        report = _dry_run(config, options, planned, out, several=several)
        out_dir = options.output_for(planned.chat.key, several=several)
        entries.append(reported_entry(config, target, ChatStatus.PLANNED, report, out_dir))
    if several:
        write_run_index(config, options, entries, choice.skipped, out, dry_run=True)
    return EXIT_OK


def _dry_run(
    config: Config, options: BuildOptions, planned: PlannedChat, out: TextIO, *, several: bool
) -> ChatReport:
    out_dir = options.output_for(planned.chat.key, several=several)
    logins = list(
        dict.fromkeys([*planned.people, *(p.author for p in planned.posts), *planned.placeholders])
    )
    preflight = build_preflight(
        planned.label,
        planned.plans,
        sign_in_summary(config, logins),
        unknown=unknown_content(planned.stats),
        limits_note=DRY_RUN_LIMITS_NOTE,
    )
    report = build_report(
        chat_key=planned.chat.key,
        chat_name=planned.chat.name,
        trueconf_chat_id=None,
        plans=planned.plans,
        outcomes=None,
        stats=planned.stats,
    )
    json_path, html_path = write_report(report, out_dir)
    timezone = PlanOptions.from_config(config).timezone
    preview = write_preview(planned.spec.title, planned.plans, out_dir, timezone=timezone)
    out.write(preflight.render() + "\n")
    out.write(f"  preview: {preview}\n  report: {html_path} ({json_path.name})\n")
    out.write("Dry run: nothing was sent to the server.\n")
    return report
