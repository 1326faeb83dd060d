"""Tables for ``--import-tokens`` and ``--check-tokens``. Pure; tokens never appear."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from migrator.intake.check import SignIn, TokenReport
from migrator.intake.import_tokens import ImportResult
from migrator.tokens import TokenState

_STATE_TEXT = {
    TokenState.VALID: "valid",
    TokenState.SOON_EXPIRING: "expires soon",
    TokenState.EXPIRED: "expired",
    TokenState.MALFORMED: "malformed",
    TokenState.MISSING: "missing",
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
            result.outcome.value,
            format_expiry(result.expires_at),
            result.note or "",
        )
        for result in results
    ]
    table = render_rows(("file", "login", "result", "expires", "note"), rows)
    counts = Counter(result.outcome.value for result in results)
    summary = ", ".join(f"{outcome}: {count}" for outcome, count in counts.items())
    return f"{table}\n\n{len(results)} files: {summary}"


def render_token_reports(reports: Sequence[TokenReport]) -> str:
    rows = [
        (
            report.login,
            _STATE_TEXT[report.state],
            format_expiry(report.expires_at),
            report.sign_in.value,
            report.problem or "",
        )
        for report in reports
    ]
    table = render_rows(("login", "token", "expires", "signs in by", "problem"), rows)
    blocked = sum(report.sign_in is SignIn.NONE for report in reports)
    wrong = sum(report.wrong_person for report in reports)
    by_password = sum(report.sign_in is SignIn.PASSWORD for report in reports)
    attention = sum(report.needs_attention for report in reports)
    summary = (
        f"{len(reports)} accounts: {attention} need attention, "
        f"{by_password} will sign in by password, {blocked} cannot sign in"
    )
    if wrong:
        summary += (
            f"\nSomeone else's token in {wrong} of them: put each person's own token in their "
            "entry (parse_users.py --import-tokens DIR matches token files by login)"
        )
    if blocked:
        summary += (
            "\nThose who cannot sign in need a token from the token page (then run "
            "parse_users.py --import-tokens DIR) or a password in their [users] entry."
        )
    return f"{table}\n\n{summary}"
