"""JWT-shaped bearer tokens: three base64url parts, an ``exp`` claim, an HMAC signature.

The official client checks only the shape and ``exp``; the emulator checks the signature too,
so a token is honoured only by the emulator (and signing key) that issued it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import secrets
import time
from dataclasses import dataclass
from enum import StrEnum


class TokenKind(StrEnum):
    CHATBOT = "chat_bot"
    ADMIN = "admin"


class TokenProblem(Exception):
    """A token the emulator will not honour; ``expired`` tells the two cases apart."""

    def __init__(self, reason: str, *, expired: bool = False) -> None:
        super().__init__(reason)
        self.expired = expired


@dataclass(frozen=True)
class TokenClaims:
    subject: str
    kind: TokenKind
    expires_at: int


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_signing_key() -> str:
    return secrets.token_hex(32)


def issue_token(
    signing_key: str, *, subject: str, kind: TokenKind, ttl_seconds: float, now: float | None = None
) -> str:
    issued = time.time() if now is None else now
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {
        "sub": subject,
        "kind": kind.value,
        "iat": int(issued),
        # Rounded up: the token is valid for at least ttl_seconds by any whole-second clock.
        "exp": math.ceil(issued + ttl_seconds),
        "jti": secrets.token_hex(8),
    }
    signing_input = (
        _b64encode(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    )
    return signing_input + "." + _sign(signing_key, signing_input)


def _sign(signing_key: str, signing_input: str) -> str:
    digest = hmac.new(signing_key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return _b64encode(digest)


def verify_token(
    signing_key: str, token: str, *, kind: TokenKind, now: float | None = None
) -> TokenClaims:
    """Return the claims of a valid token of ``kind``, or raise ``TokenProblem``."""
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenProblem("not a JWT")
    signing_input = parts[0] + "." + parts[1]
    if not hmac.compare_digest(_sign(signing_key, signing_input), parts[2]):
        raise TokenProblem("bad signature")
    try:
        claims = json.loads(_b64decode(parts[1]))
        subject = str(claims["sub"])
        token_kind = TokenKind(claims["kind"])
        expires_at = int(claims["exp"])
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        raise TokenProblem("malformed claims") from error
    if token_kind is not kind:
        raise TokenProblem("token of another kind")
    current = time.time() if now is None else now
    if current >= expires_at:
        raise TokenProblem("expired", expired=True)
    return TokenClaims(subject=subject, kind=token_kind, expires_at=expires_at)
