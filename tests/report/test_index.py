"""The index of a several-chat run: rows, escaping, both languages, the problems CSV."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

from migrator.config.model import Language
from migrator.report.index import (
    CSP,
    ChatStatus,
    IndexEntry,
    ProblemRow,
    render_index_html,
    render_index_json,
    render_problems_csv,
    write_index,
)
from migrator.report.preview import render_preview


def _entries() -> list[IndexEntry]:
    return [
        IndexEntry(
            chat_key="tg1",
            telegram_name="<script>alert(1)</script>",
            title="Sales & Co",
            type="group",
            owner="alice",
            status=ChatStatus.FAILED,
            trueconf_chat_id="abc",
            totals={"posted": 3, "failed": 1, "messages": 4},
            report="tg1/report.html",
            problems=(ProblemRow(7, "failed", "the server refused the file"),),
        ),
        IndexEntry(
            chat_key="tg2",
            telegram_name="Old",
            title="Old",
            type="channel",
            owner="bob",
            status=ChatStatus.FAILED,
            error="Chat creation failed: 403",
        ),
        IndexEntry("tg3", "Skip", "Skip", "group", "alice", ChatStatus.SKIPPED),
    ]


def test_html_escapes_export_text_links_reports_and_has_the_preview_csp() -> None:
    html = render_index_html(_entries(), dry_run=False)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Sales &amp; Co (abc)" in html
    assert "href='tg1/report.html'" in html
    assert "preview.html" not in html  # no chat here has a preview
    assert f'content="{CSP}"' in html
    assert f'content="{CSP}"' in render_preview("t", ())  # the same policy as the preview
    assert "the chat stopped: Chat creation failed: 403" in html


def test_russian_labels() -> None:
    html = render_index_html(_entries(), dry_run=True, language=Language.RU)
    assert "Сводка переноса (проверка: ничего не отправлено)" in html
    assert "пропущен (migrate = false)" in html and "с ошибками" in html


def test_json_counts_and_csv_rows_across_chats() -> None:
    data = json.loads(render_index_json(_entries(), dry_run=False))
    assert data["counts"] == {"migrated": 0, "failed": 2, "skipped": 1, "planned": 0}
    assert [row["chat_key"] for row in data["chats"]] == ["tg1", "tg2", "tg3"]
    rows = list(csv.reader(io.StringIO(render_problems_csv(_entries()))))
    assert rows[1:] == [
        [
            "tg1",
            "<script>alert(1)</script>",
            "Sales & Co",
            "7",
            "failed",
            "the server refused the file",
        ],
        ["tg2", "Old", "Old", "", "failed", "Chat creation failed: 403"],
    ]


def test_files_are_private(tmp_path: Path) -> None:
    index = write_index(_entries(), tmp_path / "out", dry_run=False)
    for name in ("index.html", "index.json", "problems.csv"):
        mode = stat.S_IMODE((index.parent / name).stat().st_mode)
        assert mode == 0o600, name
