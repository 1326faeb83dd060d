"""The /chatbot/ folder, the raw WebSocket envelope, persistence and the threaded emulator."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest
from trueconf.types import BufferedInputFile

from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator, start_emulator
from tests.emulator.support import (
    BotFactory,
    RawClient,
    close_bots,
    connect_bot,
    open_bots,
    raw_client,
)


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    (tmp_path / "ru").mkdir()
    (tmp_path / "index.html").write_text("<h1>root</h1>", encoding="utf-8")
    (tmp_path / "ru" / "index.html").write_text("<h1>Миграция</h1>", encoding="utf-8")
    (tmp_path / "ru" / "script.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path / "style.css").write_text("body{}", encoding="utf-8")
    (tmp_path / ".secret").write_text("hidden", encoding="utf-8")
    async with (
        start_emulator(EmulatorConfig(chatbot_dir=tmp_path)) as emu,
        httpx.AsyncClient(base_url=emu.base_url) as http,
    ):
        yield http


async def test_folder_serves_index_html(site: httpx.AsyncClient) -> None:
    response = await site.get("/chatbot/ru/")
    assert response.status_code == 200
    assert response.text == "<h1>Миграция</h1>"
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert (await site.get("/chatbot/")).text == "<h1>root</h1>"


async def test_folder_urls_without_slash_redirect(site: httpx.AsyncClient) -> None:
    assert (await site.get("/chatbot")).headers["location"] == "/chatbot/"
    response = await site.get("/chatbot/ru")
    assert response.status_code == 301
    assert response.headers["location"] == "/chatbot/ru/"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/chatbot/ru/script.js", "javascript"), ("/chatbot/style.css", "text/css")],
)
async def test_content_types(site: httpx.AsyncClient, path: str, content_type: str) -> None:
    response = await site.get(path)
    assert response.status_code == 200
    assert content_type in response.headers["content-type"]


@pytest.mark.parametrize(
    "path", ["/chatbot/missing.html", "/chatbot/.secret", "/chatbot/%2e%2e/%2e%2e/pyproject.toml"]
)
async def test_nothing_outside_or_hidden_is_served(site: httpx.AsyncClient, path: str) -> None:
    assert (await site.get(path)).status_code == 404


async def _raw_socket(
    emu: RunningEmulator, session: aiohttp.ClientSession, path: str = "/websocket/chat_bot"
) -> aiohttp.ClientWebSocketResponse:
    return await session.ws_connect(emu.base_url + path)


async def _request(
    socket: aiohttp.ClientWebSocketResponse, request_id: int, method: str, payload: Any
) -> dict[str, Any]:
    await socket.send_json({"type": 1, "id": request_id, "method": method, "payload": payload})
    while True:
        frame: dict[str, Any] = await asyncio.wait_for(socket.receive_json(), 5)
        if frame["type"] == 2 and frame["id"] == request_id:
            return frame
        await socket.send_json({"type": 2, "id": frame["id"]})


async def test_requests_before_auth_are_not_authorized(plain_emulator: RunningEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        socket = await _raw_socket(plain_emulator, session, "/websocket/chat_bot/")
        answer = await _request(socket, 7, "getChats", {"count": 10, "page": 1})
        assert answer["payload"]["errorCode"] == 200
        await socket.close()


async def test_unknown_method_and_bad_payload(plain_emulator: RunningEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        socket = await _raw_socket(plain_emulator, session)
        token = plain_emulator.issue_token("alice")
        auth = await _request(socket, 1, "auth", {"token": token, "tokenType": "JWT"})
        assert auth["payload"]["userId"].startswith("alice@emulator.local/")
        assert (await _request(socket, 2, "noSuchMethod", {}))["payload"]["errorCode"] == 399
        assert (await _request(socket, 3, "getChats", [1, 2]))["payload"]["errorCode"] == 399
        chats = await _request(socket, 4, "getChats", {"count": 5, "page": 1})
        assert chats["payload"] == []
        await socket.close()


async def test_state_files_and_tokens_survive_a_restart(tmp_path: Path) -> None:
    config = EmulatorConfig(data_dir=tmp_path)
    async with start_emulator(config) as emu:
        emu.add_user("alice", "pw")
        token = emu.issue_token("alice")
        make, started = await open_bots(emu)
        alice = await make("alice")
        chat_id = (await alice.create_group_chat("Kept")).chat_id
        sent = await alice.send_document(
            chat_id, BufferedInputFile(b"kept bytes", file_name="k.txt")
        )
        await close_bots(started)
    assert (tmp_path / "journal.jsonl").is_file()
    assert b"pw" not in (tmp_path / "journal.jsonl").read_bytes()

    async with start_emulator(EmulatorConfig(data_dir=tmp_path)) as emu:
        alice = await connect_bot(emu, token)
        try:
            message = (await alice.get_chat_history(chat_id, 1)).messages[0]
            assert message.content.file_id == sent.file_id
            assert await alice.download_file_by_id(sent.file_id) == b"kept bytes"
        finally:
            await alice.shutdown(timeout=1)


def test_emulator_thread_serves_synchronous_code() -> None:
    with EmulatorThread(EmulatorConfig()) as emu:
        emu.add_user("alice", "pw")
        response = httpx.post(
            emu.base_url + "/bridge/api/client/v1/oauth/token",
            json={
                "client_id": "chat_bot",
                "grant_type": "password",
                "username": "alice",
                "password": "pw",
            },
        )
        assert response.status_code == 201
        assert emu.state.find_user("alice") is not None
    with pytest.raises(httpx.ConnectError):
        httpx.get(emu.base_url + "/api/v4/server")


async def test_tests_can_read_a_chat_from_the_state(
    plain_emulator: RunningEmulator, plain_bots: BotFactory
) -> None:
    alice = await plain_bots("alice")
    chat_id = (await alice.create_group_chat("Inspect")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    sent = await alice.send_message(chat_id, "visible to tests")
    messages = plain_emulator.chat_messages(chat_id)
    assert [(m.message_id, m.author_id, m.content["text"]) for m in messages] == [
        (sent.message_id, "alice@emulator.local", "visible to tests")
    ]
    assert len(plain_emulator.chat_messages(chat_id, include_system=True)) == 2


async def test_upload_must_match_the_declared_size(plain_emulator: RunningEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        socket = await _raw_socket(plain_emulator, session)
        token = plain_emulator.issue_token("alice")
        await _request(socket, 1, "auth", {"token": token, "tokenType": "JWT"})
        task = await _request(socket, 2, "uploadFile", {"fileSize": 5, "fileName": "a.txt"})
        task_id = task["payload"]["uploadTaskId"]
        await socket.close()
    async with httpx.AsyncClient(base_url=plain_emulator.base_url) as http:
        url = "/bridge/api/client/v1/files"
        headers = {"Upload-Task-Id": task_id}
        wrong = await http.post(
            url, headers=headers, files={"file": ("a.txt", b"abc", "text/plain")}
        )
        assert wrong.status_code == 400
        assert wrong.json()["error"] == 310
        right = await http.post(
            url, headers=headers, files={"file": ("a.txt", b"abcde", "text/plain")}
        )
        assert right.status_code == 200
        assert right.headers["content-type"].startswith("application/json")
        assert right.json()["temporalFileId"]
        # A task is good for one upload only.
        again = await http.post(
            url, headers=headers, files={"file": ("a.txt", b"abcde", "text/plain")}
        )
        assert again.status_code == 400


@pytest.mark.parametrize("ldap_ids", [False, True], ids=["default", "ldap_ids"])
async def test_a_post_is_pushed_to_every_session_as_json_dumps_writes_it(
    plain_emulator: RunningEmulator, ldap_ids: bool
) -> None:
    # One event to many sessions is encoded once: each frame must still be what ``json.dumps``
    # makes of it, with its own id, and the same payload (author ids as the server reports them).
    plain_emulator.behaviours.ldap_ids = ldap_ids
    async with (
        raw_client(plain_emulator, "alice") as alice,
        raw_client(plain_emulator, "bob") as bob,
        raw_client(plain_emulator, "carol") as carol,
    ):
        chat_id = (await alice.call("createGroupChat", {"title": "Wire"}))["chatId"]
        domain = plain_emulator.state.domain
        for login in ("bob", "carol"):
            added = await alice.call(
                "addChatParticipant", {"chatId": chat_id, "userId": f"{login}@{domain}"}
            )
            assert "errorCode" not in added, added
        sent = await alice.call(
            "sendMessage",
            {"chatId": chat_id, "content": {"text": "Привет, <b>все</b>", "parseMode": "html"}},
        )
        frames = [await _next_push(client, "sendMessage") for client in (bob, carol)]
    texts = [text for text, _ in frames]
    parsed = [frame for _, frame in frames]
    assert texts == [json.dumps(frame) for frame in parsed]
    assert parsed[0]["id"] != parsed[1]["id"]
    assert parsed[0]["payload"] == parsed[1]["payload"]
    assert parsed[0]["payload"]["messageId"] == sent["messageId"]
    author = parsed[0]["payload"]["author"]["id"]
    assert (author == f"alice@{domain}") is not ldap_ids


async def _next_push(client: RawClient, method: str) -> tuple[str, dict[str, Any]]:
    """The next pushed ``method`` on ``client``'s socket, as written and as parsed."""
    async with asyncio.timeout(5):
        while True:
            message = await client.socket.receive()
            frame = json.loads(message.data)
            if frame.get("type") == 1 and frame.get("method") == method:
                return message.data, frame


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        ('{"type": 2, "id": 17}', 17),
        ('{"type": 2, "id": 0}', 0),
        ('{"type":2,"id":17}', None),  # parsed the general way, same outcome
        ('{"type": 2, "id": 017}', None),  # not JSON: ignored as before
        ('{"type": 2, "id": 17, "payload": {}}', None),
        ('{"type": 1, "id": 17}', None),
        (b'{"type": 2, "id": 17}', None),
    ],
)
def test_an_acknowledgement_as_json_dumps_writes_it_is_read_without_parsing(
    frame: str | bytes, expected: int | None
) -> None:
    from migrator.emulator.websocket import _acknowledged_id

    assert _acknowledged_id(frame) == expected


