"""The index of a several-chat run: ``index.html``, ``index.json`` and ``problems.csv`` in the
output folder, one row per chat of the plan (migrated, skipped, failed or, in a dry run, planned).

Building the rows is pure; ``write_index`` writes the three files (mode 0600: they quote the
chats' content). Everything taken from the export or the server is escaped; the page has no
scripts and the same Content-Security-Policy as the preview.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from html import escape
from pathlib import Path
from typing import Any

from migrator.config.model import Language
from migrator.report.outcomes import ChatReport, Verdict

CSP = "default-src 'none'; img-src file: data:; style-src 'unsafe-inline'"
INDEX_JSON = "index.json"
INDEX_HTML = "index.html"
PROBLEMS_CSV = "problems.csv"


class ChatStatus(StrEnum):
    MIGRATED = "migrated"
    FAILED = "failed"  # some of its messages failed, or the chat stopped
    SKIPPED = "skipped"  # migrate = false in the plan
    PLANNED = "planned"  # dry run


# Every label the index shows, in both languages (one table, for the message catalogue).
LABELS: dict[Language, dict[str, str]] = {
    Language.EN: {
        "title": "Migration index",
        "dry_run": " (dry run: nothing was sent)",
        "chat": "Telegram chat",
        "target": "TrueConf chat",
        "type": "Type",
        "owner": "Owner",
        "status": "Status",
        "counts": "Counts",
        "links": "Report / preview",
        "report": "report",
        "preview": "preview",
        "problems": "Problems of every chat in one table: ",
        ChatStatus.MIGRATED: "migrated",
        ChatStatus.FAILED: "failed",
        ChatStatus.SKIPPED: "skipped (migrate = false)",
        ChatStatus.PLANNED: "planned",
        "stopped": "the chat stopped: ",
    },
    Language.RU: {
        "title": "Сводка переноса",
        "dry_run": " (проверка: ничего не отправлено)",
        "chat": "Чат Telegram",
        "target": "Чат TrueConf",
        "type": "Тип",
        "owner": "Владелец",
        "status": "Состояние",
        "counts": "Счётчики",
        "links": "Отчёт / превью",
        "report": "отчёт",
        "preview": "превью",
        "problems": "Проблемы всех чатов в одной таблице: ",
        ChatStatus.MIGRATED: "перенесён",
        ChatStatus.FAILED: "с ошибками",
        ChatStatus.SKIPPED: "пропущен (migrate = false)",
        ChatStatus.PLANNED: "запланирован",
        "stopped": "перенос чата остановлен: ",
    },
}
_CSV_HEADER = ("chat", "telegram_name", "trueconf_title", "message_id", "outcome", "reason")
_PROBLEM_VERDICTS = frozenset({Verdict.FAILED.value, Verdict.SKIPPED.value})
_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;
text-align:left;vertical-align:top}.migrated{color:#176b2c}.skipped{color:#666}
.failed{color:#b00020;font-weight:bold}.planned{color:#0b5cad}
"""


@dataclass(frozen=True, slots=True)
class ProblemRow:
    message_id: int | None
    outcome: str
    reason: str


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One chat of the plan, as the index shows it; links are relative to the index."""

    chat_key: str
    telegram_name: str
    title: str
    type: str
    owner: str
    status: ChatStatus
    trueconf_chat_id: str | None = None
    totals: Mapping[str, int] = field(default_factory=dict)
    report: str | None = None
    preview: str | None = None
    error: str | None = None
    problems: tuple[ProblemRow, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data["totals"] = dict(self.totals)
        del data["problems"]  # in problems.csv
        return data


def entry_from_report(
    base: IndexEntry, report: ChatReport, *, report_link: str, preview_link: str | None
) -> IndexEntry:
    """``base`` (chat and plan facts) completed with what its report says."""
    problems = tuple(
        ProblemRow(message.message_id, message.verdict.value, "; ".join(message.reasons))
        for message in report.messages
        if message.verdict.value in _PROBLEM_VERDICTS
    )
    status = base.status
    if status is ChatStatus.MIGRATED and report.failed:
        status = ChatStatus.FAILED
    return IndexEntry(
        **{
            **_fields(base),
            "status": status,
            "trueconf_chat_id": report.trueconf_chat_id,
            "totals": dict(report.totals),
            "report": report_link,
            "preview": preview_link,
            "problems": problems,
        }
    )


def _fields(entry: IndexEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in IndexEntry.__dataclass_fields__}


def render_index_json(entries: Sequence[IndexEntry], *, dry_run: bool) -> str:
    counts = {status.value: 0 for status in ChatStatus}
    for entry in entries:
        counts[entry.status.value] += 1
    data = {"dry_run": dry_run, "chats": [e.to_json() for e in entries], "counts": counts}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_problems_csv(entries: Sequence[IndexEntry]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(_CSV_HEADER)
    for entry in entries:
        facts = (entry.chat_key, entry.telegram_name, entry.title)
        if entry.error:
            writer.writerow((*facts, "", ChatStatus.FAILED.value, entry.error))
        for row in entry.problems:
            writer.writerow((*facts, row.message_id or "", row.outcome, row.reason))
    return stream.getvalue()


def render_index_html(
    entries: Sequence[IndexEntry], *, dry_run: bool, language: Language = Language.EN
) -> str:
    labels = LABELS[language]
    title = labels["title"] + (labels["dry_run"] if dry_run else "")
    header = "".join(
        f"<th>{escape(labels[key])}</th>"
        for key in ("chat", "target", "type", "owner", "status", "counts", "links")
    )
    rows = "\n".join(_row(entry, labels) for entry in entries)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f"<p>{escape(labels['problems'])}<a href='{PROBLEMS_CSV}'>{PROBLEMS_CSV}</a></p>"
        f"<table><tr>{header}</tr>{rows}</table></body></html>\n"
    )


def _row(entry: IndexEntry, labels: Mapping[str, str]) -> str:
    counts = ", ".join(f"{name} {count}" for name, count in entry.totals.items())
    if entry.error:
        counts = labels["stopped"] + entry.error + (f"; {counts}" if counts else "")
    links = [
        f"<a href='{escape(link, quote=True)}'>{escape(labels[kind])}</a>"
        for kind, link in (("report", entry.report), ("preview", entry.preview))
        if link
    ]
    target = entry.title + (f" ({entry.trueconf_chat_id})" if entry.trueconf_chat_id else "")
    status = entry.status.value
    return (
        f"<tr><td>{escape(entry.telegram_name)} ({escape(entry.chat_key)})</td>"
        f"<td>{escape(target)}</td><td>{escape(entry.type)}</td><td>{escape(entry.owner)}</td>"
        f"<td class='{status}'>{escape(labels[entry.status])}</td><td>{escape(counts)}</td>"
        f"<td>{' / '.join(links)}</td></tr>"
    )


def write_index(
    entries: Sequence[IndexEntry],
    out_dir: Path,
    *,
    dry_run: bool,
    language: Language = Language.EN,
) -> Path:
    """Write index.json, index.html and problems.csv into ``out_dir``; returns index.html."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_private(out_dir / INDEX_JSON, render_index_json(entries, dry_run=dry_run))
    _write_private(out_dir / PROBLEMS_CSV, render_problems_csv(entries))
    html_path = out_dir / INDEX_HTML
    _write_private(html_path, render_index_html(entries, dry_run=dry_run, language=language))
    return html_path


def _write_private(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        Path(temporary).chmod(0o600)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
