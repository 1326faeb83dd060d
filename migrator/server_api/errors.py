"""Every error answer of the admin REST API mapped, in one place, to an error with a hint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from migrator.errors import AuthError, ServerError
from migrator.i18n import tr
from migrator.secrets import redact

# Catalogue keys of the hints (shown with ``tr``).
OAUTH_APP_HINT = "server_api.oauth_app_hint"
RENEW_ADMIN_CREDENTIALS_HINT = "server_api.renew_hint"
SCOPE_HINT = "server_api.scope_hint"
DUPLICATE_REASON = "uniqueValueAlreadyInUse"
_TOKEN_INVALID_REASONS = {"accessTokenInvalid", "accessTokenExpired", "invalidToken"}


@dataclass(frozen=True, slots=True)
class ApiErrorBody:
    """The ``{"error": {"code", "message", "errors": [{"reason", "message"}]}}`` envelope."""

    message: str | None = None
    reasons: tuple[str, ...] = ()
    details: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        parts = [*self.details] or ([self.message] if self.message else [])
        return "; ".join(parts)


def read_error_body(response: httpx.Response) -> ApiErrorBody:
    """Parse the error envelope leniently: a body that is not JSON gives an empty result."""
    try:
        data: Any = response.json()
    except ValueError:
        return ApiErrorBody()
    if not isinstance(data, dict):
        return ApiErrorBody()
    error = data.get("error")
    reasons: list[str] = []
    details: list[str] = []
    message: str | None = None
    if isinstance(error, dict):
        raw_message = error.get("message")
        message = str(raw_message) if raw_message else None
        for item in error.get("errors") or []:
            if isinstance(item, dict):
                if item.get("reason"):
                    reasons.append(str(item["reason"]))
                if item.get("message"):
                    details.append(str(item["message"]))
    elif isinstance(error, str):  # plain OAuth style: {"error": "invalid_client", ...}
        reasons.append(error)
        description = data.get("error_description")
        message = str(description) if description else error
    if isinstance(data.get("reason"), str):
        reasons.append(data["reason"])
    return ApiErrorBody(
        message=redact(message) if message else None,
        reasons=tuple(reasons),
        details=tuple(redact(d) for d in details),
    )


def is_duplicate(response: httpx.Response) -> bool:
    return response.status_code == 400 and DUPLICATE_REASON in read_error_body(response).reasons


def is_token_rejected(response: httpx.Response) -> bool:
    """Whether the server refused the admin token itself (so a renewed one may work)."""
    if response.status_code == 401:
        return True
    body = read_error_body(response)
    return response.status_code == 403 and bool(_TOKEN_INVALID_REASONS & set(body.reasons))


def is_retryable_status(status: int) -> bool:
    return status == 429 or status >= 500


def token_request_error(response: httpx.Response) -> ServerError:
    """An error answer of ``POST /oauth2/v1/token`` (client_credentials)."""
    body = read_error_body(response)
    status = response.status_code
    if status in (400, 401, 403):
        detail = f"HTTP {status}" + (f": {body.summary}" if body.summary else "")
        return AuthError(tr("server_api.oauth_refused", detail=detail), hint=tr(OAUTH_APP_HINT))
    return response_error(response, action=tr("server_api.action_token"))


def response_error(response: httpx.Response, *, action: str) -> ServerError:
    """Map any other error answer to an exception with a hint (the URL is never included)."""
    body = read_error_body(response)
    status = response.status_code
    detail = f"HTTP {status}" + (f": {body.summary}" if body.summary else "")
    if is_token_rejected(response):
        return AuthError(
            tr("server_api.token_refused", action=action, detail=detail),
            hint=tr(RENEW_ADMIN_CREDENTIALS_HINT),
        )
    if status == 403:
        return AuthError(
            tr("server_api.not_allowed", action=action, detail=detail),
            hint=tr(SCOPE_HINT),
        )
    if status == 404:
        return ServerError(
            tr("server_api.no_resource", action=action, detail=detail),
            hint=tr("server_api.no_resource_hint"),
        )
    if status >= 500:
        return ServerError(
            tr("server_api.failed", action=action, detail=detail),
            hint=tr("server_api.failed_hint"),
        )
    return ServerError(
        tr("server_api.rejected", action=action, detail=detail),
        hint=tr("server_api.rejected_hint"),
    )


def transport_error(exc: httpx.TransportError, *, server: str, action: str) -> ServerError:
    """A network failure; ``server`` is the base URL, which holds no secret."""
    if isinstance(exc, httpx.TimeoutException):
        what = tr("server_api.timeout")
    elif isinstance(exc, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return ServerError(
            tr("server_api.certificate", server=server, action=action),
            hint=tr("server_api.certificate_hint"),
        )
    elif isinstance(exc, httpx.ConnectError):
        what = tr("server_api.unreachable")
    else:
        what = tr("server_api.broke", error=type(exc).__name__)
    return ServerError(
        tr("server_api.transport", server=server, what=what, action=action),
        hint=tr("server_api.transport_hint"),
    )
