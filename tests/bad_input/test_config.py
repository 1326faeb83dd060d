"""Mistakes in config.toml: each names the file, the key and the fix, and nothing starts.

The config is read the same way by all three scripts; ``parse_users.py --check-tokens`` reads
nothing else, so it shows the config's message alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_input.support import Run, assert_fails_cleanly, run_script, write_config


def _check(folder: Path) -> Run:
    return run_script("parse_users.py", "--config", "config.toml", "--check-tokens", cwd=folder)


def _write(folder: Path, text: str) -> None:
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)


def test_missing_config_file_says_to_copy_the_template(tmp_path: Path) -> None:
    run = _check(tmp_path)
    absolute = tmp_path / "config.toml"
    assert_fails_cleanly(run, 2, f"config.toml ({absolute}): no such file", "--config PATH")


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    _write(tmp_path, "[server]\naddress = tc.example.com\n")
    run = _check(tmp_path)
    assert_fails_cleanly(run, 2, "config.toml: not valid TOML", "line 2", 'key = "value"')


def test_config_not_in_utf8_asks_to_save_as_utf8(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_bytes('[chat]\nname = "Отдел"\n'.encode("cp1251"))
    run = _check(tmp_path)
    assert_fails_cleanly(run, 2, "config.toml: not UTF-8 text", "save the file in the UTF-8")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('[server]\nadress = "tc.example.com"', "unknown key 'adress' in [server]"),
        ('telegram_export_folder = "x"', "unknown key 'telegram_export_folder' in the top level"),
        ('[servr]\naddress = "tc.example.com"', "unknown key 'servr' in the top level"),
        ("[chat.datetime]\ntimezone_name = 'UTC'", "unknown key 'timezone_name'"),
    ],
    ids=["server-key", "top-level-key", "table-name", "nested-table-key"],
)
def test_key_typo_suggests_the_valid_key(tmp_path: Path, lines: str, expected: str) -> None:
    _write(tmp_path, lines + "\n")
    run = _check(tmp_path)
    assert_fails_cleanly(run, 2, expected)
    assert "did you mean" in run.stderr or "valid keys in" in run.stderr


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('[server]\nport = "https"', 'port = "https" is not valid'),
        ("[server]\nport = 70000", "a whole number from 1 to 65535"),
        ('[server]\nhttps = "maybe"', "true or false (without quotes)"),
        ("[server]\nverify_ssl = 2", "the path to a CA bundle (PEM) in quotes"),
        ('[chat]\ntype = "supergroup"', '"personal", "group", "channel"'),
        ('[chat]\nlanguage = "de"', '"ru", "en"'),
        ('[chat]\nname = ["a", "b"]', "[chat] name = a list is not valid"),
        ("chat = 5", "'chat' must be a table [chat]"),
        ('[users]\nalice = "x"', "'users.alice' must be a table [users.alice]"),
    ],
    ids=[
        "port-text",
        "port-range",
        "bool-text",
        "verify-number",
        "chat-type",
        "language",
        "list-for-text",
        "table-as-value",
        "user-not-table",
    ],
)
def test_wrong_type_names_the_key_and_what_is_expected(
    tmp_path: Path, lines: str, expected: str
) -> None:
    _write(tmp_path, lines + "\n")
    run = _check(tmp_path)
    assert_fails_cleanly(run, 2, "config.toml", expected)


def test_unknown_timezone_suggests_iana_names(tmp_path: Path) -> None:
    write_config(tmp_path / "config.toml", chat={"datetime": {"timezone": "Moscow"}})
    run = _check(tmp_path)
    assert_fails_cleanly(
        run, 2, '[chat.datetime] timezone = "Moscow" is not a known time zone', "Europe/Moscow"
    )


def test_missing_ca_bundle_names_the_path(tmp_path: Path) -> None:
    write_config(tmp_path / "config.toml", server={"verify_ssl": "certs/company-ca.pem"})
    run = _check(tmp_path)
    assert_fails_cleanly(run, 2, "verify_ssl", "no such file", "company-ca.pem", "true or false")


def test_two_accounts_with_one_telegram_id_are_named(tmp_path: Path) -> None:
    users = {
        "alice": {"telegram_id": "user2001"},
        "alice2": {"telegram_id": "user2001"},
    }
    write_config(tmp_path / "config.toml", users=users)
    run = _check(tmp_path)
    assert_fails_cleanly(
        run, 2, "[users.alice] and [users.alice2] both have the Telegram id", "remove one"
    )


def test_malformed_telegram_id_shows_the_expected_form(tmp_path: Path) -> None:
    write_config(tmp_path / "config.toml", users={"alice": {"telegram_id": "alice@tg"}})
    run = _check(tmp_path)
    assert_fails_cleanly(run, 2, '[users.alice] telegram_id = "alice@tg" is not a Telegram id')


def test_several_problems_are_listed_at_once(tmp_path: Path) -> None:
    _write(tmp_path, '[server]\nadress = "x"\nport = "https"\n[chat]\ntype = "supergroup"\n')
    run = _check(tmp_path)
    assert_fails_cleanly(run, 2, "3 problems", "adress", "port", "type")


def test_wrong_type_of_a_secret_never_shows_the_value(tmp_path: Path) -> None:
    _write(tmp_path, "[users.alice]\npassword = 912873465\n[server]\nclient_secret = 55667788\n")
    run = _check(tmp_path)
    assert_fails_cleanly(run, 2, "[users.alice] password = <", "[server] client_secret = <")
    assert "912873465" not in run.output and "55667788" not in run.output
