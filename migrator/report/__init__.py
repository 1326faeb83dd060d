"""Reports: the per-message outcome report, the dry-run preflight and the chat preview."""

from migrator.report.html_report import render_report_html, write_report
from migrator.report.outcomes import ChatReport, MessageReport, Verdict, build_report
from migrator.report.preflight import Preflight, build_preflight
from migrator.report.preview import render_preview, sanitize, write_preview
from migrator.report.unknown import load_stats_json, unknown_content

__all__ = [
    "ChatReport",
    "MessageReport",
    "Preflight",
    "Verdict",
    "build_preflight",
    "build_report",
    "load_stats_json",
    "render_preview",
    "render_report_html",
    "sanitize",
    "unknown_content",
    "write_preview",
    "write_report",
]
