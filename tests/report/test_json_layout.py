"""report.json is laid out exactly as ``json.dumps(..., indent=2)`` lays out its content, for
entries of every shape (its entries are written field by field, see ``_json_entry``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from migrator.report.html_report import write_report
from migrator.report.outcomes import ChatReport, MessageReport, Verdict

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
AWKWARD = 'кавычки " и \\ обратная черта\nперевод строки\t\x01 😀 <b>&amp;</b>'


def _entries() -> tuple[MessageReport, ...]:
    return (
        MessageReport(1, Verdict.POSTED, "Боб", ("bob",), ("m1",), ("text",), timestamp=1),
        MessageReport(2, Verdict.SKIPPED, None, reasons=("empty",), timestamp=None),
        MessageReport(
            3,
            Verdict.FAILED,
            AWKWARD,
            ("bob", "alice"),
            ("m3", "m3.1", "m3.2"),
            ("photo", "text"),
            (AWKWARD, "server error 303"),
            (AWKWARD,),
            timestamp=1_756_735_200,
            excerpt=AWKWARD,
        ),
        MessageReport(2**40, Verdict.ATTRIBUTED, "", excerpt=""),
    )


def test_report_json_is_the_standard_layout_of_its_content(tmp_path: Path) -> None:
    for messages in (_entries(), _entries()[:1], ()):
        report = ChatReport("tg1", "Чат", "chat-1", messages, totals={"posted": 1})
        json_path, _ = write_report(report, tmp_path / str(len(messages)), now=NOW)
        text = json_path.read_text(encoding="utf-8")
        content = json.loads(text)
        assert text.rstrip("\n") == json.dumps(content, ensure_ascii=False, indent=2)
        assert [entry["message_id"] for entry in content["messages"]] == [
            entry.message_id for entry in messages
        ]
        if messages:
            assert content["messages"][2 if len(messages) > 2 else 0]["excerpt"] in (AWKWARD, "")
