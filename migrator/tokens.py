"""Chatbot Connector tokens: JWT-shaped strings whose middle part holds an ``exp`` claim.

Only the claims are read (the signature belongs to the server). Nothing here ever prints a token.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from migrator.i18n import tr

# The Chatbot Connector token lives about a month; warn when less than this is left.
SOON_EXPIRING_SECONDS = 3 * 24 * 3600


class TokenState(StrEnum):
    VALID = "valid"
    SOON_EXPIRING = "soon_expiring"
    EXPIRED = "expired"
    MALFORMED = "malformed"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class TokenCheck:
    state: TokenState
    expires_at: int | None = None  # Unix time
    subject: str | None = None  # the login the token was issued to, when the claims say it
    problem: str | None = None  # why a token is malformed (never contains the token)


def _decode_part(part: str) -> Any:
    padded = part + "=" * (-len(part) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))


def read_claims(token: str) -> dict[str, Any]:
    """Decode the claims of a JWT-shaped token; ``ValueError`` (without the token) if malformed."""
    parts = token.strip().split(".")
    if len(parts) != 3 or not all(parts[:2]):
        raise ValueError(tr("token.not_three_parts"))
    try:
        claims = _decode_part(parts[1])
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise ValueError(tr("token.not_base64_json")) from exc
    if not isinstance(claims, dict):
        raise ValueError(tr("token.claims_not_object"))
    return claims


def check_token(token: str | None, *, now: float | None = None) -> TokenCheck:
    """Classify a token: missing, malformed, expired, expiring soon, or valid."""
    if not token:
        return TokenCheck(TokenState.MISSING)
    try:
        claims = read_claims(token)
    except ValueError as exc:
        return TokenCheck(TokenState.MALFORMED, problem=str(exc))
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        return TokenCheck(TokenState.MALFORMED, problem=tr("token.no_exp"))
    subject = claims.get("preferred_username") or claims.get("sub")
    subject = str(subject) if subject is not None else None
    current = time.time() if now is None else now
    if exp <= current:
        state = TokenState.EXPIRED
    elif exp - current < SOON_EXPIRING_SECONDS:
        state = TokenState.SOON_EXPIRING
    else:
        state = TokenState.VALID
    return TokenCheck(state, expires_at=int(exp), subject=subject)


def login_part(name: str) -> str:
    """The login inside an account name, case-folded: ``DOMAIN\\Login@server`` → ``login``."""
    return name.strip().rsplit("\\", 1)[-1].split("@", 1)[0].casefold()


def issued_to_someone_else(token: str | None, login: str) -> str | None:
    """The subject of ``token`` when it names another account than ``login``, else None.

    A token without a subject (or one that cannot be read) names nobody: None.
    """
    subject = check_token(token).subject if token else None
    if subject is None or login_part(subject) == login_part(login):
        return None
    return subject
