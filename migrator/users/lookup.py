"""Finding the TrueConf login of a Telegram author from ``[users]``."""

from __future__ import annotations

from migrator.config.model import Config
from migrator.config.telegram_ids import parse_telegram_id
from migrator.errors import ConfigError
from migrator.i18n import tr


def logins_by_telegram_id(config: Config) -> dict[str, str]:
    """``str(PeerId)`` (``"user123"``, ``"channel456"``) → login, for entries with a telegram_id.

    Bare numbers written by the original workflow are read with the entry's ``type``. A config
    from ``load_config`` is already checked; a hand-built one gets the same ``ConfigError``.
    """
    logins: dict[str, str] = {}
    for login, user in config.users.items():
        if not user.telegram_id:
            continue
        try:
            peer = str(parse_telegram_id(user.telegram_id, str(user.type)))
        except ValueError:
            raise ConfigError(
                tr("lookup.not_an_id", login=login),
                hint=tr("lookup.expected", format=tr("lookup.id_format")),
            ) from None
        if peer in logins:
            raise ConfigError(
                tr("problem.same_id", first=logins[peer], second=login, peer=peer),
                hint=tr("problem.same_id_hint"),
            )
        logins[peer] = login
    return logins
