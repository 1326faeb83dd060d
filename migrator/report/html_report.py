"""report.html, report.json and problems.csv: every message with its outcome, the summary first,
and the messages that need attention; each run's copies are kept in ``history/``.

Everything taken from the export or the server is escaped; the page runs no script (a CSP like
the preview's forbids it): the "problems only" view is CSS ``:target``.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields, replace
from datetime import UTC, datetime, tzinfo
from html import escape
from pathlib import Path
from typing import IO

from migrator.i18n import Lang, current_language, tr
from migrator.private_files import private_dir, write_private_text
from migrator.report.outcomes import RESENT_TOTAL, ChatReport, MessageReport, Verdict

HISTORY_FOLDER = "history"
PROBLEMS_CSV = "problems.csv"
_SHOWN_IDS = 30  # message ids listed per reason in the summary

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;
text-align:left;vertical-align:top}.posted{color:#176b2c}.attributed{color:#8a5a00}
.skipped{color:#666}.failed{color:#b00020;font-weight:bold}.planned{color:#0b5cad}
.totals span{margin-right:1.5em}.summary{background:#f5f7fa;padding:.8em 1.2em;border-radius:8px}
.groups li{margin:.3em 0}.ids{color:#555;font-size:12px}.views a{margin-right:1.5em}
.excerpt{color:#444;max-width:28em}td.when,td.id{white-space:nowrap}
#problems:target~table tr.ok{display:none}#problems:target~.views .to-problems{display:none}
.views .to-all{display:none}#problems:target~.views .to-all{display:inline}
"""


def write_report(
    report: ChatReport, out_dir: Path, *, timezone: tzinfo = UTC, now: datetime | None = None
) -> tuple[Path, Path]:
    """Write ``report.json``, ``report.html`` and ``problems.csv`` into ``out_dir`` (the latest
    run), and time-stamped copies of the three into ``out_dir/history/``."""
    return _write_files(
        report,
        out_dir,
        json_entries=lambda: _json_entries(report.messages),
        html_rows=lambda: _html_rows(report.messages, timezone),
        timezone=timezone,
        now=now,
    )


_SPOOLED_TOGETHER = 256  # entries written to the spool in one go


class ReportSpool:
    """A report written a message at a time: each entry's JSON and HTML row go to temporary
    files (0600, deleted when closed) as it comes, and only the entries that need attention
    (for the summary and problems.csv) stay in memory."""

    def __init__(self, *, timezone: tzinfo = UTC) -> None:
        self._timezone = timezone
        self._files = contextlib.ExitStack()
        self._json: IO[str] = self._files.enter_context(_spool_file())
        self._html: IO[str] = self._files.enter_context(_spool_file())
        self._json_pieces: list[str] = []
        self._html_pieces: list[str] = []
        self._count = 0
        self.problems: list[MessageReport] = []

    def add(self, entry: MessageReport) -> None:
        self._json_pieces.append(_json_entry(self._count, entry))
        self._html_pieces.append(_html_row(self._count, entry, self._timezone))
        self._count += 1
        if entry.needs_attention:
            self.problems.append(entry)
        if len(self._json_pieces) >= _SPOOLED_TOGETHER:
            self._write_pieces()

    def _write_pieces(self) -> None:
        self._json.write("".join(self._json_pieces))
        self._html.write("".join(self._html_pieces))
        self._json_pieces.clear()
        self._html_pieces.clear()

    def write(
        self, report: ChatReport, out_dir: Path, *, now: datetime | None = None
    ) -> tuple[Path, Path]:
        """``write_report`` of ``report`` (its totals and problems) with the entries added."""
        self._write_pieces()
        return _write_files(
            report,
            out_dir,
            json_entries=lambda: _read_back(self._json, _JSON_END if self._count else ""),
            html_rows=lambda: _read_back(self._html, ""),
            timezone=self._timezone,
            now=now,
        )

    def close(self) -> None:
        self._files.close()

    def __enter__(self) -> ReportSpool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _spool_file() -> IO[str]:
    # Created 0600 and already unlinked (POSIX): it holds chat text.
    return tempfile.TemporaryFile("w+", encoding="utf-8", newline="")


