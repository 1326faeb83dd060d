from __future__ import annotations

import itertools

from migrator.config.model import Config, Language, RegistrationConfig, UserConfig
from migrator.users import validate_login
from migrator.users.collect import collect_people
from migrator.users.merge import plan_users, random_password

from .messages import ACCEPTANCE_CHAT


def test_acceptance_cast_gets_distinct_valid_logins() -> None:
    update = plan_users(collect_people(ACCEPTANCE_CHAT), Config())
    logins = {change.fields["telegram_id"]: change.login for change in update.added}
    assert logins == {
        "user100": "ivan_petrov",
        "user200": "ivan_petrov_2",
        "user300": "ivan_petrov_3",
        "user400": "wangxiaoming",
        "user500": "user_500",
        "user600": "deleted_600",
        "channel900": "novosti_kompanii",
        "user700": "olga_kuznetsova",
    }
    assert all(validate_login(login) is None for login in logins.values())
    assert update.collisions == [("ivan_petrov", "ivan_petrov_2"), ("ivan_petrov", "ivan_petrov_3")]
    assert update.placeholders == ["deleted_600"]


def test_display_names_keep_their_spelling_and_placeholders_are_clear() -> None:
    update = plan_users(collect_people(ACCEPTANCE_CHAT), Config())
    fields = {change.login: change.fields for change in update.added}
    assert fields["ivan_petrov_2"] == {
        "display_name": "Иван Петров",
        "access_token": "",
        "telegram_id": "user200",
        "type": "user",
    }
    assert fields["user_500"]["display_name"] == "🚀🔥"
    assert fields["deleted_600"]["display_name"] == "Удалённый аккаунт 600"
    assert fields["deleted_600"]["type"] == "deleted"
    assert fields["novosti_kompanii"]["type"] == "channel"
    english = Config.model_validate({"chat": {"language": Language.EN}})
    update = plan_users(collect_people(ACCEPTANCE_CHAT), english)
    assert {c.login: c.fields for c in update.added}["deleted_600"]["display_name"] == (
        "Deleted account 600"
    )


def test_registration_auto_fills_passwords() -> None:
    auto = Config(registration=RegistrationConfig(auto=True))
    numbers = itertools.count(1)
    update = plan_users(
        collect_people(ACCEPTANCE_CHAT), auto, password_factory=lambda: f"generated-{next(numbers)}"
    )
    # Nobody can sign in as a deleted account: its placeholder gets no password (and no account).
    placeholders = [c for c in update.added if c.person.deleted]
    assert [c.login for c in placeholders] == ["deleted_600"]
    assert "password" not in placeholders[0].fields
    passwords = [c.fields["password"] for c in update.added if not c.person.deleted]
    assert passwords == [f"generated-{n}" for n in range(1, 8)]
    assert update.generated_passwords == 7
    shared = Config(registration=RegistrationConfig(auto=True, default_password="Shared-Pass-1"))
    update = plan_users(collect_people(ACCEPTANCE_CHAT), shared)
    shared_passwords = {c.fields.get("password") for c in update.added if not c.person.deleted}
    assert shared_passwords == {"Shared-Pass-1"}
    assert update.generated_passwords == 0


def test_random_passwords_are_strong_and_distinct() -> None:
    passwords = {random_password() for _ in range(50)}
    assert len(passwords) == 50
    assert all(len(password) == 16 for password in passwords)


def test_rerun_keeps_existing_entries_and_their_edits() -> None:
    config = Config(
        registration=RegistrationConfig(auto=True, default_password="Shared-Pass-1"),
        users={
            # hand-renamed login, edited token and display name, bare-number id of the original
            "ivan.p": UserConfig(
                display_name="Иван Петрович", access_token="hand-edited", telegram_id="100"
            ),
            "boss": UserConfig(display_name="Owner"),  # no Telegram id: never touched
            "gone": UserConfig(telegram_id="user999"),  # not in this export: reported
            "ivan_petrov": UserConfig(telegram_id="user4242"),  # takes the name from others
        },
    )
    update = plan_users(collect_people(ACCEPTANCE_CHAT), config)
    assert update.kept == ["ivan.p"]
    assert [(c.login, c.fields) for c in update.filled] == [
        ("ivan.p", {"password": "Shared-Pass-1"})
    ]
    added = {change.fields["telegram_id"]: change.login for change in update.added}
    assert "user100" not in added
    assert added["user200"] == "ivan_petrov_2"
    assert added["user300"] == "ivan_petrov_3"
    assert sorted(update.not_in_export) == ["gone", "ivan_petrov"]


def test_second_plan_over_the_first_result_changes_nothing() -> None:
    first = plan_users(collect_people(ACCEPTANCE_CHAT), Config())
    users = {change.login: UserConfig(**change.fields) for change in first.added}
    second = plan_users(collect_people(ACCEPTANCE_CHAT), Config(users=users))
    assert second.added == []
    assert second.filled == []
    assert sorted(second.kept) == sorted(users)
