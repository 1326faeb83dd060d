from __future__ import annotations

import json
from pathlib import Path

from migrator.plan.post import (
    Attribution,
    MessagePlan,
    Post,
    PostKey,
    PostKind,
    Skipped,
)
from migrator.report import (
    Verdict,
    build_preflight,
    build_report,
    render_preview,
    sanitize,
    unknown_content,
)
from migrator.report.html_report import write_report
from migrator.send.sender import PostOutcome, Status
from migrator.telegram.model import LoadStats, MissingReason


def post(
    mid: int,
    *,
    author: str = "bob",
    html: str = "hi",
    attribution: Attribution = Attribution.AUTHOR,
) -> Post:
    return Post(
        PostKey("tg1", mid),
        author,
        attribution,
        PostKind.TEXT,
        html,
        original_name="Bob <evil>",
        timestamp=1756735200,
    )


PLANS = (
    MessagePlan(1, (post(1),)),
    MessagePlan(2, (post(2, author="alice", attribution=Attribution.OWNER),)),
    MessagePlan(3, skipped=Skipped(3, "an empty message")),
    MessagePlan(4, (post(4, html="<script>alert(1)</script>"),), notes=("file over limit",)),
)


def test_every_message_gets_its_verdict_and_reason() -> None:
    outcomes = {
        PostKey("tg1", 1): PostOutcome(PLANS[0].posts[0], Status.SENT, "m1", "bob"),
        PostKey("tg1", 2): PostOutcome(PLANS[1].posts[0], Status.SENT, "m2", "alice"),
        PostKey("tg1", 4): PostOutcome(PLANS[3].posts[0], Status.FAILED, reason="server error 303"),
    }
    report = build_report(
        chat_key="tg1", chat_name="Chat", trueconf_chat_id="c1", plans=PLANS, outcomes=outcomes
    )
    verdicts = [m.verdict for m in report.messages]
    assert verdicts == [Verdict.POSTED, Verdict.ATTRIBUTED, Verdict.SKIPPED, Verdict.FAILED]
    assert report.messages[0].trueconf_ids == ("m1",)
    assert report.messages[2].reasons == ("an empty message",)
    assert report.messages[3].reasons == ("server error 303",)
    assert report.failed == 1 and report.totals["messages"] == 4


def test_a_post_never_reached_is_reported_as_failed() -> None:
    report = build_report(
        chat_key="tg1", chat_name=None, trueconf_chat_id=None, plans=PLANS[:1], outcomes={}
    )
    assert report.messages[0].verdict is Verdict.FAILED


def test_report_files_escape_everything(tmp_path: Path) -> None:
    report = build_report(
        chat_key="tg1", chat_name="<b>Chat</b>", trueconf_chat_id=None, plans=PLANS, outcomes=None
    )
    json_path, html_path = write_report(report, tmp_path)
    page = html_path.read_text(encoding="utf-8")
    assert "<script" not in page and "Bob &lt;evil&gt;" in page and "&lt;b&gt;Chat" in page
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["dry_run"] is True and data["messages"][1]["verdict"] == "planned"


def test_report_files_written_piece_by_piece_hold_the_whole_report(tmp_path: Path) -> None:
    report = build_report(
        chat_key="tg1", chat_name="Чат", trueconf_chat_id="c1", plans=PLANS, outcomes=None
    )
    json_path, html_path = write_report(report, tmp_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    expected = report.to_json()
    assert data["messages"] == json.loads(json.dumps(expected["messages"]))
    assert len(data["messages"]) == len(PLANS)
    assert {key: data[key] for key in expected} == json.loads(json.dumps(expected))
    assert set(data["labels"]) == {verdict.value for verdict in Verdict}
    page = html_path.read_text(encoding="utf-8")
    assert page.count("<tr id='m") == len(PLANS) and page.endswith("</table></body></html>\n")
    copies = sorted((tmp_path / "history").iterdir())
    assert [path.read_bytes() for path in copies if path.name.endswith("report.json")] == [
        json_path.read_bytes()
    ]


def test_an_empty_report_is_valid_json(tmp_path: Path) -> None:
    report = build_report(
        chat_key="tg1", chat_name=None, trueconf_chat_id=None, plans=(), outcomes=None
    )
    json_path, _ = write_report(report, tmp_path)
    assert json.loads(json_path.read_text(encoding="utf-8"))["messages"] == []


def test_preview_keeps_formatting_and_drops_scripts() -> None:
    assert sanitize('<b>x</b><script>alert(1)</script><a href="javascript:x">l</a>') == (
        "<b>x</b>alert(1)<a>l</a>"
    )
    assert sanitize('<a href="https://e.com/?a=1&amp;b=2">ok</a>') == (
        '<a href="https://e.com/?a=1&amp;b=2" rel="noreferrer">ok</a>'
    )
    page = render_preview("T <x>", PLANS)
    assert "<script" not in page and "T &lt;x&gt;" in page and "skipped: an empty message" in page


def test_preflight_counts() -> None:
    text = build_preflight("Chat (tg1)", PLANS, {"bob": "token", "dave": "cannot sign in"}).render()
    assert "3 posts (text 3)" in text and "attributed to the owner: 1" in text
    assert "1 × an empty message" in text and "file over limit" in text and "dave: cannot" in text


def test_unknown_content_is_counted_never_silent(tmp_path: Path) -> None:
    stats = LoadStats(
        messages=4,
        unknown_fields={"a": 1, "b": 3},
        unknown_actions={"new_action": 2},
        refused_paths=[(7, "../x", MissingReason.OUTSIDE_EXPORT)],
    )
    lines = unknown_content(stats)
    assert lines == (
        "unknown message fields (ignored): 4 (b ×3, a ×1)",
        "service actions not understood (posted as a neutral line): 2 (new_action ×2)",
        "refused file paths (never opened): 1 (#7 '../x' (outside_export))",
    )
    text = build_preflight("Chat (tg1)", PLANS, {}, unknown=lines).render()
    assert "not understood in the export: 3 kinds" in text and "b ×3, a ×1" in text
    clean = build_preflight("Chat (tg1)", PLANS, {}, unknown=unknown_content(LoadStats()))
    assert "not understood in the export: nothing" in clean.render()
    report = build_report(
        chat_key="tg1", chat_name="C", trueconf_chat_id=None, plans=PLANS, outcomes=None,
        stats=stats,
    )  # fmt: skip
    json_path, html_path = write_report(report, tmp_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["unknown_content"] == list(lines)
    assert data["load_stats"]["unknown_fields"] == {"a": 1, "b": 3}
    assert "new_action ×2" in html_path.read_text(encoding="utf-8")
