from __future__ import annotations

from pathlib import Path

import pytest

from migrator.config import load_config
from migrator.errors import MigratorError
from migrator.intake import ImportOutcome, import_tokens
from migrator.intake.token_files import TokenFile, UnusableFile, read_token_file

from .helpers import CONFIG, DAY, NOW, MakeToken, token_file_text, write_token_file


def test_reads_the_token_page_file_format(tmp_path: Path, make_token: MakeToken) -> None:
    token = make_token("ivan_petrov")
    path = write_token_file(tmp_path, "ivan_petrov.toml", token_file_text("ivan_petrov", token))
    assert read_token_file(path) == TokenFile(path, "ivan_petrov", token, "tc.example.com")


def test_unknown_keys_are_ignored_and_non_token_files_described(
    tmp_path: Path, make_token: MakeToken
) -> None:
    token = make_token("anna")
    extra = token_file_text("anna", token) + 'issued_by = "page v2"\n'
    assert isinstance(read_token_file(write_token_file(tmp_path, "a.toml", extra)), TokenFile)
    config_like = write_token_file(tmp_path, "config.toml", CONFIG)
    assert read_token_file(config_like) == UnusableFile(
        config_like, "no access_token in it: not a token file from the token page"
    )
    broken = write_token_file(tmp_path, "b.toml", 'login = "anna"\naccess_token = "x\n')
    unusable = read_token_file(broken)
    assert isinstance(unusable, UnusableFile)
    assert unusable.problem.startswith("not valid TOML")


def test_import_merges_by_login_and_keeps_the_config_layout(
    tmp_path: Path, config_path: Path, make_token: MakeToken
) -> None:
    folder = tmp_path / "tokens"
    ivan = make_token("ivan_petrov")
    anna_expired = make_token("anna", ttl_days=30, now=NOW - 40 * DAY)
    stranger = make_token("stranger")
    write_token_file(folder, "ivan_petrov.toml", token_file_text("ivan_petrov", ivan))
    write_token_file(folder, "anna.toml", token_file_text("anna", anna_expired))
    write_token_file(folder, "stranger.toml", token_file_text("stranger", stranger))
    write_token_file(folder, "boris.toml", token_file_text("boris", "not-a-token"))
    write_token_file(folder, "notes.toml", 'title = "not a token"\n')

    results = import_tokens(config_path, folder, now=NOW)

    outcomes = {result.file.name: result.outcome for result in results}
    assert outcomes == {
        "anna.toml": ImportOutcome.EXPIRED,
        "boris.toml": ImportOutcome.MALFORMED,
        "ivan_petrov.toml": ImportOutcome.IMPORTED,
        "notes.toml": ImportOutcome.UNUSABLE,
        "stranger.toml": ImportOutcome.UNKNOWN_LOGIN,
    }
    users = load_config(config_path).users
    assert users["ivan_petrov"].access_token == ivan
    assert users["anna"].access_token == ""
    assert users["boris"].access_token == ""
    text = config_path.read_text(encoding="utf-8")
    assert text == CONFIG.replace('access_token = ""', f'access_token = "{ivan}"', 1)
    for result in results:
        for token in (ivan, anna_expired, stranger):
            assert token not in (result.note or "")


def test_a_shorter_lived_token_does_not_replace_a_longer_one(
    tmp_path: Path, config_path: Path, make_token: MakeToken
) -> None:
    folder = tmp_path / "tokens"
    long_lived = make_token("boris", ttl_days=30)
    short_lived = make_token("boris", ttl_days=10)
    write_token_file(folder, "1.toml", token_file_text("boris", long_lived))
    write_token_file(folder, "2.toml", token_file_text("boris", short_lived))
    results = import_tokens(config_path, folder, now=NOW)
    assert [r.outcome for r in results] == [ImportOutcome.IMPORTED, ImportOutcome.OLDER]
    assert load_config(config_path).users["boris"].access_token == long_lived
    again = import_tokens(config_path, folder / "1.toml", now=NOW)
    assert [r.outcome for r in again] == [ImportOutcome.UNCHANGED]


def test_warnings_for_another_server_another_person_and_soon_expiry(
    tmp_path: Path, config_path: Path, make_token: MakeToken
) -> None:
    folder = tmp_path / "tokens"
    token = make_token("anna", ttl_days=1)
    write_token_file(folder, "x.toml", token_file_text("boris", token, server="other.example:443"))
    [result] = import_tokens(config_path, folder, now=NOW)
    assert result.outcome is ImportOutcome.IMPORTED
    assert result.note == (
        "the token names 'anna', not 'boris': check it is this person's; "
        "issued by other.example:443, but [server] address is tc.example.com; "
        "expires in 24 hours"
    )


def test_a_domain_style_subject_of_the_same_login_is_no_warning(
    tmp_path: Path, config_path: Path, make_token: MakeToken
) -> None:
    folder = tmp_path / "tokens"
    write_token_file(folder, "b.toml", token_file_text("boris", make_token("CORP\\Boris@tc")))
    [result] = import_tokens(config_path, folder, now=NOW)
    assert result.outcome is ImportOutcome.IMPORTED and result.note is None


def test_matching_is_case_insensitive_on_login(
    tmp_path: Path, config_path: Path, make_token: MakeToken
) -> None:
    folder = tmp_path / "tokens"
    token = make_token("Anna")
    write_token_file(folder, "Anna.toml", token_file_text("Anna", token))
    [result] = import_tokens(config_path, folder, now=NOW)
    assert (result.login, result.outcome) == ("anna", ImportOutcome.IMPORTED)


def test_missing_or_empty_folder_is_an_error(tmp_path: Path, config_path: Path) -> None:
    with pytest.raises(MigratorError, match="no such folder"):
        import_tokens(config_path, tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(MigratorError, match=r"no \.toml files"):
        import_tokens(config_path, tmp_path / "empty")