def _read_back(spool: IO[str], tail: str) -> Iterator[str]:
    spool.flush()
    spool.seek(0)
    while piece := spool.read(1 << 18):
        yield piece
    yield tail


def _write_files(
    report: ChatReport,
    out_dir: Path,
    *,
    json_entries: Callable[[], Iterable[str]],
    html_rows: Callable[[], Iterable[str]],
    timezone: tzinfo,
    now: datetime | None,
) -> tuple[Path, Path]:
    now = (now or datetime.now(UTC)).astimezone(timezone)
    history = out_dir / HISTORY_FOLDER
    private_dir(history)
    # One file at a time, written piece by piece: a long chat's report is never whole in memory.
    files: dict[str, tuple[Callable[[], Iterable[str]], str]] = {
        "report.json": (lambda: _json_pieces(report, json_entries()), "utf-8"),
        "report.html": (
            lambda: _html_pieces(report, html_rows(), timezone=timezone, now=now),
            "utf-8",
        ),
        # Excel on Windows reads Cyrillic in a CSV only after a byte-order mark.
        PROBLEMS_CSV: (lambda: [render_problems_csv(report, timezone=timezone)], "utf-8-sig"),
    }
    stamp = _free_stamp(history, now.strftime("%Y-%m-%d_%H-%M-%S"))
    for name, (pieces, encoding) in files.items():
        latest = write_private_text(out_dir / name, pieces(), encoding=encoding)
        write_private_text(
            history / f"{stamp}_{name}", _chunks(latest, encoding), encoding=encoding
        )
    return out_dir / "report.json", out_dir / "report.html"


_MESSAGES_MARK = "\0messages\0"  # stands in for the message list while the rest is encoded
_JSON_END = "\n  ]"


def _json(report: ChatReport) -> dict[str, object]:
    """report.json: the report, and the labels of its outcomes in the interface language."""
    data = report.to_json()
    data["language"] = current_language().value
    data["labels"] = {verdict.value: verdict_label(verdict) for verdict in Verdict}
    return data


def _json_entry(position: int, entry: MessageReport) -> str:
    """The entry as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it at the third
    level of report.json. Written here field by field: with ``indent`` the standard library
    falls back to its pure-Python encoder, and a report entry is written for every message
    while the migration runs."""
    lines = []
    for name in _ENTRY_FIELDS:
        value = getattr(entry, name)
        if isinstance(value, tuple):
            items = ",\n        ".join(map(_encode_scalar, value))
            text = f"[\n        {items}\n      ]" if value else "[]"
        else:
            text = _encode_scalar(value)
        lines.append(f'      "{name}": {text}')
    opening = "[\n    {\n" if position == 0 else ",\n    {\n"
    return opening + ",\n".join(lines) + "\n    }"


# A string, number or null as JSON (the C encoder: no indent).
_encode_scalar = json.JSONEncoder(ensure_ascii=False).encode


def _json_entries(messages: Sequence[MessageReport]) -> Iterator[str]:
    for position, entry in enumerate(messages):
        yield _json_entry(position, entry)
    if messages:
        yield _JSON_END


def _json_pieces(report: ChatReport, entries: Iterable[str]) -> Iterator[str]:
    """report.json as ``_json`` gives it, with the message list as ``entries`` encode it
    (nothing: an empty list)."""
    head = replace(report, messages=())
    data = _json(head)
    data["messages"] = _MESSAGES_MARK
    text = json.dumps(data, ensure_ascii=False, indent=2)
    before, after = text.split(json.dumps(_MESSAGES_MARK), 1)
    yield before
    empty = True
    for piece in entries:
        empty = empty and not piece
        yield piece
    if empty:
        yield "[]"
    yield after


def _chunks(path: Path, encoding: str) -> Iterator[str]:
    """A file just written, read back in pieces (its copy costs no second rendering)."""
    with path.open(encoding=encoding, newline="") as file:
        while piece := file.read(1 << 18):
            yield piece


