"""``build_chat.py --status``: what the ledger holds per chat, read offline and never changed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TextIO

from migrator.engine.exit_codes import EXIT_OK
from migrator.engine.options import BuildOptions
from migrator.i18n import tr
from migrator.intake.render import render_rows
from migrator.ledger import ledger_path_for
from migrator.report.ledger_view import read_ledger


def print_status(options: BuildOptions, out: TextIO) -> int:
    path = (options.ledger_path or ledger_path_for(options.config_path)).resolve()
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


def _local_time(timestamp: float | None) -> str:
    if timestamp is None:
        return "-"
    return datetime.fromtimestamp(timestamp, UTC).astimezone().strftime("%Y-%m-%d %H:%M")