async def test_pushes_to_a_session_reading_late_arrive_whole_and_in_order(
    plain_emulator: RunningEmulator,
) -> None:
    # Pushes are written straight to the socket while it takes them; once a session that does
    # not read has filled its buffers, the rest goes through asyncio's transport (and its
    # writer waits, holding up further posts, till bob reads): each frame must still come
    # whole, once, in the order of the posts.
    text = "Ж" * 4000  # 24 KB as json.dumps writes it (\u0416): 12 MB in all
    count = 500
    async with (
        raw_client(plain_emulator, "alice") as alice,
        raw_client(plain_emulator, "bob") as bob,
    ):
        chat_id = (await alice.call("createGroupChat", {"title": "Full"}))["chatId"]
        bob_id = f"bob@{plain_emulator.state.domain}"
        await alice.call("addChatParticipant", {"chatId": chat_id, "userId": bob_id})

        async def post_all() -> list[object]:
            content = [{"text": f"{n} {text}", "parseMode": "text"} for n in range(count)]
            return [
                (await alice.call("sendMessage", {"chatId": chat_id, "content": c}))["messageId"]
                for c in content
            ]

        posting = asyncio.create_task(post_all())
        await asyncio.sleep(1)  # bob reads nothing meanwhile
        pushed = [(await _next_push(bob, "sendMessage"))[1] for _ in range(count)]
        sent = await posting
    assert [frame["payload"]["messageId"] for frame in pushed] == sent
    assert [frame["payload"]["content"]["text"] for frame in pushed] == [
        f"{n} {text}" for n in range(count)
    ]
    ids = [frame["id"] for frame in pushed]
    assert ids == sorted(set(ids))
