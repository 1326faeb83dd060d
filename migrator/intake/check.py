"""Before a migration: who will sign in with a token, who by password, and who cannot. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from migrator.config.model import Config, UserType
from migrator.i18n import tr
from migrator.tokens import TokenState, check_token


class SignIn(StrEnum):
    TOKEN = "token"  # noqa: S105 (a label, not a secret)
    PASSWORD = "password"  # noqa: S105
    NONE = "cannot sign in"
    OWNER = "posted by the owner"  # a deleted Telegram account: no account, nothing to sign in


@dataclass(frozen=True, slots=True)
class TokenReport:
    login: str
    state: TokenState
    sign_in: SignIn
    expires_at: int | None = None  # Unix time
    problem: str | None = None  # never contains the token

    @property
    def needs_attention(self) -> bool:
        """Anything an administrator should act on before migrating (a deleted account's
        placeholder never: there is no account to give a token)."""
        return self.sign_in is not SignIn.OWNER and self.state is not TokenState.VALID


def check_user_tokens(
    config: Config, logins: Iterable[str], *, now: float | None = None
) -> list[TokenReport]:
    """One report per login (in the order given, each once)."""
    reports: list[TokenReport] = []
    for login in dict.fromkeys(logins):
        user = config.users.get(login)
        if user is None:
            reports.append(
                TokenReport(login, TokenState.MISSING, SignIn.NONE, problem=tr("tokens.no_entry"))
            )
            continue
        if str(user.type) == UserType.DELETED.value:
            reports.append(TokenReport(login, TokenState.MISSING, SignIn.OWNER))
            continue
        check = check_token(user.access_token, now=now)
        if check.state in (TokenState.VALID, TokenState.SOON_EXPIRING):
            sign_in = SignIn.TOKEN
        elif user.password:
            sign_in = SignIn.PASSWORD
        else:
            sign_in = SignIn.NONE
        reports.append(TokenReport(login, check.state, sign_in, check.expires_at, check.problem))
    return reports
