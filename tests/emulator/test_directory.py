"""Seeding the emulator with a company's existing accounts (``--users-file``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.emulator.directory import DirectoryError, parse_users_csv, read_users_file, seed_users
from migrator.emulator.state import ServerState

DIRECTORY = (
    "\ufefflogin,display_name,email,password\n"
    "i.petrov,Петров Иван,i.petrov@corp.example,\n"
    'a.smirnova,"Smirnova, Anna",a.smirnova@corp.example,Secret-1\n'
)


def test_a_utf8_csv_with_cyrillic_and_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "directory.csv"
    path.write_text(DIRECTORY, encoding="utf-8")
    entries = read_users_file(path)
    assert [(e.login, e.display_name, e.email) for e in entries] == [
        ("i.petrov", "Петров Иван", "i.petrov@corp.example"),
        ("a.smirnova", "Smirnova, Anna", "a.smirnova@corp.example"),
    ]
    assert "Secret-1" not in repr(entries)


def test_seeding_keeps_existing_accounts_and_their_passwords() -> None:
    state = ServerState(domain="corp.example", max_file_size=1, blocked_extensions=())
    state.add_user("a.smirnova", "Old-pass", display_name="Anna")
    assert seed_users(state, parse_users_csv(DIRECTORY, source="x.csv")) == 1
    assert state.users["i.petrov"].display_name == "Петров Иван"
    assert state.check_password("i.petrov", "") is None  # no password: no password sign-in
    assert state.users["a.smirnova"].display_name == "Anna"
    assert state.check_password("a.smirnova", "Old-pass") is not None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name,email\nx,y\n", "the first line must name the columns"),
        ("login,phone\nx,1\n", "the first line must name the columns"),
        ("login\ni.petrov\nI.Petrov\n", "line 3: the login 'I.Petrov' is listed twice"),
        ("login,display_name\n,Nobody\n", "line 2: '' is not a login"),
        ("login\nИван\n", "line 2: 'Иван' is not a login"),
    ],
)
def test_bad_files_name_the_line(text: str, problem: str) -> None:
    with pytest.raises(DirectoryError, match=problem):
        parse_users_csv(text, source="directory.csv")


def test_a_file_in_another_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "directory.csv"
    path.write_bytes("login,display_name\ni.petrov,Петров\n".encode("cp1251"))
    with pytest.raises(DirectoryError, match="not UTF-8"):
        read_users_file(path)
