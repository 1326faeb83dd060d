"""report.html, problems.csv and the kept reports of earlier runs, after a migration with a
missing file, a file the server refuses and a post that fails."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine.run import build_chat
from migrator.i18n import Lang, set_language
from tests.engine.exports import PASSWORDS
from tests.engine.helpers import build_options

from .support import migrate_with_problems


@pytest.fixture
def server() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as running:
        for login, password in PASSWORDS.items():
            running.add_user(login, password)
        yield running


def test_report_summary_problems_csv_and_history(server: RunningEmulator, tmp_path: Path) -> None:
    out = migrate_with_problems(server, tmp_path)
    report = json.loads((out / "report.json").read_text("utf-8"))
    verdicts = {m["message_id"]: m["verdict"] for m in report["messages"]}
    assert verdicts == {1: "posted", 2: "posted", 3: "posted", 4: "failed", 5: "posted"}
    page = (out / "report.html").read_text("utf-8")
    # The summary comes before the table: counts by outcome, problems grouped by reason.
    summary, table = page.split("<table", 1)
    assert "posted: <b>4</b>" in summary and "failed: <b>1</b>" in summary
    assert re.search(r"1 × gave up after 2 attempts.*?messages: <a href='#m4'>4</a>", summary)
    assert re.search(r"1 × File not migrated: gone\.jpg.*?<a href='#m2'>2</a>", summary)
    assert re.search(r"1 × File not migrated: setup\.exe.*?<a href='#m3'>3</a>", summary)
    # Each row: the Telegram id, the time in the configured zone (UTC+5), author, an excerpt.
    row = re.search(r"<tr id='m4' class='problem'>(.*?)</tr>", table)
    assert row is not None
    assert "2025-09-01 19:04:00" in row.group(1)  # 14:04 UTC
    assert "Alice" in row.group(1) and "the minutes" in row.group(1)
    assert re.search(r"<tr id='m1' class='ok'>.*?hello.*?</tr>", table)
    # The "problems only" view needs no script: the page forbids scripts altogether.
    assert "href='#problems'" in page and "#problems:target~table tr.ok{display:none}" in page
    assert "default-src 'none'" in page and "<script" not in page
    assert "(times in Asia/Yekaterinburg)" in page

    raw = (out / "problems.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel on Windows
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Telegram id", "Time", "Author", "Outcome", "Reason", "Excerpt"]
    by_id = {row[0]: row for row in rows[1:]}
    assert sorted(by_id) == ["2", "3", "4"]
    assert by_id["4"][1:4] == ["2025-09-01 19:04:00", "Alice", "failed"]
    assert "gave up after 2 attempts" in by_id["4"][4]
    assert "gone.jpg" in by_id["2"][4] and "not allowed by the server" in by_id["3"][4]
    for name in ("report.html", "report.json", "problems.csv"):
        assert (out / name).stat().st_mode & 0o777 == 0o600, name

    # Later runs keep the earlier runs' reports (the dry run's, the migration's); the latest is
    # in the folder itself.
    server.faults.upload_5xx_probability = 0.0
    assert build_chat(build_options(tmp_path / "config.toml", tmp_path), stdout=io.StringIO()) == 0
    history = sorted(path.name for path in (out / "history").iterdir())
    assert len(history) == 9, history
    assert sum(name.endswith("_report.html") for name in history) == 3
    latest = json.loads((out / "report.json").read_text("utf-8"))
    assert {m["message_id"]: m["verdict"] for m in latest["messages"]}[4] == "posted"


def test_the_same_note_is_listed_once_with_its_count(tmp_path: Path) -> None:
    from migrator.plan.post import MessagePlan
    from migrator.report import build_report
    from migrator.report.html_report import render_report_html

    plans = [MessagePlan(i, notes=("sticker not converted",)) for i in range(1, 301)]
    report = build_report(
        chat_key="tg1", chat_name="C", trueconf_chat_id=None, plans=plans, outcomes=None
    )
    summary = render_report_html(report).split("<table", 1)[0]
    assert summary.count("sticker not converted") == 1
    assert "300 × sticker not converted" in summary and "(+270)" in summary


def test_report_in_russian(server: RunningEmulator, tmp_path: Path) -> None:
    set_language(Lang.RU)
    out = migrate_with_problems(server, tmp_path)
    page = (out / "report.html").read_text("utf-8")
    assert "Отчёт о переносе" in page and "Требует внимания" in page
    assert "не перенесено: <b>1</b>" in page and "Показать только проблемы" in page
    header = (out / "problems.csv").read_text("utf-8-sig").splitlines()[0]
    assert header == "№ в Telegram;Время;Автор;Итог;Причина;Начало сообщения"
