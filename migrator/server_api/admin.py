"""Async client of the TrueConf Server admin REST API (server info, users)."""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

import httpx

from migrator.config.model import ServerConfig
from migrator.errors import AuthError, ServerError
from migrator.i18n import tr
from migrator.retry import Backoff, FailureKind, GaveUp, ServerFailure, TryAgain, read
from migrator.secrets import RedactingFilter, register_secret
from migrator.server_api import errors
from migrator.server_api.address import ServerAddress, tls_verify
from migrator.server_api.models import CreateResult, NewUser, ServerInfo, ServerUser
from migrator.server_api.retry import ADMIN_BACKOFF, retry_after_seconds
from migrator.server_api.token_source import TokenSource

log = logging.getLogger(__name__)

TOKEN_PATH = "/oauth2/v1/token"  # noqa: S105 (a URL path)
SERVER_PATH = "/api/v4/server"
USERS_PATH = "/api/v4/users"
# httpx logs each request's full URL, where the admin token travels; these loggers get a
# redacting filter of their own, so that every handler (not only ours) sees clean records.
USERS_PAGE_SIZE = 200
LAST_PAGE = -1  # next_page_id of the last page
URL_LOGGERS = ("httpx", "httpcore", "httpcore.http11", "httpcore.connection")


def redact_url_loggers() -> None:
    """Attach ``RedactingFilter`` to the loggers that print request URLs (idempotent)."""
    for name in URL_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())


