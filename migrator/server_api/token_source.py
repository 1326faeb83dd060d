"""The admin API token: the configured one, or one obtained by OAuth2 client_credentials.

It is renewed shortly before it expires and, once per rejection, when the server refuses it.
Every token seen is registered as a secret at once so no log line or message can show it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from migrator.config.model import ServerConfig
from migrator.errors import AuthError, ConfigError
from migrator.i18n import tr
from migrator.secrets import register_secret
from migrator.server_api.errors import RENEW_ADMIN_CREDENTIALS_HINT
from migrator.tokens import read_claims

log = logging.getLogger(__name__)

DEFAULT_TTL_SECONDS = 3600.0
# Renew this long (at most a tenth of the lifetime) before the announced expiry, so that a
# request never leaves with a dying token.
RENEW_MARGIN_SECONDS = 60.0

Fetcher = Callable[[], Awaitable[tuple[str, float | None]]]  # → (token, ttl seconds or None)


class TokenSource:
    def __init__(
        self,
        server: ServerConfig,
        fetch: Fetcher,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        register_secret(server.client_secret)
        register_secret(server.access_token)
        self._fetch = fetch
        self._clock = clock
        self._can_renew = bool(server.client_id and server.client_secret)
        self._lock = asyncio.Lock()
        self._token: str | None = server.access_token.strip() or None
        self._expires_at: float | None = None
        self._margin = RENEW_MARGIN_SECONDS
        self._missing_credentials = _missing_credentials(server)
        if self._token:
            self._expires_at = self._configured_expiry(self._token, clock(), wall_clock())

    @property
    def can_renew(self) -> bool:
        return self._can_renew

    @staticmethod
    def _configured_expiry(token: str, now: float, wall_now: float) -> float | None:
        try:
            exp = read_claims(token).get("exp")
        except ValueError:
            return None  # not a JWT: its lifetime is unknown until the server refuses it
        if isinstance(exp, int | float) and not isinstance(exp, bool):
            return now + (float(exp) - wall_now)
        return None

    def _is_fresh(self) -> bool:
        if self._token is None:
            return False
        return self._expires_at is None or self._clock() < self._expires_at - self._margin

    async def current(self) -> str:
        """A token that is not known to be expired (obtained or renewed if needed)."""
        if self._is_fresh():
            assert self._token is not None
            return self._token
        async with self._lock:
            if self._is_fresh():
                assert self._token is not None
                return self._token
            if self._token is None and self._missing_credentials is not None:
                raise self._missing_credentials
            if not self._can_renew:
                # It looks expired, but clocks differ: let the server judge the configured token.
                assert self._token is not None
                return self._token
            return await self._obtain()

    async def renew_after_rejection(self, rejected: str) -> str:
        """Replace a token the server refused, unless another request already did."""
        async with self._lock:
            if self._token is not None and self._token != rejected and self._is_fresh():
                return self._token
            if not self._can_renew:
                raise AuthError(
                    tr("server_api.config_token_refused"),
                    hint=tr(RENEW_ADMIN_CREDENTIALS_HINT),
                )
            log.info("The admin token was refused; obtaining a new one")
            return await self._obtain()

    async def _obtain(self) -> str:
        token, ttl = await self._fetch()
        register_secret(token)
        self._token = token
        lifetime = ttl if ttl and ttl > 0 else DEFAULT_TTL_SECONDS
        self._expires_at = self._clock() + lifetime
        self._margin = min(RENEW_MARGIN_SECONDS, lifetime / 10)
        log.debug("Obtained an admin token valid for %.0f s", self._expires_at - self._clock())
        return token


def _missing_credentials(server: ServerConfig) -> ConfigError | None:
    """The error to raise when a token is needed and config.toml gives no way to get one."""
    if server.access_token.strip() or (server.client_id and server.client_secret):
        return None
    hint = tr("admin_api.credentials_hint")
    if server.client_id and not server.client_secret:
        return ConfigError(tr("admin_api.no_client_secret"), hint=hint)
    if server.client_secret and not server.client_id:
        return ConfigError(tr("admin_api.no_client_id"), hint=hint)
    return ConfigError(tr("admin_api.no_credentials"), hint=hint)
