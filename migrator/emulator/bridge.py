"""Chatbot Connector HTTP endpoints: password sign-in, file upload and file download."""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any
from urllib.parse import quote

from aiohttp import BodyPartReader, web

from migrator.emulator import files
from migrator.emulator.blobs import BlobStore
from migrator.emulator.config import EmulatorConfig
from migrator.emulator.faults import FaultInjector
from migrator.emulator.model import Preview, StoredFile
from migrator.emulator.state import ServerState
from migrator.emulator.tokens import TokenKind, issue_token, verify_token

_UPLOAD_ERROR = 310


def _upload_error(description: str, status: int = 400) -> web.Response:
    return web.json_response(
        {"error": _UPLOAD_ERROR, "error_description": description}, status=status
    )


class ChatbotHttp:
    def __init__(
        self,
        config: EmulatorConfig,
        state: ServerState,
        faults: FaultInjector,
        blobs: BlobStore,
    ) -> None:
        self.config = config
        self.state = state
        self.faults = faults
        self.blobs = blobs

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/bridge/api/client/v1/oauth/token", self.password_token),
            web.post("/bridge/api/client/v1/files", self.upload),
            web.get("/bridge/api/client/v1/files/{file_id}", self.download),
            web.get("/bridge/api/client/v1/files/{file_id}/preview", self.download_preview),
        ]

    def chatbot_token(self, login: str, ttl_seconds: int | None = None) -> str:
        ttl = (
            ttl_seconds
            if ttl_seconds is not None
            else self.faults.token_ttl(self.config.chatbot_token_ttl_seconds)
        )
        return issue_token(
            self.state.signing_key, subject=login, kind=TokenKind.CHATBOT, ttl_seconds=ttl
        )

    async def password_token(self, request: web.Request) -> web.Response:
        try:
            body: Any = json.loads(await request.read() or b"null")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return web.json_response(
                {"error": "invalid_request", "error_description": "JSON body expected"}, status=400
            )
        if body.get("grant_type") != "password":
            return web.json_response(
                {"error": "unsupported_grant_type", "error_description": "Use grant_type=password"},
                status=400,
            )
        if body.get("client_id") != "chat_bot":
            return web.json_response(
                {"error": "invalid_client", "error_description": "Unknown client_id"}, status=401
            )
        if not self.config.password_auth_enabled:
            return web.json_response(
                {"error": "auth_method_disabled", "error_description": "Password sign-in is off"},
                status=403,
            )
        user = self.state.check_password(
            str(body.get("username", "")), str(body.get("password", ""))
        )
        if user is None or not user.is_active:
            with self.state.lock:
                self.state.password_refusals[str(body.get("username", ""))] += 1
            return web.json_response(
                {"error": "invalid_grant", "error_description": "Invalid username or password"},
                status=401,
            )
        ttl = self.faults.token_ttl(self.config.chatbot_token_ttl_seconds)
        token = self.chatbot_token(user.login, ttl)
        with self.state.lock:
            self.state.password_sign_ins[user.login] += 1
        expires_at = verify_token(self.state.signing_key, token, kind=TokenKind.CHATBOT).expires_at
        return web.json_response(
            {
                "access_token": token,
                "token_type": "JWT",
                "expires_in": ttl,
                "expires_at": expires_at,
            },
            status=201,
        )

    async def upload(self, request: web.Request) -> web.Response:
        task_id = request.headers.get("Upload-Task-Id", "")
        task = self.state.upload_tasks.get(task_id)
        if task is None:
            return _upload_error(f"No task found for request_id: {task_id}")
        if self.faults.upload_fails():
            return web.Response(status=503, text="Service Unavailable")
        if not request.content_type.startswith("multipart/"):
            return _upload_error("multipart/form-data expected")
        parts = await _read_parts(request)
        if parts is None or "file" not in parts:
            return _upload_error("The form has no 'file' field")
        name, mime, data = parts["file"]
        if len(data) != task.file_size:
            return _upload_error("File size does not match the upload task")
        file_id = secrets.token_hex(16)
        self.blobs.put(file_id, data)
        preview = None
        if "preview" in parts:
            preview_name, preview_mime, preview_data = parts["preview"]
            self.blobs.put(f"{file_id}.preview", preview_data)
            preview = Preview(name=preview_name, size=len(preview_data), mime_type=preview_mime)
        stored = StoredFile(
            file_id=file_id,
            name=task.file_name or name,
            size=len(data),
            mime_type=mime,
            owner_id=task.owner_id,
            preview=preview,
        )
        temporal = files.accept_upload(self.state, task_id, stored)
        if temporal is None:
            return _upload_error(f"No task found for request_id: {task_id}")
        return web.json_response({"temporalFileId": temporal.temporal_id})

    async def download(self, request: web.Request) -> web.StreamResponse:
        file = self._authorised_file(request)
        data = self.blobs.get(file.file_id)
        if data is None:
            raise web.HTTPNotFound()
        return _file_response(data, file.name, file.mime_type)

    async def download_preview(self, request: web.Request) -> web.StreamResponse:
        file = self._authorised_file(request)
        data = self.blobs.get(f"{file.file_id}.preview")
        if file.preview is None or data is None:
            raise web.HTTPNotFound()
        return _file_response(data, file.preview.name, file.preview.mime_type)

    def _authorised_file(self, request: web.Request) -> StoredFile:
        file = self.state.files.get(request.match_info["file_id"])
        token = request.query.get("token", "")
        if file is None:
            raise web.HTTPNotFound()
        if not hmac.compare_digest(token, files.download_token(self.state, file.file_id)):
            raise web.HTTPForbidden()
        return file


def _file_response(data: bytes, name: str, mime: str) -> web.Response:
    return web.Response(
        body=data,
        content_type=mime or "application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


async def _read_parts(request: web.Request) -> dict[str, tuple[str, str, bytes]] | None:
    """Form fields by name: (file name, content type, body)."""
    parts: dict[str, tuple[str, str, bytes]] = {}
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            data = await part.read(decode=False)
            mime = part.headers.get("Content-Type", "application/octet-stream")
            parts[part.name] = (part.filename or part.name, mime, bytes(data))
    except (ValueError, AssertionError):
        return None
    return parts