# A message's entry in report.json: the fields of MessageReport, flat, in their order.
_ENTRY_FIELDS = tuple(f.name for f in fields(MessageReport))


def _free_stamp(history: Path, stamp: str) -> str:
    candidate, number = stamp, 1
    while any(history.glob(f"{candidate}_*")):
        number += 1
        candidate = f"{stamp}-{number}"
    return candidate


_TOTAL_KEYS = {
    "messages": "total.messages",
    "posts": "total.posts",
    RESENT_TOTAL: "total.resent",
}


def total_label(name: str) -> str:
    """A key of ``ChatReport.totals`` (an outcome, "messages", the re-sent count) as the
    administrator reads it."""
    key = _TOTAL_KEYS.get(name)
    return tr(key) if key is not None else verdict_label(name)


def verdict_label(verdict: Verdict | str) -> str:
    value = verdict.value if isinstance(verdict, Verdict) else str(verdict)
    return _verdict_label(current_language(), value) if value in _VERDICTS else value


_VERDICTS = frozenset(v.value for v in Verdict)


@functools.cache
def _verdict_label(language: Lang, value: str) -> str:
    # One label a row of the report; the catalogue's answer per language does not change.
    return tr(f"verdict.{value}")


def format_time(timestamp: int | None, timezone: tzinfo) -> str:
    if timestamp is None:
        return ""
    return datetime.fromtimestamp(timestamp, timezone).strftime("%Y-%m-%d %H:%M:%S")


def _problems(report: ChatReport) -> list[MessageReport]:
    return [entry for entry in report.messages if entry.needs_attention]


def _grouped(entries: Sequence[MessageReport], *, notes: bool) -> list[tuple[str, list[int]]]:
    """Reason (or note) → the ids of its messages, the most frequent first."""
    groups: dict[str, list[int]] = {}
    for entry in entries:
        texts = entry.notes if notes else entry.reasons
        for text in dict.fromkeys(texts):
            groups.setdefault(text, []).append(entry.message_id)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def _group_list(groups: list[tuple[str, list[int]]]) -> str:
    items = []
    for text, ids in groups:
        links = ", ".join(f"<a href='#m{i}'>{i}</a>" for i in ids[:_SHOWN_IDS])
        more = f", … (+{len(ids) - _SHOWN_IDS})" if len(ids) > _SHOWN_IDS else ""
        items.append(
            f"<li>{escape(tr('report.group', count=len(ids), reason=text))}"
            f"<br><span class='ids'>{tr('report.group_ids', ids=links + more)}</span></li>"
        )
    return f"<ul class='groups'>{''.join(items)}</ul>"


def render_report_html(
    report: ChatReport, *, timezone: tzinfo = UTC, now: datetime | None = None
) -> str:
    return "".join(
        _html_pieces(report, _html_rows(report.messages, timezone), timezone=timezone, now=now)
    )


def _html_row(position: int, entry: MessageReport, timezone: tzinfo) -> str:
    return ("\n" if position else "") + _row(entry, timezone)


def _html_rows(messages: Sequence[MessageReport], timezone: tzinfo) -> Iterator[str]:
    for position, entry in enumerate(messages):
        yield _html_row(position, entry, timezone)


