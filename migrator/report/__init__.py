"""Reports: the per-message outcome report, the dry-run preflight and the chat preview."""

from migrator.report.html_report import render_report_html, write_report
from migrator.report.outcomes import ChatReport, MessageReport, Verdict, build_report
from migrator.report.preflight import Preflight, build_preflight
from migrator.report.preview import render_preview, sanitize, write_preview

__all__ = [
    "ChatReport",
    "MessageReport",
    "Preflight",
    "Verdict",
    "build_preflight",
    "build_report",
    "render_preview",
    "render_report_html",
    "sanitize",
    "write_preview",
    "write_report",
]
