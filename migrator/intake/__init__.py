"""Chatbot Connector tokens from the token page → ``[users]``, and the pre-migration token check."""

from migrator.intake.check import SignIn, TokenReport, check_user_tokens
from migrator.intake.import_tokens import ImportOutcome, ImportResult, import_tokens

__all__ = [
    "ImportOutcome",
    "ImportResult",
    "SignIn",
    "TokenReport",
    "check_user_tokens",
    "import_tokens",
]
