"""``build_chat.py --status``: what the ledger holds, read offline and never changed.

With a plan (``--all-chats``, ``--chat``, or a config holding ``[chats]``) it shows one row per
planned chat, the chats ``migrate = false`` leaves out marked skipped; otherwise one row per chat
the ledger holds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from migrator.config import load_config
from migrator.config.load import checked_export_dir
from migrator.engine.chat_plan import chosen_chats
from migrator.engine.exit_codes import EXIT_OK
from migrator.engine.options import BuildOptions
from migrator.errors import MigratorError
from migrator.i18n import tr
from migrator.intake.render import render_rows
from migrator.ledger import ledger_path_for
from migrator.plan_chats import ChatChoice, ChosenChat, choose_chats
from migrator.report.ledger_view import LedgerChat, read_ledger
from migrator.telegram.loader import list_chats


def print_status(options: BuildOptions, out: TextIO) -> int:
    path = (options.ledger_path or ledger_path_for(options.config_path)).resolve()
    plan = _plan(options)
    if plan is not None:
        return _print_plan(*plan, path, out)
    if not path.is_file():
        out.write(tr("status.no_ledger", path=path) + "\n")
        return EXIT_OK
    chats = read_ledger(path)
    out.write(tr("status.ledger", path=path) + "\n")
    if not chats:
        out.write(tr("status.empty") + "\n")
        return EXIT_OK
    rows = [
        (
            chat.chat_key,
            chat.chat_id or tr("status.no_chat"),
            str(chat.posted),
            str(chat.failed),
            str(chat.pending),
            _local_time(chat.last_run),
            chat.server,
        )
        for chat in chats
    ]
    header = tuple(
        tr(key)
        for key in (
            "status.col_chat",
            "status.col_trueconf",
            "status.col_posted",
            "status.col_failed",
            "status.col_pending",
            "status.col_last_run",
            "status.col_server",
        )
    )
    out.write(render_rows(header, rows) + "\n")
    if any(chat.failed or chat.pending for chat in chats):
        out.write(tr("status.resume_hint") + "\n")
    return EXIT_OK


def _plan(options: BuildOptions) -> tuple[ChatChoice, dict[str, str]] | None:
    """The chats of the plan and their TrueConf titles, or None: show the ledger as it is.

    A config that cannot be read (or has no ``[chats]``) leaves the plain ledger view, unless the
    chats were asked for (``--all-chats``, ``--chat``): then its error is the answer."""
    asked = options.all_chats or bool(options.chats) or options.chat is not None
    if not asked and not options.config_path.is_file():
        return None
    try:
        config = load_config(options.config_path)
        if asked:
            choice = chosen_chats(config, options)
        elif config.chats:
            export_dir = checked_export_dir(config, options.config_path)
            choice = choose_chats(config, list_chats(export_dir), honour_skips=True)
        else:
            return None
    except MigratorError:
        if asked:
            raise
        return None
    titles = {t.chat.key: t.effective_title(config) for t in (*choice.chats, *choice.skipped)}
    return choice, titles


def _print_plan(choice: ChatChoice, titles: dict[str, str], path: Path, out: TextIO) -> int:
    if path.is_file():
        out.write(tr("status.ledger", path=path) + "\n")
        held = read_ledger(path)
    else:
        out.write(tr("status.no_ledger", path=path) + "\n")
        held = []
    by_chat: dict[str, list[LedgerChat]] = {}
    for chat in held:
        by_chat.setdefault(chat.chat_key, []).append(chat)
    rows = [
        _plan_row(t, titles[t.chat.key], by_chat.get(t.chat.key, []), False) for t in choice.chats
    ]
    rows += [
        _plan_row(t, titles[t.chat.key], by_chat.get(t.chat.key, []), True) for t in choice.skipped
    ]
    header = tuple(
        tr(key)
        for key in (
            "status.col_chat",
            "status.col_name",
            "status.col_trueconf",
            "status.col_posted",
            "status.col_failed",
            "status.col_pending",
            "status.col_last_run",
        )
    )
    out.write(render_rows(header, rows) + "\n")
    planned = {t.chat.key for t in (*choice.chats, *choice.skipped)}
    outside = sorted({chat.chat_key for chat in held} - planned)
    if outside:
        out.write(tr("status.outside_plan", chats=", ".join(outside)) + "\n")
    waiting = (by_chat.get(t.chat.key, []) for t in choice.chats)
    if any(chat.failed or chat.pending for chats in waiting for chat in chats):
        out.write(tr("status.resume_hint") + "\n")
    return EXIT_OK


def _plan_row(
    target: ChosenChat, title: str, held: Sequence[LedgerChat], skipped: bool
) -> tuple[str, ...]:
    ids = ", ".join(chat.chat_id for chat in held if chat.chat_id)
    trueconf = tr("status.titled", title=title, chat=ids or tr("status.not_created"))
    if skipped:
        trueconf = tr("status.skipped", chat=trueconf)
    if not held:
        return (target.chat.key, target.name, trueconf, "-", "-", "-", tr("status.never"))
    times = [chat.last_run for chat in held if chat.last_run is not None]
    return (
        target.chat.key,
        target.name,
        trueconf,
        str(sum(chat.posted for chat in held)),
        str(sum(chat.failed for chat in held)),
        str(sum(chat.pending for chat in held)),
        _local_time(max(times) if times else None),
    )


def _local_time(timestamp: float | None) -> str:
    if timestamp is None:
        return "-"
    return datetime.fromtimestamp(timestamp, UTC).astimezone().strftime("%Y-%m-%d %H:%M")
