"""Every error answer of the admin REST API mapped, in one place, to an error with a hint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from migrator.errors import AuthError, ServerError
from migrator.secrets import redact

OAUTH_APP_HINT = (
    "check [server] client_id/client_secret in config.toml; create an OAuth application in the "
    "TrueConf Server control panel: Web → Security → OAuth 2.0, with permission to manage users"
)
RENEW_ADMIN_CREDENTIALS_HINT = (
    "an admin access_token lives one hour: get a new one, or fill [server] client_id and "
    "client_secret in config.toml so the tool renews it by itself"
)
SCOPE_HINT = (
    "give the OAuth application the right to manage users (users:write) in the TrueConf Server "
    "control panel: Web → Security → OAuth 2.0"
)
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
        return AuthError(
            f"TrueConf Server refused the OAuth client credentials (HTTP {status}"
            + (f": {body.summary}" if body.summary else "")
            + ")",
            hint=OAUTH_APP_HINT,
        )
    return response_error(response, action="getting an admin token")


def response_error(response: httpx.Response, *, action: str) -> ServerError:
    """Map any other error answer to an exception with a hint (the URL is never included)."""
    body = read_error_body(response)
    status = response.status_code
    detail = f"HTTP {status}" + (f": {body.summary}" if body.summary else "")
    if is_token_rejected(response):
        return AuthError(
            f"TrueConf Server refused the admin access token while {action} ({detail})",
            hint=RENEW_ADMIN_CREDENTIALS_HINT,
        )
    if status == 403:
        return AuthError(
            f"TrueConf Server did not allow {action} ({detail})",
            hint=SCOPE_HINT,
        )
    if status == 404:
        return ServerError(
            f"TrueConf Server has no such resource while {action} ({detail})",
            hint="check that [server] address and port point to TrueConf Server 5.5 or later",
        )
    if status >= 500:
        return ServerError(
            f"TrueConf Server failed while {action} ({detail})",
            hint="look at the server's logs; run the command again later (it is safe to re-run)",
        )
    return ServerError(
        f"TrueConf Server rejected {action} ({detail})",
        hint="check the values in config.toml named in the message",
    )


def transport_error(exc: httpx.TransportError, *, server: str, action: str) -> ServerError:
    """A network failure; ``server`` is the base URL, which holds no secret."""
    if isinstance(exc, httpx.TimeoutException):
        what = "did not answer in time"
    elif isinstance(exc, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return ServerError(
            f"The TLS certificate of {server} could not be verified while {action}",
            hint="set [server] verify_ssl to the path of the CA bundle (PEM) that signed it, "
            "or, on a trusted network only, verify_ssl = false",
        )
    elif isinstance(exc, httpx.ConnectError):
        what = "cannot be reached"
    else:
        what = f"broke the connection ({type(exc).__name__})"
    return ServerError(
        f"TrueConf Server at {server} {what} while {action}",
        hint="check [server] address, port and https in config.toml, and that the server is "
        "running and reachable from this computer",
    )
