"""Administration REST API: server info, OAuth2 client credentials, users (API v4).

Errors have the documented envelope ``{"error": {"code", "message", "errors": [{"reason",
"message", "locationType", "location"}]}}``. Logins are case-insensitive and kept lower-case.
"""

from __future__ import annotations

import hmac
import json
import re
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from migrator.emulator.config import EmulatorConfig
from migrator.emulator.faults import FaultInjector
from migrator.emulator.model import User
from migrator.emulator.passwords import set_password
from migrator.emulator.state import ServerState, UserExists
from migrator.emulator.tokens import TokenKind, TokenProblem, issue_token, verify_token

_LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_STATUS_TEXT = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}
_DEFAULT_PAGE_SIZE = 50
_MAX_PAGE_SIZE = 500


def error_response(
    status: int,
    reason: str,
    message: str,
    *,
    location: str | None = None,
    location_type: str = "parameter",
    top_level_reason: str | None = None,
) -> web.Response:
    detail: dict[str, Any] = {"reason": reason, "message": message}
    if location is not None:
        detail["locationType"] = location_type
        detail["location"] = location
    body: dict[str, Any] = {
        "error": {"code": status, "message": _STATUS_TEXT.get(status, "Error"), "errors": [detail]}
    }
    if top_level_reason is not None:
        body["reason"] = top_level_reason
    return web.json_response(body, status=status)


