from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migrator.config.model import Config, UserConfig
from migrator.errors import ConfigError
from migrator.users import logins_by_telegram_id, validate_login
from migrator.users.logins import login_from_name, unique_login, with_suffix


@pytest.mark.parametrize(
    ("login", "problem"),
    [
        ("", "a login cannot be empty"),
        ("a" * 33, "a login has at most 32 characters (this one has 33)"),
        (
            "Ivan Petrov",
            "a login may contain only lowercase Latin letters, digits, '_', '-' and '.'; "
            "found ' ', 'I', 'P'",
        ),
        ("_ivan", "a login must start with a lowercase Latin letter or a digit"),
        (
            "иван",
            "a login may contain only lowercase Latin letters, digits, '_', '-' and '.'; "
            "found 'а', 'в', 'и', 'н'",
        ),
    ],
)
def test_validate_login_names_the_broken_rule(login: str, problem: str) -> None:
    assert validate_login(login) == problem


@pytest.mark.parametrize("login", ["ivan_petrov", "a", "7up", "anna-maria.k", "a" * 32])
def test_validate_login_accepts(login: str) -> None:
    assert validate_login(login) is None


@pytest.mark.parametrize(
    ("name", "login"),
    [
        ("Иван Петров", "ivan_petrov"),
        ("Ivan Petrov", "ivan_petrov"),
        ("Щукин Юрий", "shchukin_iurii"),
        ("Хрущёв Жора", "khrushchev_zhora"),
        ("Анна-Мария Цой", "anna-mariia_tsoi"),
        ("Подъячев Ильич", "podieiachev_ilich"),
        ("Їжак Ґалаґан", "izhak_galagan"),
        ("王小明", "wangxiaoming"),
        ("José Müller", "jose_muller"),
        ("🚀 Rocket Team 🚀", "rocket_team"),
        ("J. R. R. Tolkien", "j_r_r_tolkien"),
        ("🚀🔥", ""),
        ("!!!", ""),
        (None, ""),
        ("Константин Константинопольский", "konstantin_konstantinopolskii"),
    ],
)
def test_login_from_name(name: str | None, login: str) -> None:
    assert login_from_name(name) == login


def test_long_names_are_cut_to_32_without_trailing_separator() -> None:
    login = login_from_name("Александра Константинопольская-Преображенская")
    assert len(login) <= 32
    assert validate_login(login) is None
    assert not login.endswith(("_", "-"))


def test_unique_login_suffixes_in_order() -> None:
    assert unique_login("ivan", []) == "ivan"
    assert unique_login("ivan", ["ivan"]) == "ivan_2"
    assert unique_login("ivan", ["ivan", "ivan_2"]) == "ivan_3"
    assert unique_login("ivan", ["IVAN"]) == "ivan_2"
    long = "a" * 32
    assert with_suffix(long, 12) == "a" * 29 + "_12"
    assert unique_login(long, [long]) == "a" * 30 + "_2"


@given(st.text(max_size=60))
def test_any_name_gives_a_valid_login_or_nothing(name: str) -> None:
    login = login_from_name(name)
    assert login == "" or validate_login(login) is None


def test_logins_by_telegram_id_reads_both_id_forms() -> None:
    config = Config(
        users={
            "ivan": UserConfig(telegram_id="user1"),
            "old": UserConfig(telegram_id="12345678", type="user"),
            "news": UserConfig(telegram_id="777", type="channel"),
            "owner": UserConfig(),
        }
    )
    assert logins_by_telegram_id(config) == {
        "user1": "ivan",
        "user12345678": "old",
        "channel777": "news",
    }


def test_logins_by_telegram_id_refuses_duplicates() -> None:
    config = Config(users={"a": UserConfig(telegram_id="user1"), "b": UserConfig(telegram_id="1")})
    with pytest.raises(ConfigError, match=r"\[users.a\] and \[users.b\]"):
        logins_by_telegram_id(config)
