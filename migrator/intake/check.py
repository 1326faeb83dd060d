"""Before a migration: who will sign in with a token, who by password, and who cannot. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from migrator.config.model import Config, UserType
from migrator.tokens import TokenState, check_token, issued_to_someone_else

# What the administrator reads (kept together for the message catalogue).
WRONG_PERSON = "the token was issued to {subject!r}, not to this entry: it would post as them"
NO_ENTRY = "no entry in [users]"


class SignIn(StrEnum):
    TOKEN = "token"  # noqa: S105 (a label, not a secret)
    PASSWORD = "password"  # noqa: S105
    NONE = "cannot sign in"
    NO_ACCOUNT = "no account (deleted)"  # a placeholder for a deleted Telegram account


@dataclass(frozen=True, slots=True)
class TokenReport:
    login: str
    state: TokenState
    sign_in: SignIn
    expires_at: int | None = None  # Unix time
    problem: str | None = None  # never contains the token
    wrong_person: bool = False  # the token names another account

    @property
    def needs_attention(self) -> bool:
        """Anything an administrator should act on before migrating."""
        if self.sign_in is SignIn.NO_ACCOUNT:
            return False
        return self.wrong_person or self.state is not TokenState.VALID

    @property
    def blocking(self) -> bool:
        """The migration cannot go ahead as configured: nobody can sign in, or the wrong one."""
        return self.wrong_person or self.sign_in is SignIn.NONE


def check_user_tokens(
    config: Config, logins: Iterable[str], *, now: float | None = None
) -> list[TokenReport]:
    """One report per login (in the order given, each once)."""
    reports: list[TokenReport] = []
    for login in dict.fromkeys(logins):
        user = config.users.get(login)
        if user is None:
            reports.append(TokenReport(login, TokenState.MISSING, SignIn.NONE, problem=NO_ENTRY))
            continue
        check = check_token(user.access_token, now=now)
        if str(user.type) == UserType.DELETED.value:
            reports.append(TokenReport(login, check.state, SignIn.NO_ACCOUNT))
            continue
        subject = issued_to_someone_else(user.access_token, login)
        if subject is not None:
            reports.append(
                TokenReport(
                    login,
                    check.state,
                    SignIn.NONE,
                    check.expires_at,
                    WRONG_PERSON.format(subject=subject),
                    wrong_person=True,
                )
            )
            continue
        if check.state in (TokenState.VALID, TokenState.SOON_EXPIRING):
            sign_in = SignIn.TOKEN
        elif user.password:
            sign_in = SignIn.PASSWORD
        else:
            sign_in = SignIn.NONE
        reports.append(TokenReport(login, check.state, sign_in, check.expires_at, check.problem))
    return reports