class AdminApi:
    def __init__(self, config: EmulatorConfig, state: ServerState, faults: FaultInjector) -> None:
        self.config = config
        self.state = state
        self.faults = faults

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/api/v4/server", self.server_info),
            web.post("/oauth2/v1/token", self.client_credentials_token),
            web.post("/api/v4/users", self.create_user),
            web.get("/api/v4/users", self.list_users),
            web.get("/api/v4/users/{user_id}", self.get_user),
            web.put("/api/v4/users/{user_id}", self.update_user),
            web.delete("/api/v4/users/{user_id}", self.delete_user),
        ]

    async def server_info(self, request: web.Request) -> web.Response:
        with self.state.lock:
            self.state.version_requests += 1
        return web.json_response(
            {
                "product": {
                    "name": "TrueConf Server",
                    "version": self.config.server_version,
                    "display_name": self.config.domain,
                }
            }
        )

    async def client_credentials_token(self, request: web.Request) -> web.Response:
        fields = await _read_fields(request)
        if fields is None:
            return error_response(400, "invalidRequest", "Body must be JSON or a form")
        if fields.get("grant_type") != "client_credentials":
            return error_response(
                400, "unsupportedGrantType", "grant_type must be client_credentials"
            )
        client_ok = hmac.compare_digest(
            str(fields.get("client_id", "")), self.config.client_id
        ) and hmac.compare_digest(str(fields.get("client_secret", "")), self.config.client_secret)
        if not client_ok:
            return error_response(
                401,
                "InvalidCredentials",
                "Unknown client or wrong client secret",
                top_level_reason="InvalidCredentials",
            )
        ttl = self.faults.token_ttl(self.config.admin_token_ttl_seconds)
        token = issue_token(
            self.state.signing_key,
            subject=self.config.client_id,
            kind=TokenKind.ADMIN,
            ttl_seconds=ttl,
        )
        return web.json_response({"access_token": token, "token_type": "bearer", "expires_in": ttl})

    def _unauthorized(self, request: web.Request) -> web.Response | None:
        token = request.query.get("access_token")
        header = request.headers.get("Authorization", "")
        if token is None and header.lower().startswith("bearer "):
            token = header[7:].strip()
        if not token:
            return error_response(401, "accessTokenInvalid", "An access token is required")
        try:
            verify_token(self.state.signing_key, token, kind=TokenKind.ADMIN)
        except TokenProblem as problem:
            message = "The access token has expired" if problem.expired else "Invalid access token"
            return error_response(401, "accessTokenInvalid", message)
        return None

    async def create_user(self, request: web.Request) -> web.Response:
        if (refusal := self._unauthorized(request)) is not None:
            return refusal
        body = await _read_json(request)
        if body is None:
            return error_response(400, "invalidRequest", "Body must be a JSON object")
        login = body.get("id", body.get("login_name"))
        if not isinstance(login, str) or not _LOGIN.match(login):
            return error_response(
                400, "invalidValue", "id must be letters, digits, '.', '_' or '-'", location="id"
            )
        invalid = _check_profile(body)
        if invalid is not None:
            return invalid
        password = body.get("password", "")
        if not isinstance(password, str):
            return error_response(
                400, "invalidValue", "password must be a string", location="password"
            )
        try:
            user = self.state.add_user(
                login,
                password,
                display_name=str(body.get("display_name") or login),
                email=str(body.get("email") or ""),
                is_active=_as_bool(body.get("is_active", True)),
                first_name=str(body.get("first_name") or ""),
                last_name=str(body.get("last_name") or ""),
                company=str(body.get("company") or ""),
            )
        except UserExists:
            return error_response(
                400,
                "uniqueValueAlreadyInUse",
                "Value is already in use. Please try another.",
                location="id",
            )
        return web.json_response({"user": self._user_json(user)})

    async def get_user(self, request: web.Request) -> web.Response:
        if (refusal := self._unauthorized(request)) is not None:
            return refusal
        user = self.state.find_user(request.match_info["user_id"])
        if user is None:
            return _user_not_found(request.match_info["user_id"])
        return web.json_response({"user": self._user_json(user)})

    async def update_user(self, request: web.Request) -> web.Response:
        if (refusal := self._unauthorized(request)) is not None:
            return refusal
        user = self.state.find_user(request.match_info["user_id"])
        if user is None:
            return _user_not_found(request.match_info["user_id"])
        body = await _read_json(request)
        if body is None:
            return error_response(400, "invalidRequest", "Body must be a JSON object")
        invalid = _check_profile(body)
        if invalid is not None:
            return invalid
        with self.state.lock:
            for key in ("display_name", "email", "first_name", "last_name", "company"):
                if key in body:
                    setattr(user, key, str(body[key] or ""))
            if "is_active" in body:
                user.is_active = _as_bool(body["is_active"])
            if isinstance(body.get("password"), str):
                set_password(user, body["password"])
            self.state.touch(("user", user.login))
        return web.json_response({"user": self._user_json(user)})

    async def delete_user(self, request: web.Request) -> web.Response:
        if (refusal := self._unauthorized(request)) is not None:
            return refusal
        user = self.state.find_user(request.match_info["user_id"])
        if user is None:
            return _user_not_found(request.match_info["user_id"])
        with self.state.lock:
            del self.state.users[user.login]
            self.state.touch(("user", user.login))
        return web.json_response({"user": self._user_json(user)})

    async def list_users(self, request: web.Request) -> web.Response:
        if (refusal := self._unauthorized(request)) is not None:
            return refusal
        try:
            page = int(request.query.get("page_id", "1"))
            size = int(request.query.get("page_size", str(_DEFAULT_PAGE_SIZE)))
        except ValueError:
            return error_response(400, "invalidValue", "page_id and page_size must be integers")
        if page < 1 or not 1 <= size <= _MAX_PAGE_SIZE:
            return error_response(400, "invalidValue", "page_id or page_size out of range")
        with self.state.lock:
            users = sorted(self.state.users.values(), key=lambda u: u.login)
        chunk = users[(page - 1) * size : page * size]
        next_page = page + 1 if page * size < len(users) else -1
        return web.json_response(
            {"next_page_id": next_page, "users": [self._user_json(u) for u in chunk]}
        )

    def _user_json(self, user: User) -> dict[str, Any]:
        return {
            "id": user.login,
            "uid": self.state.user_id(user.login),
            "login_name": user.login,
            "display_name": user.display_name,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "company": user.company,
            "groups": [],
            "is_active": 1 if user.is_active else 0,
            "status": 0,
        }


def _user_not_found(user_id: str) -> web.Response:
    return error_response(
        404,
        "userNotFound",
        f"User '{user_id}' is not found",
        location="user_id",
        location_type="path",
    )


def _check_profile(body: dict[str, Any]) -> web.Response | None:
    for key in ("display_name", "email", "first_name", "last_name", "company"):
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            return error_response(400, "invalidValue", f"{key} must be a string", location=key)
    email = body.get("email")
    if email and "@" not in email:
        return error_response(400, "invalidValue", "email is not an address", location="email")
    return None


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "")
    return bool(value)


async def _read_json(request: web.Request) -> dict[str, Any] | None:
    try:
        body = await request.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


async def _read_fields(request: web.Request) -> dict[str, Any] | None:
    """A JSON object or a urlencoded form: OAuth clients send either."""
    raw = await request.read()
    if request.content_type == "application/x-www-form-urlencoded":
        return dict(parse_qsl(raw.decode("utf-8", "replace")))
    try:
        body = json.loads(raw or b"null")
    except ValueError:
        return None
    return body if isinstance(body, dict) else None
