"""Entries mapped onto existing accounts (existing = true) and undecided ones (match = "check")."""

from __future__ import annotations

from typing import Any

from migrator.accounts import add_users, plan_accounts, render_dry_run, render_results
from migrator.config.model import Config
from migrator.emulator import RunningEmulator
from migrator.server_api.models import CreateStatus
from tests.accounts.conftest import WatchingTransport, make_config

USERS: dict[str, dict[str, Any]] = {
    "i.petrov": {"display_name": "Иван Петров", "existing": True, "telegram_id": "user1"},
    "olga_kuznetsova": {"display_name": "Ольга Кузнецова", "match": "check"},
    "anna_smirnova": {"display_name": "Анна Смирнова", "password": "Anna-pass-1"},
}


def test_mapped_and_undecided_entries_need_no_password_and_are_never_created() -> None:
    config = Config.model_validate(
        {"registration": {"default_password": "Shared-1"}, "users": USERS}
    )
    plan = plan_accounts(config, server_name="tc.example")
    assert [user.login for user in plan.users] == ["anna_smirnova"]
    assert plan.mapped == ("i.petrov",)
    assert plan.undecided == ("olga_kuznetsova",)
    assert plan.refused == ()
    text = render_dry_run(plan)
    lines = {line.split()[0]: " ".join(line.split()) for line in text.splitlines() if line}
    assert lines["i.petrov"].startswith("i.petrov exists, mapped: existing = true")
    assert lines["olga_kuznetsova"].startswith('olga_kuznetsova skipped: match = "check"')
    assert "1 mapped onto existing accounts, 1 waiting for your decision" in text


async def test_a_mapped_account_is_checked_on_the_server_not_created(
    emulator: RunningEmulator,
) -> None:
    emulator.add_user("i.petrov", "", display_name="Петров Иван")
    watch = WatchingTransport()
    config = make_config(emulator, USERS)
    outcome = await add_users(config, transport=watch)
    assert watch.created_ids() == ["anna_smirnova"]
    assert {r.login: r.status for r in outcome.results} == {
        "i.petrov": CreateStatus.MAPPED,
        "anna_smirnova": CreateStatus.CREATED,
    }
    assert outcome.exit_code == 1  # olga_kuznetsova waits for the administrator
    assert emulator.state.find_user("olga_kuznetsova") is None
    petrov = emulator.state.find_user("i.petrov")
    assert petrov is not None and petrov.display_name == "Петров Иван"  # left as it was
    table = render_results(outcome)
    assert "exists, mapped" in table
    assert "1 created, 0 existed, 0 failed, 1 mapped onto existing accounts" in table


async def test_a_mapped_account_missing_on_the_server_fails_with_the_fix(
    emulator: RunningEmulator,
) -> None:
    watch = WatchingTransport()
    config = make_config(emulator, {"i.petrov": USERS["i.petrov"]})
    outcome = await add_users(config, transport=watch)
    assert watch.created_ids() == []
    [result] = outcome.results
    assert result.status is CreateStatus.FAILED
    assert result.reason is not None and "the server has no account 'i.petrov'" in result.reason
    assert outcome.exit_code == 1
    assert emulator.state.find_user("i.petrov") is None
