"""Password hashes: the emulator never keeps (or persists) a password itself."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from migrator.emulator.model import User

_ROUNDS = 2000  # low on purpose: a test server that hashes on every sign-in


def set_password(user: User, password: str) -> None:
    """Store a salted hash of ``password``; an empty password disables password sign-in."""
    if not password:
        user.password_hash = user.password_salt = ""
        return
    user.password_salt = secrets.token_hex(8)
    user.password_hash = _hash(password, user.password_salt)


def password_matches(user: User, password: str) -> bool:
    if not user.password_hash:
        return False
    return hmac.compare_digest(user.password_hash, _hash(password, user.password_salt))


def _hash(password: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), _ROUNDS).hex()
