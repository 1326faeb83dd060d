"""Mapping planned [users] entries onto the server's accounts, without a server (pure)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from migrator.config.model import Config
from migrator.i18n import Lang, set_language
from migrator.telegram.model import Message
from migrator.users.collect import collect_people
from migrator.users.mapping import MatchSummary, map_onto_accounts
from migrator.users.matching import Account
from migrator.users.merge import UsersUpdate, plan_users

from .messages import channel, said, user

CHAT = [
    said(1, user(1, "Иван Петров")),
    said(2, user(2, "Ivan Petrov")),
    said(3, user(3, "Анна")),
    said(4, user(4, "С. Волков")),
    said(5, channel(9, "Новости")),
    said(6, user(6, None)),
]
DIRECTORY = [
    Account("i.petrov", "Петров Иван"),
    Account("anna", "Anna Karenina"),
    Account("s.volkov", "Сергей Волков"),
    Account("novosti", "Новости"),
]


def _plan(
    config: Config, accounts: list[Account], chat: list[Message] = CHAT
) -> tuple[UsersUpdate, MatchSummary]:
    numbers = itertools.count(1)
    update = plan_users(
        collect_people(chat),
        config,
        password_factory=lambda: f"generated-{next(numbers)}",
        reserved=[account.login for account in accounts],
    )
    return update, map_onto_accounts(update, config, accounts)


def test_two_people_sure_of_one_account_are_both_left_to_the_administrator() -> None:
    config = Config.model_validate({"chat": {"language": "en"}, "registration": {"auto": True}})
    update, summary = _plan(config, DIRECTORY)
    added = {change.login: change for change in update.added}
    assert summary.sure == []
    assert set(summary.ambiguous) == {"ivan_petrov", "ivan_petrov_2", "anna_2", "s_volkov"}
    for login in ("ivan_petrov", "ivan_petrov_2"):
        assert added[login].fields["match"] == "check"
        assert "password" not in added[login].fields
        assert added[login].comments[0] == (
            'possible existing accounts, not merged: i.petrov "Петров Иван" (name) — '
            "also matches another person"
        )
    # "Анна" has only a weak candidate, and her generated login does not take the server's "anna".
    assert added["anna_2"].comments[0].startswith('possible existing accounts, not merged: anna "')
    # Channels and deleted accounts are never looked up (the channel's login keeps away from the
    # server's "novosti" all the same).
    assert added["novosti_2"].fields["type"] == "channel"
    assert "match" not in added["novosti_2"].fields
    assert "match" not in added["deleted_6"].fields
    assert update.generated_passwords == 1  # the channel's; the four flagged ones got none


@pytest.fixture
def russian() -> Iterator[None]:
    """The comments follow the interface language."""
    set_language(Lang.RU)
    yield
    set_language(Lang.EN)


def test_an_account_already_in_users_is_not_taken_twice(russian: None) -> None:
    config = Config.model_validate({"users": {"i.petrov": {"display_name": "Иван Петров"}}})
    update, summary = _plan(config, DIRECTORY[:1], CHAT[:1])
    ivan = next(change for change in update.added if change.fields["telegram_id"] == "user1")
    assert ivan.fields["match"] == "check"
    assert ivan.comments[0].endswith("— уже есть в [users]")
    assert summary.sure == []


def test_a_sure_match_replaces_the_generated_entry(russian: None) -> None:
    config = Config.model_validate({"registration": {"auto": True}})
    chat = [said(1, user(1, "Иван Петров")), said(2, user(2, "Мария Иванова"))]
    numbers = itertools.count(1)
    update = plan_users(
        collect_people(chat), config, password_factory=lambda: f"pw-{next(numbers)}"
    )
    summary = map_onto_accounts(update, config, DIRECTORY)
    assert summary.sure == ["i.petrov"] and summary.none == ["mariia_ivanova"]
    first, second = update.added
    assert first.login == "i.petrov"
    assert first.fields == {
        "display_name": "Иван Петров",
        "access_token": "",
        "telegram_id": "user1",
        "type": "user",
        "existing": True,
    }
    assert first.comments == ('сопоставлено по имени: Иван Петров ↔ i.petrov "Петров Иван"',)
    assert second.login == "mariia_ivanova" and second.fields["password"] == "pw-2"
    assert update.generated_passwords == 1


def test_decided_and_hand_edited_entries_are_never_looked_up() -> None:
    kept: dict[str, dict[str, Any]] = {
        "ivan_petrov": {"telegram_id": "user1", "match": "no"},
        "ivan_p": {"telegram_id": "user2"},  # a key the administrator chose
        "anna": {"telegram_id": "user3"},  # the server's login: an account already
        "s_volkov": {"telegram_id": "user4", "access_token": "x.y.z"},
    }
    config = Config.model_validate({"users": kept})
    update, summary = _plan(config, DIRECTORY)
    assert update.matched == []
    assert summary.sure == summary.ambiguous == summary.none == []


def test_an_entry_of_an_earlier_run_is_renamed_and_loses_its_generated_password() -> None:
    entries = {
        "ivan_petrov": {"telegram_id": "user1", "password": "old-generated"},
        "ivan_petrov_2": {"telegram_id": "user2"},
    }
    config = Config.model_validate({"users": entries, "registration": {"auto": True}})
    chat = CHAT[:2]
    update = plan_users(collect_people(chat), config, password_factory=lambda: "pw-new")
    assert [change.login for change in update.filled] == ["ivan_petrov", "ivan_petrov_2"]
    summary = map_onto_accounts(update, config, [Account("i.petrov", "Петров Иван")])
    assert summary.ambiguous == ["ivan_petrov", "ivan_petrov_2"]  # both are "Ivan Petrov"
    assert update.filled == []  # flagged entries get no password filled in
    assert [change.fields for change in update.matched] == [{"match": "check"}] * 2

    lone = Config.model_validate({"users": {"ivan_petrov": entries["ivan_petrov"]}})
    update = plan_users(collect_people(chat[:1]), lone)
    map_onto_accounts(update, lone, [Account("i.petrov", "Петров Иван")])
    [renamed] = update.matched
    assert (renamed.renamed_from, renamed.login, renamed.drop) == (
        "ivan_petrov",
        "i.petrov",
        ("password",),
    )
    assert renamed.fields == {"existing": True}
