"""Chatbot Connector error codes, as the server puts them in ``errorCode``."""

from __future__ import annotations

from enum import IntEnum


class ErrorCode(IntEnum):
    NOT_AUTHORIZED = 200
    INVALID_CREDENTIALS = 201
    USER_DISABLED = 202
    CREDENTIALS_EXPIRED = 203
    UNSUPPORTED_CREDENTIALS = 204
    INTERNAL_ERROR = 300
    # No documented rate-limit code exists; the emulator answers a throttled request with the
    # operation-timeout code and a retryAfter hint (milliseconds).
    TIMEOUT = 301
    ACCESS_DENIED = 302
    NOT_ENOUGH_RIGHTS = 303
    CHAT_NOT_FOUND = 304
    NOT_A_PARTICIPANT = 305
    MESSAGE_NOT_FOUND = 306
    FILE_NOT_FOUND = 308
    ALREADY_A_PARTICIPANT = 309
    FILE_UPLOAD_FAILED = 310
    FILE_NOT_READY = 311
    ROLE_NOT_FOUND = 312
    WRONG_PAYLOAD = 399
    # The file errors of 5.5.6+, which replaced 310 there (python-trueconf-bot 1.5.0 release
    # notes); 404 "File not found" is what an expired or another connection's upload is.
    UPLOAD_NOT_FOUND = 404


RATE_LIMIT_ERROR_CODE = ErrorCode.TIMEOUT
RATE_LIMIT_RETRY_AFTER_MS = 200


class ChatError(Exception):
    """A request the server refuses; becomes ``{"errorCode": code, "errorDescription": ...}``."""

    def __init__(self, code: ErrorCode, description: str) -> None:
        super().__init__(f"[{int(code)}] {description}")
        self.code = code
        self.description = description