class AdminApi:
    """``async with AdminApi(server_config) as api: await api.create_user(...)``.

    The admin token travels in the ``access_token`` query parameter, as the server expects; it is
    therefore never put in a log line or message (only method and path are logged).
    """

    def __init__(
        self,
        server: ServerConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        config_dir: Path | None = None,
        timeout: float = 15.0,
        retry: Backoff | None = None,
    ) -> None:
        redact_url_loggers()
        self._address = ServerAddress.from_config(server)
        self._retry = retry or ADMIN_BACKOFF
        self._server = server
        self._tokens = TokenSource(server, self._fetch_token)
        self._http = httpx.AsyncClient(
            base_url=self._address.base_url,
            transport=transport,
            verify=tls_verify(server, config_dir=config_dir),
            timeout=timeout,
            follow_redirects=False,
            headers={"Accept": "application/json"},
        )

    @property
    def base_url(self) -> str:
        return self._address.base_url

    async def __aenter__(self) -> AdminApi:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def server_info(self) -> ServerInfo:
        """``GET /api/v4/server`` (no token needed)."""
        action = tr("server_api.action_info")
        response = await self._send("GET", SERVER_PATH, action=action, authorized=False)
        if response.status_code != 200:
            raise errors.response_error(response, action=action)
        product = _json_object(response, action=action).get("product")
        if not isinstance(product, dict) or not product.get("display_name"):
            raise ServerError(
                tr("admin_api.not_trueconf", url=f"{self.base_url}{SERVER_PATH}"),
                hint=tr("admin_api.not_trueconf_hint"),
            )
        return ServerInfo(
            display_name=str(product["display_name"]), version=str(product.get("version", ""))
        )

    async def get_user(self, login: str) -> dict[str, Any] | None:
        """The account ``login`` as the server describes it, or None when there is none."""
        action = tr("server_api.action_read_user", login=repr(login))
        response = await self._send("GET", _user_path(login), action=action)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise errors.response_error(response, action=action)
        data = _json_object(response, action=action)
        user = data.get("user", data)
        return user if isinstance(user, dict) else data

    async def list_users(self, *, page_size: int = USERS_PAGE_SIZE) -> list[ServerUser]:
        """Every account of the server, reading ``GET /api/v4/users`` page after page."""
        users: list[ServerUser] = []
        page: int = 1
        seen_pages: set[int] = set()
        while page != LAST_PAGE:
            seen_pages.add(page)
            action = tr("server_api.action_list", page=page)
            query = {"page_id": page, "page_size": page_size}
            response = await self._send("GET", USERS_PATH, action=action, query=query)
            if response.status_code != 200:
                raise errors.response_error(response, action=action)
            data = _json_object(response, action=action)
            listed = data.get("users")
            following = _page_number(data.get("next_page_id", LAST_PAGE))
            if not isinstance(listed, list) or following is None:
                raise ServerError(
                    tr("admin_api.unknown_user_list", action=action),
                    hint=tr("admin_api.unknown_user_list_hint"),
                )
            users.extend(user for item in listed if (user := _server_user(item)) is not None)
            if following in seen_pages or (following != LAST_PAGE and following < 1):
                raise ServerError(
                    tr("admin_api.page_again", page=page, following=following),
                    hint=tr("admin_api.page_again_hint"),
                )
            page = following
        return users

    async def create_user(self, user: NewUser) -> CreateResult:
        """Create one account; an existing one is ``exists``, a refusal of this user ``failed``.

        Errors that would refuse every user alike (credentials, permissions) are raised instead.
        """
        register_secret(user.password)
        action = tr("server_api.action_create", login=repr(user.login))
        body = {
            "id": user.login,
            "display_name": user.display_name,
            "email": user.email,
            "password": user.password,
            "is_active": True,
        }
        try:
            response = await self._send("POST", USERS_PATH, action=action, json=body)
        except AuthError:
            raise
        except ServerError as exc:  # the network or the server kept failing for this user
            return CreateResult.failed(user.login, exc.message)
        if response.status_code in (200, 201):
            return CreateResult.created(user.login)
        if errors.is_duplicate(response):
            return CreateResult.exists(user.login)
        error = errors.response_error(response, action=action)
        if isinstance(error, AuthError):
            raise error
        return CreateResult.failed(user.login, self._failure_reason(response))

    def _failure_reason(self, response: httpx.Response) -> str:
        summary = errors.read_error_body(response).summary
        detail = f"HTTP {response.status_code}" + (f": {summary}" if summary else "")
        if errors.is_retryable_status(response.status_code):
            return tr("server_api.kept_failing", detail=detail, attempts=self._retry.attempts)
        return tr("server_api.refused_it", detail=detail)

    async def _fetch_token(self) -> tuple[str, float | None]:
        action = tr("server_api.action_token_oauth")
        response = await self._send(
            "POST",
            TOKEN_PATH,
            action=action,
            authorized=False,
            json={
                "grant_type": "client_credentials",
                "client_id": self._server.client_id,
                "client_secret": self._server.client_secret,
            },
        )
        if response.status_code not in (200, 201):
            raise errors.token_request_error(response)
        data = _json_object(response, action=action)
        token = data.get("access_token")
        if not isinstance(token, str) or not token:
            raise ServerError(
                tr("admin_api.no_access_token"), hint=tr("admin_api.no_access_token_hint")
            )
        register_secret(token)
        expires_in = data.get("expires_in")
        ttl = float(expires_in) if isinstance(expires_in, int | float) else None
        return token, ttl

    async def _send(
        self,
        method: str,
        path: str,
        *,
        action: str,
        authorized: bool = True,
        json: dict[str, Any] | None = None,
        query: dict[str, int] | None = None,
    ) -> httpx.Response:
        """Send with the one retry policy (timeouts, network errors, 429 and 5xx are repeated
        after a back-off; every admin request may be repeated: creating an account that exists
        answers "duplicate"); renew a refused token once.

        Returns the last response, whatever its status; raises ``ServerError`` when the network
        failed on every attempt.
        """
        renewed = False

        async def attempt() -> httpx.Response:
            nonlocal renewed
            token = await self._tokens.current() if authorized else None
            params: dict[str, str | int] = dict(query or {})
            if token:
                params["access_token"] = token
            try:
                response = await self._http.request(method, path, params=params or None, json=json)
            except httpx.TransportError as exc:
                log.debug("%s %s: %s", method, path, type(exc).__name__)
                raise ServerFailure(FailureKind.UNKNOWN, type(exc).__name__) from exc
            log.debug("%s %s → HTTP %d", method, path, response.status_code)
            if token and not renewed and errors.is_token_rejected(response):
                renewed = True
                await self._tokens.renew_after_rejection(token)
                raise TryAgain
            if errors.is_retryable_status(response.status_code):
                raise ServerFailure(
                    FailureKind.NOT_APPLIED,
                    f"HTTP {response.status_code}",
                    retry_after=retry_after_seconds(response),
                    detail=response,
                )
            return response

        try:
            return await read(attempt, self._retry)
        except GaveUp as exc:
            if isinstance(exc.failure.detail, httpx.Response):
                return exc.failure.detail
            cause = exc.failure.__cause__
            if not isinstance(cause, httpx.TransportError):
                raise
            raise errors.transport_error(cause, server=self.base_url, action=action) from None


def _page_number(value: object) -> int | None:
    """``next_page_id`` as a number (older servers may send it as text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _server_user(item: object) -> ServerUser | None:
    if not isinstance(item, dict):
        return None
    login = item.get("id") or item.get("login_name")
    if not isinstance(login, str) or not login:
        return None
    return ServerUser(
        login=login,
        display_name=str(item.get("display_name") or ""),
        email=str(item.get("email") or ""),
    )


def _user_path(login: str) -> str:
    return f"{USERS_PATH}/{quote(login, safe='')}"


def _json_object(response: httpx.Response, *, action: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ServerError(
            tr("admin_api.not_json_object", action=action),
            hint=tr("admin_api.not_json_object_hint"),
        )
    return data
