"""report.json and report.html: every message with its outcome, and the totals.

Everything taken from the export or the server is escaped; the page has no scripts.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from migrator.private_files import private_dir, write_private_text
from migrator.report.outcomes import ChatReport, Verdict

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;
text-align:left;vertical-align:top}.posted{color:#176b2c}.attributed{color:#8a5a00}
.skipped{color:#666}.failed{color:#b00020;font-weight:bold}.planned{color:#0b5cad}
.totals span{margin-right:1.5em}
"""


def write_report(report: ChatReport, out_dir: Path) -> tuple[Path, Path]:
    """Write ``report.json`` and ``report.html`` into ``out_dir`` (created if needed)."""
    private_dir(out_dir)
    json_path = out_dir / "report.json"
    html_path = out_dir / "report.html"
    _atomic_write(json_path, json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    _atomic_write(html_path, render_report_html(report))
    return json_path, html_path


def render_report_html(report: ChatReport) -> str:
    title = f"Migration report: {report.chat_name or report.chat_key}"
    totals = "".join(
        f"<span>{escape(name)}: <b>{count}</b></span>" for name, count in report.totals.items()
    )
    rows = "\n".join(_row(entry_index, report) for entry_index in range(len(report.messages)))
    chat_id = escape(report.trueconf_chat_id or "—")
    mode = " (dry run: nothing was sent)" if report.dry_run else ""
    unknown = "".join(f"<li>{escape(line)}</li>" for line in report.unknown_content)
    unknown_section = (
        f"<h2>Not understood in the export</h2><ul>{unknown}</ul>"
        if unknown
        else "<p>Everything in the export was understood.</p>"
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}{escape(mode)}</h1>"
        f"<p>Telegram chat {escape(report.chat_key)} → TrueConf chat {chat_id}</p>"
        f"<p class='totals'>{totals}</p>{unknown_section}"
        "<table><tr><th>#</th><th>Time (UTC)</th><th>Author</th><th>Outcome</th>"
        "<th>Sent by</th><th>TrueConf ids</th><th>Reason / notes</th></tr>"
        f"{rows}</table></body></html>\n"
    )


def _row(index: int, report: ChatReport) -> str:
    entry = report.messages[index]
    when = (
        datetime.fromtimestamp(entry.timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S")
        if entry.timestamp is not None
        else ""
    )
    details = "<br>".join(escape(text) for text in entry.reasons + entry.notes)
    verdict = entry.verdict.value if isinstance(entry.verdict, Verdict) else str(entry.verdict)
    return (
        f"<tr><td>{entry.message_id}</td><td>{escape(when)}</td>"
        f"<td>{escape(entry.author or '')}</td>"
        f"<td class='{escape(verdict)}'>{escape(verdict)}</td>"
        f"<td>{escape(', '.join(entry.sent_by))}</td>"
        f"<td>{escape(', '.join(entry.trueconf_ids))}</td><td>{details}</td></tr>"
    )


def _atomic_write(path: Path, text: str) -> None:
    write_private_text(path, text)
