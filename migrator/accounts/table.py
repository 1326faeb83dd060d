"""The tables ``add_users_to_server.py`` prints (pure text; never a password)."""

from __future__ import annotations

from collections.abc import Sequence

from migrator.accounts.plan import AccountPlan
from migrator.accounts.run import AddUsersOutcome
from migrator.i18n import tr
from migrator.server_api.models import CreateStatus

_STATUS_LABEL = {
    CreateStatus.CREATED: "accounts.created",
    CreateStatus.EXISTS: "accounts.existed",
    CreateStatus.MAPPED: "accounts.mapped",
    CreateStatus.FAILED: "accounts.failed",
}


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header).rstrip(), rule, *(line(row).rstrip() for row in rows)])


def render_results(outcome: AddUsersOutcome, *, config_name: str = "config.toml") -> str:
    results = outcome.results
    names = outcome.display_names
    skipped = tr("accounts.skipped")
    rows = [
        (r.login, names.get(r.login, ""), tr(_STATUS_LABEL[r.status]), r.reason or "")
        for r in results
    ]
    rows += [
        (login, "", skipped, tr("accounts.placeholder")) for login in outcome.plan.placeholders
    ]
    rows += [(login, "", skipped, tr("accounts.undecided")) for login in outcome.plan.undecided]
    counts = {status: sum(r.status is status for r in results) for status in CreateStatus}
    summary = tr(
        "accounts.summary",
        created=counts[CreateStatus.CREATED],
        existed=counts[CreateStatus.EXISTS],
        failed=counts[CreateStatus.FAILED],
    )
    if outcome.plan.mapped:
        summary += tr("accounts.summary_mapped", count=counts[CreateStatus.MAPPED])
    if outcome.plan.undecided:
        summary += tr("accounts.summary_undecided", count=len(outcome.plan.undecided))
    if not rows:
        return tr("accounts.none", config=config_name) + "\n"
    header = (
        tr("accounts.col_login"),
        tr("accounts.col_name"),
        tr("accounts.col_result"),
        tr("accounts.col_reason"),
    )
    return _table(header, rows) + "\n\n" + summary + "\n"


def render_dry_run(plan: AccountPlan, *, config_name: str = "config.toml") -> str:
    def skipped(note: str) -> str:
        return tr("accounts.skipped_note", note=note)

    rows = [(u.login, u.display_name, u.email, tr("accounts.would_create")) for u in plan.users]
    rows += [(r.login, "", "", tr("accounts.refused", reason=r.reason)) for r in plan.refused]
    rows += [(login, "", "", skipped(tr("accounts.placeholder"))) for login in plan.placeholders]
    rows += [
        (login, "", "", tr("accounts.mapped_note", note=tr("accounts.mapped_why")))
        for login in plan.mapped
    ]
    rows += [(login, "", "", skipped(tr("accounts.undecided"))) for login in plan.undecided]
    if not rows:
        return tr("accounts.none", config=config_name) + "\n"
    summary = tr("accounts.dry_run_summary", count=len(plan.users), refused=len(plan.refused))
    if plan.mapped:
        summary += tr("accounts.summary_mapped", count=len(plan.mapped))
    if plan.undecided:
        summary += tr("accounts.summary_undecided", count=len(plan.undecided))
    summary += tr("accounts.nothing_sent")
    header = (
        tr("accounts.col_login"),
        tr("accounts.col_name"),
        tr("accounts.col_email"),
        tr("accounts.col_action"),
    )
    return _table(header, rows) + "\n\n" + summary + "\n"
