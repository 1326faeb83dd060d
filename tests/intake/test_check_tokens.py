from __future__ import annotations

import base64
import json

import pytest

from migrator.config.model import Config, UserConfig
from migrator.intake import SignIn, TokenReport, check_user_tokens
from migrator.tokens import TokenState, issued_to_someone_else

from .helpers import DAY, NOW, MakeToken


def test_check_lists_state_and_how_each_person_signs_in(make_token: MakeToken) -> None:
    valid = make_token("a", ttl_days=30)
    soon = make_token("b", ttl_days=1)
    expired = make_token("c", now=NOW - 31 * DAY)
    config = Config(
        users={
            "a": UserConfig(access_token=valid),
            "b": UserConfig(access_token=soon),
            "c": UserConfig(access_token=expired, password="c-pass-1"),
            "d": UserConfig(password="d-pass-1"),
            "e": UserConfig(),
            "f": UserConfig(access_token="garbage"),
        }
    )
    reports = check_user_tokens(config, ["a", "b", "c", "d", "e", "f", "ghost", "a"], now=NOW)
    assert [(r.login, r.state, r.sign_in) for r in reports] == [
        ("a", TokenState.VALID, SignIn.TOKEN),
        ("b", TokenState.SOON_EXPIRING, SignIn.TOKEN),
        ("c", TokenState.EXPIRED, SignIn.PASSWORD),
        ("d", TokenState.MISSING, SignIn.PASSWORD),
        ("e", TokenState.MISSING, SignIn.NONE),
        ("f", TokenState.MALFORMED, SignIn.NONE),
        ("ghost", TokenState.MISSING, SignIn.NONE),
    ]
    assert reports[0] == TokenReport("a", TokenState.VALID, SignIn.TOKEN, int(NOW + 30 * DAY))
    assert [r.login for r in reports if r.needs_attention] == ["b", "c", "d", "e", "f", "ghost"]
    assert reports[-1].problem == "no entry in [users]"
    assert reports[5].problem == "a token has three dot-separated parts"


def _token_with(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        raw = json.dumps(data).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.c2ln"


@pytest.mark.parametrize(
    "subject", ["ivan", "Ivan", "ivan@tc.example.com", "CORP\\ivan", "CORP\\Ivan@TC.example.com"]
)
def test_a_token_of_the_same_login_in_any_spelling_is_the_entrys_own(subject: str) -> None:
    token = _token_with({"sub": subject, "exp": NOW + DAY})
    assert issued_to_someone_else(token, "ivan") is None
    assert issued_to_someone_else(token, "IVAN") is None


def test_a_token_of_another_login_is_someone_elses() -> None:
    assert issued_to_someone_else(_token_with({"sub": "bob@tc", "exp": NOW + DAY}), "ivan") == (
        "bob@tc"
    )
    assert issued_to_someone_else(_token_with({"sub": "CORP\\ivanov", "exp": NOW}), "ivan") == (
        "CORP\\ivanov"
    )
    assert issued_to_someone_else(_token_with({"exp": NOW + DAY}), "ivan") is None  # no subject
    assert issued_to_someone_else("garbage", "ivan") is None


def test_check_flags_a_token_of_someone_else_and_skips_deleted_placeholders(
    make_token: MakeToken,
) -> None:
    config = Config(
        users={
            "anna": UserConfig(access_token=make_token("boris"), password="anna-pass-1"),
            "boris": UserConfig(access_token=make_token("boris")),
            "deleted_600": UserConfig(type="deleted", display_name="Deleted Account"),
        }
    )
    anna, boris, deleted = check_user_tokens(config, config.users, now=NOW)
    assert anna.wrong_person and anna.needs_attention and anna.blocking
    assert anna.problem is not None and "'boris'" in anna.problem
    assert not boris.wrong_person and not boris.needs_attention
    assert deleted.sign_in is SignIn.NO_ACCOUNT
    assert not deleted.needs_attention and not deleted.blocking
