"""build_chat's side of the ``[chats]`` plan: which chats this run takes, the whole-plan checks
before anything is created, and the index written after the chats ran."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from migrator.config.load import checked_export_dir, problems_error
from migrator.config.model import Config, Language
from migrator.engine.options import BuildOptions
from migrator.engine.planning import PlannedChat, check_owner, configured_chat_type
from migrator.errors import ConfigError, ExportError
from migrator.i18n import current_language, tr
from migrator.plan_chats import ChatChoice, ChosenChat, choose_chats, plan_problems
from migrator.plan_chats.choose import partner_problem
from migrator.report import ChatReport
from migrator.report.index import ChatStatus, IndexEntry, entry_from_report, write_index
from migrator.telegram.loader import has_messages, list_chats, select_chat
from migrator.telegram.model import ChatInfo


def chosen_chats(config: Config, options: BuildOptions) -> ChatChoice:
    """``--all-chats``: every chat, ``migrate = false`` left out; ``--chat`` (one or several):
    those chats. Each as its ``[chats.<id>]`` says."""
    export_dir = checked_export_dir(config, options.config_path)
    if options.all_chats:
        return choose_chats(config, list_chats(export_dir), honour_skips=True)
    selectors: Sequence[str | None] = options.chats or (options.chat,)
    picked: dict[tuple[int | None, str], ChatInfo] = {}
    for selector in selectors:
        chat = select_chat(export_dir, selector)
        picked[(chat.index, chat.key)] = chat
    if len(picked) == 1:
        (chat,) = picked.values()
        if not has_messages(export_dir, chat):
            raise ExportError(
                tr("build.chat_empty", export=export_dir, chat=chat.name or chat.key),
                hint=tr("build.chat_empty_hint"),
            )
    return choose_chats(config, list(picked.values()), honour_skips=False)


def check_plan(config: Config, options: BuildOptions, choice: ChatChoice) -> None:
    """Owners and titles of the whole plan, before any chat is planned or created."""
    if not choice.chats:
        raise ConfigError(
            tr("plan.nothing_to_do", config=options.config_path),
            hint=tr("plan.nothing_to_do_hint"),
        )
    if any(not target.owner for target in choice.chats):
        # chats without their own owner use [chat] owner
        check_owner(config, config_name=str(options.config_path))
    problems = plan_problems(config, choice)
    if problems:
        raise problems_error(options.config_path, problems)


def check_partners(
    config: Config, planned: Iterable[tuple[ChosenChat | None, PlannedChat]], path: Path
) -> None:
    """Personal chats whose other person has no account cannot be created: refuse the run."""
    problems = []
    for target, chat in planned:
        if target is None:
            continue
        problem = partner_problem(config, target, chat.spec.type, chat.people)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise problems_error(path, problems)


def index_entry(
    config: Config, target: ChosenChat, status: ChatStatus, *, error: str | None = None
) -> IndexEntry:
    kind = target.kind or configured_chat_type(config, target.chat)
    return IndexEntry(
        chat_key=target.chat.key,
        telegram_name=target.name,
        title=target.effective_title(config),
        type=kind.value,
        owner=target.effective_owner(config),
        status=status,
        error=error,
    )


def reported_entry(
    config: Config, target: ChosenChat, status: ChatStatus, report: ChatReport, out_dir: Path
) -> IndexEntry:
    preview = out_dir / "preview.html"
    return entry_from_report(
        index_entry(config, target, status),
        report,
        report_link=f"{out_dir.name}/report.html",
        preview_link=f"{out_dir.name}/preview.html" if preview.is_file() else None,
    )


def write_run_index(
    config: Config,
    options: BuildOptions,
    entries: Sequence[IndexEntry],
    skipped: Sequence[ChosenChat],
    out: TextIO,
    *,
    dry_run: bool,
) -> Path:
    """Write the index (skipped chats last) and say where it is, and which chats were skipped."""
    entries = [*entries, *(index_entry(config, t, ChatStatus.SKIPPED) for t in skipped)]
    root = options.output_dir or Path("migration-output")
    # In the interface language, as the chats' report.html it links to.
    language = Language(current_language().value)
    path = write_index(entries, root, dry_run=dry_run, language=language)
    if not options.quiet:
        for target in skipped:
            out.write(tr("plan.skipped", key=target.key, name=target.name) + "\n")
        out.write(tr("plan.index", path=path) + "\n")
    return path
