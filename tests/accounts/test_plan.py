from __future__ import annotations

import pytest

from migrator.accounts import plan_accounts
from migrator.accounts.plan import email_domain, needs_server_name
from migrator.config.model import Config
from migrator.errors import ConfigError


def _config(users: dict[str, dict[str, str]], **registration: str) -> Config:
    return Config.model_validate(
        {"server": {"address": "tc.example.com"}, "registration": registration, "users": users}
    )


def test_users_become_accounts_in_config_order() -> None:
    config = _config(
        {
            "ivan_petrov": {"display_name": "Иван Петров", "password": "pw-ivan-1"},
            "anna": {"display_name": "", "password": "pw-anna-1"},
        },
        email_domain="corp.example",
    )
    plan = plan_accounts(config, server_name="ignored.example")
    assert [(u.login, u.display_name, u.email) for u in plan.users] == [
        ("ivan_petrov", "Иван Петров", "ivan_petrov@corp.example"),
        ("anna", "anna", "anna@corp.example"),
    ]
    assert plan.refused == ()


def test_email_takes_the_server_name_without_email_domain() -> None:
    config = _config({"anna": {"password": "pw-anna-1"}})
    assert needs_server_name(config)
    plan = plan_accounts(config, server_name="video.example.com")
    assert plan.users[0].email == "anna@video.example.com"


def test_default_password_fills_missing_passwords() -> None:
    config = _config({"anna": {}, "bob": {"password": "own-pass"}}, default_password="shared-pw")
    plan = plan_accounts(config, server_name="s.example")
    assert {u.login: u.password for u in plan.users} == {"anna": "shared-pw", "bob": "own-pass"}


def test_invalid_logins_are_refused_with_the_rule() -> None:
    config = _config(
        {
            "Ivan": {"password": "pw-1234"},
            "_anna": {"password": "pw-1234"},
            "иван": {"password": "pw-1234"},
            "x" * 33: {"password": "pw-1234"},
            "good.login": {"password": "pw-1234"},
        }
    )
    plan = plan_accounts(config, server_name="s.example")
    assert [u.login for u in plan.users] == ["good.login"]
    reasons = {r.login: r.reason for r in plan.refused}
    assert "found 'I'" in reasons["Ivan"]
    assert "must start with" in reasons["_anna"]
    assert "lowercase Latin" in reasons["иван"]
    assert "at most 32 characters" in reasons["x" * 33]
    assert all(reason.startswith("login [users.") for reason in reasons.values())


def test_account_without_any_password_is_refused() -> None:
    plan = plan_accounts(_config({"anna": {}}), server_name="s.example")
    assert plan.users == ()
    assert "no password" in plan.refused[0].reason
    assert "default_password" in plan.refused[0].reason


def test_password_never_in_repr() -> None:
    plan = plan_accounts(_config({"anna": {"password": "very-secret-pw"}}), server_name="s")
    assert "very-secret-pw" not in repr(plan)


@pytest.mark.parametrize("domain", ["corp example", "a@b.example", "-bad.example"])
def test_malformed_email_domain_is_a_config_error(domain: str) -> None:
    config = _config({"anna": {"password": "pw-anna-1"}}, email_domain=domain)
    with pytest.raises(ConfigError, match=r"\[registration\] email_domain"):
        email_domain(config, server_name="s.example")


def test_email_domain_may_be_written_with_at() -> None:
    config = _config({}, email_domain="@corp.example")
    assert email_domain(config, server_name="s.example") == "corp.example"


def test_deleted_account_placeholders_get_no_account() -> None:
    config = _config(
        {
            "anna": {"password": "pw-anna-1"},
            "deleted_600": {"display_name": "Deleted account 600", "type": "deleted"},
        },
        default_password="Shared-Pass-1",
    )
    plan = plan_accounts(config, server_name="tc.example.com")
    assert [u.login for u in plan.users] == ["anna"]
    assert plan.refused == ()
    assert plan.placeholders == ("deleted_600",)
