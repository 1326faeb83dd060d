"""Tables for ``--import-tokens`` and ``--check-tokens``. Pure; tokens never appear."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from migrator.i18n import tr
from migrator.intake.check import SignIn, TokenReport
from migrator.intake.import_tokens import ImportResult
from migrator.tokens import TokenState

_STATE_TEXT = {
    TokenState.VALID: "token.valid",
    TokenState.SOON_EXPIRING: "token.expires_soon",
    TokenState.EXPIRED: "token.expired",
    TokenState.MALFORMED: "token.malformed",
    TokenState.MISSING: "token.missing",
}
_SIGN_IN_TEXT = {
    SignIn.TOKEN: "signs_in.token",
    SignIn.PASSWORD: "signs_in.password",
    SignIn.NONE: "signs_in.none",
    SignIn.NO_ACCOUNT: "signs_in.no_account",
}


def format_expiry(expires_at: int | None) -> str:
    if expires_at is None:
        return "-"
    return datetime.fromtimestamp(expires_at, UTC).strftime("%Y-%m-%d %H:%M UTC")


def render_rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def render_import_results(results: Sequence[ImportResult]) -> str:
    rows = [
        (
            result.file.name,
            result.login or "-",
            tr(f"import.{result.outcome.value}"),
            format_expiry(result.expires_at),
            result.note or "",
        )
        for result in results
    ]
    header = tuple(
        tr(f"tokens.col_{name}") for name in ("file", "login", "result", "expires", "note")
    )
    table = render_rows(header, rows)
    counts = Counter(result.outcome.value for result in results)
    summary = ", ".join(f"{tr('import.' + outcome)}: {count}" for outcome, count in counts.items())
    return f"{table}\n\n" + tr("tokens.files", count=len(results), summary=summary)


def render_token_reports(reports: Sequence[TokenReport]) -> str:
    rows = [
        (
            report.login,
            tr(_STATE_TEXT[report.state]),
            format_expiry(report.expires_at),
            tr(_SIGN_IN_TEXT[report.sign_in]),
            report.problem or "",
        )
        for report in reports
    ]
    header = tuple(
        tr(f"tokens.col_{name}") for name in ("login", "token", "expires", "signs_in", "problem")
    )
    table = render_rows(header, rows)
    blocked = sum(report.sign_in is SignIn.NONE for report in reports)
    wrong = sum(report.wrong_person for report in reports)
    by_password = sum(report.sign_in is SignIn.PASSWORD for report in reports)
    deleted = sum(report.sign_in is SignIn.NO_ACCOUNT for report in reports)
    attention = sum(report.needs_attention for report in reports)
    summary = tr(
        "tokens.summary",
        count=len(reports),
        attention=attention,
        by_password=by_password,
        blocked=blocked,
    )
    if deleted:
        summary += tr("tokens.summary_deleted", count=deleted)
    if wrong:
        summary += "\n" + tr("tokens.wrong_hint", count=wrong)
    if blocked:
        summary += "\n" + tr("tokens.blocked_hint")
    return f"{table}\n\n{summary}"
