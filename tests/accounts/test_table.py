from __future__ import annotations

from migrator.accounts import (
    AccountPlan,
    AddUsersOutcome,
    RefusedUser,
    render_dry_run,
    render_results,
)
from migrator.server_api.models import CreateResult, NewUser


def _plan() -> AccountPlan:
    return AccountPlan(
        users=(
            NewUser("ivan", "Иван Петров", "ivan@s.example", "secret-1"),
            NewUser("anna", "Anna", "anna@s.example", "secret-2"),
            NewUser("bob", "Bob", "bob@s.example", "secret-3"),
        ),
        refused=(RefusedUser("Bad", "login [users.Bad] is not valid: …"),),
    )


def test_results_table_lists_every_account_with_its_outcome() -> None:
    outcome = AddUsersOutcome(
        plan=_plan(),
        results=(
            CreateResult.created("ivan"),
            CreateResult.exists("anna"),
            CreateResult.failed("bob", "the server refused it: password too short"),
            CreateResult.failed("Bad", "login [users.Bad] is not valid: …"),
        ),
    )
    text = render_results(outcome)
    lines = text.splitlines()
    assert lines[0].split() == ["Login", "Display", "name", "Result", "Reason"]
    assert lines[2].split()[:4] == ["ivan", "Иван", "Петров", "created"]
    assert lines[3].split() == ["anna", "Anna", "existed"]
    assert "FAILED" in lines[4] and "password too short" in lines[4]
    assert "1 created, 1 existed, 2 failed" in text
    assert "secret-" not in text
    assert outcome.exit_code == 1


def test_all_created_or_existing_exits_zero() -> None:
    outcome = AddUsersOutcome(
        plan=AccountPlan(users=_plan().users, refused=()),
        results=(CreateResult.created("ivan"), CreateResult.exists("anna")),
    )
    assert outcome.exit_code == 0


def test_dry_run_table_shows_emails_and_refusals() -> None:
    text = render_dry_run(_plan())
    assert "ivan@s.example" in text
    assert "would be created" in text
    assert "REFUSED: login [users.Bad]" in text
    assert "Nothing was sent to the server" in text
    assert "secret-" not in text
