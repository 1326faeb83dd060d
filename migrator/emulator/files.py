"""Files: upload tasks and limits, finished uploads, sendFile, download tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid
from typing import Any

from migrator.emulator import envelopes
from migrator.emulator.errors import ChatError, ErrorCode
from migrator.emulator.messages import stored_text, text_content
from migrator.emulator.model import Message, MessageType, StoredFile, TemporalFile, UploadTask
from migrator.emulator.state import ServerState


def create_upload_task(
    state: ServerState, actor: str, file_size: object, file_name: object, connection_id: str
) -> UploadTask:
    if not isinstance(file_size, int) or isinstance(file_size, bool) or file_size < 0:
        raise ChatError(ErrorCode.WRONG_PAYLOAD, "fileSize must be a non-negative integer")
    name = file_name if isinstance(file_name, str) else ""
    if file_size > state.max_file_size:
        raise ChatError(ErrorCode.FILE_UPLOAD_FAILED, "File is larger than the upload limit")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension and extension in state.blocked_extensions:
        raise ChatError(ErrorCode.FILE_UPLOAD_FAILED, "Files of this type are not allowed")
    with state.lock:
        task = UploadTask(
            task_id=str(uuid.uuid4()),
            owner_id=actor,
            file_size=file_size,
            file_name=name,
            connection_id=connection_id,
        )
        state.upload_tasks[task.task_id] = task
        return task


def upload_limits(state: ServerState) -> dict[str, Any]:
    return {
        "maxSize": state.max_file_size,
        "extensions": {"mode": "block", "list": list(state.blocked_extensions)},
    }


def accept_upload(state: ServerState, task_id: str, file: StoredFile) -> TemporalFile | None:
    """Turn a finished HTTP upload into a temporal file; the task is used up.

    ``None`` when another upload has used the task meanwhile.
    """
    with state.lock:
        task = state.upload_tasks.pop(task_id, None)
        if task is None:
            return None
        temporal = TemporalFile(
            temporal_id=secrets.token_hex(16),
            owner_id=task.owner_id,
            file=file,
            connection_id=task.connection_id,
            uploaded_at=time.monotonic(),
        )
        state.temporal_files[temporal.temporal_id] = temporal
        return temporal


def send_file(
    state: ServerState,
    actor: str,
    raw_chat_id: object,
    content: object,
    raw_reply: object,
    connection_id: str,
) -> tuple[Message, Message | None]:
    if not isinstance(content, dict):
        raise ChatError(ErrorCode.WRONG_PAYLOAD, "content is required")
    caption = content.get("caption")
    caption_text: tuple[str, str] | None = None
    if caption is not None:
        caption_text = text_content(caption, what="caption")
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        state.require_poster(chat, actor)
        temporal_id = content.get("temporalFileId")
        temporal = state.temporal_files.get(temporal_id) if isinstance(temporal_id, str) else None
        if temporal is None or temporal.owner_id != actor:
            raise ChatError(ErrorCode.FILE_NOT_FOUND, "temporalFileId not found")
        ttl = state.behaviours.temporal_file_ttl_seconds
        if ttl is not None and ttl > 0:
            if time.monotonic() - temporal.uploaded_at > ttl:
                del state.temporal_files[temporal.temporal_id]
                raise ChatError(ErrorCode.UPLOAD_NOT_FOUND, "File not found: the upload expired")
            if temporal.connection_id != connection_id:
                raise ChatError(ErrorCode.UPLOAD_NOT_FOUND, "File not found on this connection")
        reply_id = state.reply_target(chat, actor, raw_reply)
        del state.temporal_files[temporal.temporal_id]
        stored = temporal.file
        stored.chat_ids.append(chat.chat_id)
        state.files[stored.file_id] = stored
        state.touch(("file", stored.file_id))
        file_message = state.append(
            chat,
            actor,
            MessageType.ATTACHMENT,
            envelopes.attachment_content(stored),
            reply_id=reply_id,
        )
        caption_message = None
        if caption_text is not None and caption_text[0]:
            caption_message = state.append(
                chat,
                actor,
                MessageType.PLAIN_MESSAGE,
                stored_text(state, *caption_text),
                same_box_as=file_message if state.behaviours.shared_box else None,
            )
        return file_message, caption_message


def download_token(state: ServerState, file_id: str) -> str:
    return hmac.new(
        state.signing_key.encode(), f"download:{file_id}".encode(), hashlib.sha256
    ).hexdigest()[:32]
