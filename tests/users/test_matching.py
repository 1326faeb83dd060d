"""Comparing Telegram names with existing accounts, in both directions of script."""

from __future__ import annotations

import pytest

from migrator.users.matching import (
    SURE_SCORE,
    Account,
    Basis,
    Grade,
    compare_login,
    compare_names,
    match_person,
)

SAME_PERSON = [
    ("Иван Петров", "Ivan Petrov"),
    ("Иван Петров", "Петров Иван"),
    ("Иван Петров", "Petrov Ivan"),
    ("ИВАН петров", "ivan PETROV"),
    ("Пётр Семёнов", "Петр Семенов"),
    ("Пётр Семёнов", "Petr Semenov"),
    ("Алексей Щукин", "Alexey Shchukin"),
    ("Юлия Ковальчук", "Yulia Kovalchuk"),
    ("Наталья Михайлова", "Natalya Mikhaylova"),
    ("Анна-Мария Римская-Корсакова", "Anna-Maria Rimskaya-Korsakova"),
    ("Анна-Мария Римская-Корсакова", "Римская-Корсакова Анна-Мария"),
]


@pytest.mark.parametrize(("telegram", "account"), SAME_PERSON)
def test_the_same_person_is_a_sure_match_either_way(telegram: str, account: str) -> None:
    assert compare_names(telegram, account) >= SURE_SCORE
    assert compare_names(account, telegram) >= SURE_SCORE


def test_a_patronymic_on_one_side_is_still_sure() -> None:
    assert compare_names("Иван Петров", "Петров Иван Сергеевич") >= SURE_SCORE
    assert compare_names("Petrov Ivan Sergeevich", "Иван Петров") >= SURE_SCORE


@pytest.mark.parametrize(
    ("telegram", "account"),
    [
        ("И. Петров", "Иван Петров"),
        ("Иван Петров", "I. Petrov"),
        ("Петров И.", "Ivan Petrov"),
        ("Ю. Ковальчук", "Yulia Kovalchuk"),
        ("Анна-Мария К.", "Anna-Maria Korsakova"),
        ("И. Петров", "Петров Иван Сергеевич"),
    ],
)
def test_initials_are_only_weak_either_way(telegram: str, account: str) -> None:
    for left, right in ((telegram, account), (account, telegram)):
        score = compare_names(left, right)
        assert 0 < score < SURE_SCORE, (left, right, score)


@pytest.mark.parametrize(
    ("telegram", "account"),
    [
        ("Иван Петров", "Илья Петров"),
        ("Иван Петров", "Ivan Sidorov"),
        ("И. Петров", "Ольга Петрова"),
        ("Анна-Мария Корсакова", "Anna Korsakova"),
        ("Иван", "Иван Петров"),
        ("🚀🔥", "Rocket Fire"),
        ("", "Ivan Petrov"),
    ],
)
def test_different_people_do_not_match(telegram: str, account: str) -> None:
    assert compare_names(telegram, account) == 0
    assert compare_names(account, telegram) == 0


def test_logins_made_from_the_name() -> None:
    assert compare_login("Иван Петров", "ivan.petrov") >= SURE_SCORE
    assert compare_login("Ivan Petrov", "petrov_ivan") >= SURE_SCORE
    assert compare_login("Иван Петров", "ivanpetrov") >= SURE_SCORE
    assert 0 < compare_login("Иван Петров", "i.petrov") < SURE_SCORE
    assert 0 < compare_login("Иван Петров", "ipetrov") < SURE_SCORE
    assert 0 < compare_login("Иван Петров", "petrovi2") < SURE_SCORE
    assert compare_login("Иван Петров", "o.petrova") == 0
    assert compare_login("Иван Петров", "petrov") == 0
    assert compare_login("🚀", "admin") == 0


DIRECTORY = [
    Account("i.petrov", "Петров Иван", "i.petrov@corp.example"),
    Account("a.smirnova", "Anna Smirnova", "a.smirnova@corp.example"),
    Account("o.kuznetsova1", "Кузнецова Ольга Андреевна"),
    Account("o.kuznetsova2", "Ольга Кузнецова"),
    Account("s.volkov", "Сергей Волков"),
]


def test_grades_sure_ambiguous_and_none() -> None:
    sure = match_person(["Иван Петров"], DIRECTORY)
    assert sure.grade is Grade.SURE
    assert sure.account == DIRECTORY[0]
    assert sure.candidates[0].basis is Basis.NAME

    latin_to_latin = match_person(["Анна Смирнова"], DIRECTORY)
    assert latin_to_latin.account == DIRECTORY[1]

    two = match_person(["Olga Kuznetsova"], DIRECTORY)
    assert two.grade is Grade.AMBIGUOUS
    assert [c.account.login for c in two.candidates] == ["o.kuznetsova2", "o.kuznetsova1"]
    assert two.account is None

    weak = match_person(["С. Волков"], DIRECTORY)
    assert weak.grade is Grade.AMBIGUOUS
    assert [c.account.login for c in weak.candidates] == ["s.volkov"]

    assert match_person(["Мария Иванова"], DIRECTORY).grade is Grade.NONE
    assert match_person([], DIRECTORY).grade is Grade.NONE


def test_an_email_in_the_name_is_a_sure_match() -> None:
    found = match_person(["A.Smirnova@Corp.Example"], DIRECTORY)
    assert found.grade is Grade.SURE
    assert found.candidates[0].basis is Basis.EMAIL
    assert found.account == DIRECTORY[1]


def test_an_earlier_name_counts_too() -> None:
    found = match_person(["Ivan P.", "Иван Петров"], DIRECTORY)
    assert found.account == DIRECTORY[0]


def test_a_sure_candidate_beside_a_weak_one_is_ambiguous() -> None:
    directory = [*DIRECTORY, Account("ipetrov", "I. Petrov")]
    found = match_person(["Иван Петров"], directory)
    assert found.grade is Grade.AMBIGUOUS
    assert [c.account.login for c in found.candidates] == ["i.petrov", "ipetrov"]
