"""The tables ``add_users_to_server.py`` prints (pure text; never a password)."""

from __future__ import annotations

from collections.abc import Sequence

from migrator.accounts.plan import AccountPlan
from migrator.accounts.run import AddUsersOutcome
from migrator.server_api.models import CreateStatus

PLACEHOLDER_NOTE = (
    "placeholder of a deleted Telegram account: no account; build_chat.py posts its messages "
    "as [chat] owner"
)

UNDECIDED_NOTE = (
    'match = "check": several possible existing accounts (see the comment in the entry); '
    'choose one (existing = true) or set match = "no"'
)
MAPPED_NOTE = "existing = true: the account is not created and needs no password"

_STATUS_LABEL = {
    CreateStatus.CREATED: "created",
    CreateStatus.EXISTS: "existed",
    CreateStatus.MAPPED: "exists, mapped",
    CreateStatus.FAILED: "FAILED",
}


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header).rstrip(), rule, *(line(row).rstrip() for row in rows)])


def render_results(outcome: AddUsersOutcome) -> str:
    results = outcome.results
    names = outcome.display_names
    rows = [
        (r.login, names.get(r.login, ""), _STATUS_LABEL[r.status], r.reason or "") for r in results
    ]
    rows += [(login, "", "skipped", PLACEHOLDER_NOTE) for login in outcome.plan.placeholders]
    rows += [(login, "", "skipped", UNDECIDED_NOTE) for login in outcome.plan.undecided]
    counts = {status: sum(r.status is status for r in results) for status in CreateStatus}
    summary = (
        f"{counts[CreateStatus.CREATED]} created, {counts[CreateStatus.EXISTS]} existed, "
        f"{counts[CreateStatus.FAILED]} failed"
    )
    if outcome.plan.mapped:
        summary += f", {counts[CreateStatus.MAPPED]} mapped onto existing accounts"
    if outcome.plan.undecided:
        summary += f", {len(outcome.plan.undecided)} waiting for your decision"
    if not rows:
        return "No accounts in [users] of config.toml.\n"
    return _table(("Login", "Display name", "Result", "Reason"), rows) + "\n\n" + summary + "\n"


def render_dry_run(plan: AccountPlan) -> str:
    rows = [(u.login, u.display_name, u.email, "would be created") for u in plan.users]
    rows += [(r.login, "", "", f"REFUSED: {r.reason}") for r in plan.refused]
    rows += [(login, "", "", f"skipped: {PLACEHOLDER_NOTE}") for login in plan.placeholders]
    rows += [(login, "", "", f"exists, mapped: {MAPPED_NOTE}") for login in plan.mapped]
    rows += [(login, "", "", f"skipped: {UNDECIDED_NOTE}") for login in plan.undecided]
    if not rows:
        return "No accounts in [users] of config.toml.\n"
    summary = (
        f"Dry run: {len(plan.users)} account(s) would be created (or reported as existing), "
        f"{len(plan.refused)} refused"
    )
    if plan.mapped:
        summary += f", {len(plan.mapped)} mapped onto existing accounts"
    if plan.undecided:
        summary += f", {len(plan.undecided)} waiting for your decision"
    summary += ". Nothing was sent to the server."
    return _table(("Login", "Display name", "E-mail", "Action"), rows) + "\n\n" + summary + "\n"
