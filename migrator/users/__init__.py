"""Telegram authors → TrueConf accounts: collecting people, making logins, merging into [users]."""

from migrator.users.logins import LOGIN_RULE, MAX_LOGIN_LENGTH, validate_login
from migrator.users.lookup import logins_by_telegram_id

__all__ = ["LOGIN_RULE", "MAX_LOGIN_LENGTH", "logins_by_telegram_id", "validate_login"]
