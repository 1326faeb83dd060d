"""The errors that stop a chat's migration, worded for the user, and the owner's re-sign-in."""

from __future__ import annotations

from migrator.connector import Connector, SessionUnavailable, describe
from migrator.errors import AuthError, MigratorError, ServerError


async def reauthenticate_or_fail(connector: Connector, login: str) -> None:
    try:
        await connector.reauthenticate(login)
    except SessionUnavailable as exc:
        raise AuthError(
            f"{exc.login!r} cannot sign in: {exc.reason}",
            hint="give the account a valid access_token or a password in [users] of config.toml",
        ) from exc


def owner_error(exc: SessionUnavailable) -> AuthError:
    return AuthError(
        f"The chat owner {exc.login!r} cannot sign in: {exc.reason}",
        hint="give [users.<owner>] a valid access_token or a password in config.toml",
    )


def server_error(what: str, exc: BaseException) -> MigratorError:
    return ServerError(
        f"{what}: {describe(exc)}",
        hint="check the server is reachable and the owner's account may create chats",
    )
