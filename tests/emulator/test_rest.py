"""The HTTP endpoints with httpx: admin REST API, chatbot sign-in, upload and download errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from migrator.emulator import RunningEmulator
from tests.emulator.support import PASSWORD


@pytest.fixture
async def http(plain_emulator: RunningEmulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=plain_emulator.base_url, timeout=5) as client:
        yield client


async def _admin_token(http: httpx.AsyncClient) -> str:
    response = await http.post(
        "/oauth2/v1/token",
        json={
            "grant_type": "client_credentials",
            "client_id": "emulator",
            "client_secret": "emulator-secret",
        },
    )
    assert response.status_code == 200
    token: str = response.json()["access_token"]
    return token


def _reason(response: httpx.Response) -> str:
    body: dict[str, Any] = response.json()
    assert body["error"]["code"] == response.status_code
    assert isinstance(body["error"]["message"], str)
    reason: str = body["error"]["errors"][0]["reason"]
    return reason


async def test_server_info(http: httpx.AsyncClient) -> None:
    body = (await http.get("/api/v4/server")).json()
    assert body["product"]["display_name"] == "emulator.local"
    assert body["product"]["version"] == "5.5.6.1234"


async def test_client_credentials_token_as_json_and_as_form(http: httpx.AsyncClient) -> None:
    assert (await _admin_token(http)).count(".") == 2
    form = await http.post(
        "/oauth2/v1/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "emulator",
            "client_secret": "emulator-secret",
        },
    )
    assert form.status_code == 200
    assert form.json()["expires_in"] == 3600


async def test_wrong_client_secret_is_401_with_the_error_shape(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/oauth2/v1/token",
        json={"grant_type": "client_credentials", "client_id": "emulator", "client_secret": "x"},
    )
    assert response.status_code == 401
    assert _reason(response) == "InvalidCredentials"
    assert response.json()["reason"] == "InvalidCredentials"


async def test_unsupported_grant_type(http: httpx.AsyncClient) -> None:
    response = await http.post("/oauth2/v1/token", json={"grant_type": "password"})
    assert response.status_code == 400
    assert _reason(response) == "unsupportedGrantType"


async def test_create_user_then_read_it(http: httpx.AsyncClient) -> None:
    token = await _admin_token(http)
    new_user = {
        "id": "ivan.petrov",
        "display_name": "Иван Петров",
        "email": "ivan@example.com",
        "password": "S3cret!",
        "is_active": True,
    }
    created = await http.post("/api/v4/users", params={"access_token": token}, json=new_user)
    assert created.status_code == 200
    assert created.json()["user"]["id"] == "ivan.petrov"
    fetched = await http.get(
        "/api/v4/users/ivan.petrov", headers={"Authorization": f"Bearer {token}"}
    )
    assert fetched.status_code == 200
    user = fetched.json()["user"]
    assert (user["display_name"], user["email"], user["is_active"]) == (
        "Иван Петров",
        "ivan@example.com",
        1,
    )
    assert "password" not in user


async def test_existing_id_is_unique_value_already_in_use(http: httpx.AsyncClient) -> None:
    token = await _admin_token(http)
    response = await http.post(
        "/api/v4/users", params={"access_token": token}, json={"id": "Alice", "password": "x"}
    )
    assert response.status_code == 400
    assert _reason(response) == "uniqueValueAlreadyInUse"
    assert response.json()["error"]["errors"][0]["location"] == "id"


async def test_invalid_user_id_is_rejected(http: httpx.AsyncClient) -> None:
    token = await _admin_token(http)
    response = await http.post(
        "/api/v4/users", params={"access_token": token}, json={"id": "no spaces please"}
    )
    assert response.status_code == 400
    assert _reason(response) == "invalidValue"


async def test_unknown_user_is_404(http: httpx.AsyncClient) -> None:
    token = await _admin_token(http)
    response = await http.get("/api/v4/users/nobody", params={"access_token": token})
    assert response.status_code == 404
    assert _reason(response) == "userNotFound"


@pytest.mark.parametrize(
    "params",
    [{}, {"access_token": "not-a-token"}, {"access_token": "a.b.c"}],
    ids=["missing", "garbage", "forged"],
)
async def test_users_api_needs_a_valid_token(
    http: httpx.AsyncClient, params: dict[str, str]
) -> None:
    response = await http.get("/api/v4/users/alice", params=params)
    assert response.status_code == 401
    assert _reason(response) == "accessTokenInvalid"


async def test_chatbot_token_is_not_an_admin_token(
    http: httpx.AsyncClient, plain_emulator: RunningEmulator
) -> None:
    token = plain_emulator.issue_token("alice")
    response = await http.get("/api/v4/users/alice", params={"access_token": token})
    assert response.status_code == 401


async def test_expired_admin_token_is_401(
    http: httpx.AsyncClient, plain_emulator: RunningEmulator
) -> None:
    plain_emulator.faults.token_ttl_seconds = 1
    token = await _admin_token(http)
    assert (
        await http.get("/api/v4/users/alice", params={"access_token": token})
    ).status_code == 200
    await asyncio.sleep(2.05)
    response = await http.get("/api/v4/users/alice", params={"access_token": token})
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["errors"][0]["message"]


async def test_list_users_in_pages(http: httpx.AsyncClient) -> None:
    token = await _admin_token(http)
    first = (await http.get("/api/v4/users", params={"access_token": token, "page_size": 2})).json()
    assert [u["id"] for u in first["users"]] == ["alice", "bob"]
    assert first["next_page_id"] == 2
    second = (
        await http.get(
            "/api/v4/users", params={"access_token": token, "page_size": 2, "page_id": 2}
        )
    ).json()
    assert [u["id"] for u in second["users"]] == ["carol"]
    assert second["next_page_id"] == -1


async def test_update_and_delete_user(http: httpx.AsyncClient) -> None:
    token = await _admin_token(http)
    auth = {"access_token": token}
    updated = await http.put("/api/v4/users/bob", params=auth, json={"display_name": "Robert"})
    assert updated.json()["user"]["display_name"] == "Robert"
    assert (await http.delete("/api/v4/users/bob", params=auth)).status_code == 200
    assert (await http.get("/api/v4/users/bob", params=auth)).status_code == 404


async def _chatbot_token(http: httpx.AsyncClient, **fields: str) -> httpx.Response:
    body = {"client_id": "chat_bot", "grant_type": "password", **fields}
    return await http.post("/bridge/api/client/v1/oauth/token", json=body)


async def test_chatbot_password_token(http: httpx.AsyncClient) -> None:
    response = await _chatbot_token(http, username="alice", password=PASSWORD)
    assert response.status_code == 201
    body = response.json()
    assert body["token_type"] == "JWT"
    assert body["expires_in"] == 30 * 24 * 3600
    assert isinstance(body["expires_at"], int)
    assert body["access_token"].count(".") == 2


async def test_chatbot_wrong_password(http: httpx.AsyncClient) -> None:
    response = await _chatbot_token(http, username="alice", password="nope")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_grant"
    assert response.json()["error_description"]


async def test_chatbot_token_needs_the_chat_bot_client(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/bridge/api/client/v1/oauth/token",
        json={"client_id": "x", "grant_type": "password", "username": "alice", "password": "p"},
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_upload_with_an_unknown_task(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/bridge/api/client/v1/files",
        headers={"Upload-Task-Id": "nope"},
        files={"file": ("a.txt", b"abc", "text/plain")},
    )
    assert response.status_code == 400
    assert response.json()["error"] == 310
    assert "nope" in response.json()["error_description"]


async def test_download_needs_the_right_token(
    http: httpx.AsyncClient, plain_emulator: RunningEmulator
) -> None:
    assert (await http.get("/bridge/api/client/v1/files/missing?token=x")).status_code == 404
    from migrator.emulator.model import StoredFile

    plain_emulator.state.files["f1"] = StoredFile("f1", "a.txt", 3, "text/plain", "alice@x")
    assert (await http.get("/bridge/api/client/v1/files/f1?token=x")).status_code == 403
