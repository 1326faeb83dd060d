from __future__ import annotations

from migrator.config.model import Config, UserConfig
from migrator.intake import SignIn, TokenReport, check_user_tokens
from migrator.tokens import TokenState

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
