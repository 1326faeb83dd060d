from __future__ import annotations

from pathlib import Path

import pytest

from migrator.emulator.tokens import TokenKind, issue_token, new_signing_key

from .helpers import CONFIG, DAY, NOW, MakeToken


@pytest.fixture
def make_token() -> MakeToken:
    key = new_signing_key()

    def make(login: str, *, ttl_days: float = 30, now: float = NOW) -> str:
        return issue_token(
            key, subject=login, kind=TokenKind.CHATBOT, ttl_seconds=ttl_days * DAY, now=now
        )

    return make


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    path.chmod(0o600)
    return path
