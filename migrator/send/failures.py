"""The errors that stop a chat's migration, worded for the user, and the owner's re-sign-in."""

from __future__ import annotations

from migrator.connector import Connector, SessionUnavailable, describe
from migrator.errors import AuthError, MigratorError, ServerError
from migrator.i18n import tr


async def reauthenticate_or_fail(connector: Connector, login: str) -> None:
    try:
        await connector.reauthenticate(login)
    except SessionUnavailable as exc:
        raise AuthError(
            tr("sender.cannot_sign_in_error", login=exc.login, reason=exc.reason),
            hint=tr("sender.cannot_sign_in_hint"),
        ) from exc


def owner_error(exc: SessionUnavailable) -> AuthError:
    return AuthError(
        tr("sender.owner_cannot_sign_in", login=exc.login, reason=exc.reason),
        hint=tr("sender.owner_cannot_sign_in_hint"),
    )


def server_error(what: str, exc: BaseException) -> MigratorError:
    return ServerError(
        f"{what}: {describe(exc)}",
        hint=tr("sender.server_error_hint"),
    )