def _html_pieces(
    report: ChatReport,
    rows: Iterable[str],
    *,
    timezone: tzinfo = UTC,
    now: datetime | None = None,
) -> Iterator[str]:
    now = (now or datetime.now(UTC)).astimezone(timezone)
    title = tr("report.title", chat=report.chat_name or report.chat_key)
    mode = tr("report.dry_run") if report.dry_run else ""
    counted = [(v, report.totals.get(v.value, 0)) for v in Verdict]
    totals = "".join(
        f"<span class='{v.value}'>{escape(verdict_label(v))}: <b>{n}</b></span>"
        for v, n in counted
        if n
    )
    totals += (
        f"<span>{escape(tr('report.messages'))}: <b>{report.totals.get('messages', 0)}</b></span>"
        f"<span>{escape(tr('report.posts'))}: <b>{report.totals.get('posts', 0)}</b></span>"
    )
    problems = _problems(report)
    reasons = _grouped(problems, notes=False)
    notes = _grouped(problems, notes=True)
    summary = f"<h2>{escape(tr('report.problems'))}</h2>"
    summary += _group_list(reasons) if reasons else f"<p>{escape(tr('report.no_problems'))}</p>"
    if notes:
        summary += f"<h3>{escape(tr('report.notes'))}</h3>{_group_list(notes)}"
    unknown = "".join(f"<li>{escape(line)}</li>" for line in report.unknown_content)
    summary += (
        f"<h3>{escape(tr('report.unknown'))}</h3><ul>{unknown}</ul>"
        if unknown
        else f"<p>{escape(tr('report.all_understood'))}</p>"
    )
    zone = getattr(timezone, "key", None) or str(timezone)
    header = "".join(
        f"<th>{escape(tr(key))}</th>"
        for key in (
            "report.col_id",
            "report.col_time",
            "report.col_author",
            "report.col_outcome",
            "report.col_excerpt",
            "report.col_sent_by",
            "report.col_trueconf",
            "report.col_reason",
        )
    )
    chat_id = report.trueconf_chat_id or "—"
    lang = "ru" if current_language() is Lang.RU else "en"
    yield (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{_CSP}\">"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}{escape(mode)}</h1>"
        f"<p>{escape(tr('report.target', chat_key=report.chat_key, chat_id=chat_id))}<br>"
        f"{escape(tr('report.generated', when=now.strftime('%Y-%m-%d %H:%M:%S'), zone=zone))}"
        "</p>"
        f"<div class='summary'><h2>{escape(tr('report.summary'))}</h2>"
        f"<p class='totals'>{totals}</p>{summary}</div>"
        "<span id='problems'></span>"
        "<p class='views'>"
        f"<a class='to-problems' href='#problems'>{escape(tr('report.show_problems'))}</a>"
        f"<a class='to-all' href='#all'>{escape(tr('report.show_all'))}</a></p>"
        f"<table id='all'><tr>{header}</tr>"
    )
    yield from rows
    yield "</table></body></html>\n"


def _row(entry: MessageReport, timezone: tzinfo) -> str:
    details = "<br>".join(escape(text) for text in entry.reasons + entry.notes)
    verdict = entry.verdict.value if isinstance(entry.verdict, Verdict) else str(entry.verdict)
    css = "problem" if entry.needs_attention else "ok"
    return (
        f"<tr id='m{entry.message_id}' class='{css}'><td class='id'>{entry.message_id}</td>"
        f"<td class='when'>{escape(format_time(entry.timestamp, timezone))}</td>"
        f"<td>{escape(entry.author or '')}</td>"
        f"<td class='{escape(verdict)}'>{escape(verdict_label(entry.verdict))}</td>"
        f"<td class='excerpt'>{escape(entry.excerpt)}</td>"
        f"<td>{escape(', '.join(entry.sent_by))}</td>"
        f"<td>{escape(', '.join(entry.trueconf_ids))}</td><td>{details}</td></tr>"
    )


def render_problems_csv(report: ChatReport, *, timezone: tzinfo = UTC) -> str:
    """Every message that needs attention: Telegram id, time, author, outcome, reason, excerpt.
    The separator is the one Excel expects in the interface's language (";" in Russian)."""
    buffer = io.StringIO()
    delimiter = ";" if current_language() is Lang.RU else ","
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(
        [tr(key) for key in ("csv.id", "csv.time", "csv.author", "csv.outcome", "csv.reason")]
        + [tr("csv.excerpt")]
    )
    for entry in _problems(report):
        writer.writerow(
            [
                entry.message_id,
                format_time(entry.timestamp, timezone),
                entry.author or "",
                verdict_label(entry.verdict),
                "; ".join(entry.reasons + entry.notes),
                entry.excerpt,
            ]
        )
    return buffer.getvalue()
