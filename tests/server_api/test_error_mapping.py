from __future__ import annotations

from typing import Any

import httpx
import pytest

from migrator.errors import AuthError, ServerError
from migrator.secrets import register_secret
from migrator.server_api import errors


def _response(status: int, body: Any = None, *, text: str | None = None) -> httpx.Response:
    if text is not None:
        return httpx.Response(status, text=text)
    return httpx.Response(status, json=body)


def _envelope(status: int, reason: str, message: str) -> dict[str, Any]:
    return {
        "error": {
            "code": status,
            "message": "x",
            "errors": [{"reason": reason, "message": message}],
        }
    }


def test_duplicate_is_recognised_by_reason() -> None:
    assert errors.is_duplicate(_response(400, _envelope(400, "uniqueValueAlreadyInUse", "in use")))
    assert not errors.is_duplicate(_response(400, _envelope(400, "invalidValue", "bad")))
    assert not errors.is_duplicate(_response(400, text="<html>oops</html>"))


def test_wrong_client_credentials_hint_names_the_config_keys() -> None:
    error = errors.token_request_error(
        _response(
            401, {"reason": "InvalidCredentials", **_envelope(401, "InvalidCredentials", "no")}
        )
    )
    assert isinstance(error, AuthError)
    assert "client_id/client_secret" in (error.hint or "")
    assert "OAuth 2.0" in (error.hint or "")


@pytest.mark.parametrize(
    ("status", "body", "kind", "fragment"),
    [
        (401, _envelope(401, "accessTokenInvalid", "expired"), AuthError, "refused the admin"),
        (403, _envelope(403, "forbidden", "Forbidden"), AuthError, "did not allow"),
        (404, _envelope(404, "userNotFound", "nope"), ServerError, "no such resource"),
        (503, {"error": "busy"}, ServerError, "failed while"),
        (400, _envelope(400, "invalidValue", "email is wrong"), ServerError, "email is wrong"),
    ],
)
def test_response_errors_map_to_one_error_each(
    status: int, body: Any, kind: type[ServerError], fragment: str
) -> None:
    error = errors.response_error(_response(status, body), action="creating the account 'x'")
    assert type(error) is kind
    assert fragment in error.message
    assert error.hint


def test_error_text_from_the_server_is_redacted() -> None:
    register_secret("leaky-secret-value")
    error = errors.response_error(
        _response(400, _envelope(400, "invalidValue", "password leaky-secret-value is weak")),
        action="creating the account 'x'",
    )
    assert "leaky-secret-value" not in str(error)


def test_non_json_error_body_does_not_crash() -> None:
    error = errors.response_error(_response(502, text="<html>Bad gateway</html>"), action="x")
    assert "HTTP 502" in error.message


def test_transport_errors_never_show_the_request_url() -> None:
    request = httpx.Request("GET", "https://tc.example.com/api/v4/users?access_token=abc.def.ghi")
    exc = httpx.ConnectError(
        "boom for https://tc.example.com/api/v4/users?access_token=abc", request=request
    )
    error = errors.transport_error(exc, server="https://tc.example.com", action="reading")
    assert "access_token" not in str(error)
    assert "cannot be reached" in error.message
    timeout = errors.transport_error(httpx.ReadTimeout("slow"), server="https://h", action="x")
    assert "did not answer in time" in timeout.message


def test_certificate_failure_hints_at_verify_ssl() -> None:
    exc = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    error = errors.transport_error(exc, server="https://h", action="x")
    assert "verify_ssl" in (error.hint or "")
