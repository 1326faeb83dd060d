"""Finding, in the chat history, a post the ledger left in ``sending`` (a crash, or a request
whose answer was lost).

The first message after the last ``sent`` one that is not already in the ledger, whose author is
the post's sender and whose text (text posts) or file name (file posts) equals what was recorded,
is taken as that post. A file post sent with a caption is followed by the caption's own message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from migrator.ledger import PostRecord
from migrator.send.history import ServerMessage


def known_message_ids(records: Iterable[PostRecord]) -> set[str]:
    """Every message id (and caption message id) the ledger already holds."""
    return {
        message_id
        for record in records
        for message_id in (record.message_id, record.caption_message_id)
        if message_id
    }


def find_in_history(
    messages: Sequence[ServerMessage], record: PostRecord, known: set[str]
) -> tuple[str, str | None] | None:
    """The post's message id in ``messages`` (and its caption's), or None if not there."""
    fresh = [m for m in messages if m.message_id not in known and m.is_user_message]
    for index, message in enumerate(fresh):
        if not _matches(message, record):
            continue
        following = fresh[index + 1] if index + 1 < len(fresh) else None
        return message.message_id, _caption_id(message, following, record)
    return None


def _matches(message: ServerMessage, record: PostRecord) -> bool:
    if record.author is not None and message.login != record.author:
        return False
    if record.file_name is not None:
        return message.file_name == record.file_name
    return message.text == record.sent_text


def _caption_id(
    message: ServerMessage, following: ServerMessage | None, record: PostRecord
) -> str | None:
    if record.file_name is None or not record.sent_text or following is None:
        return None
    if following.login == message.login and following.text == record.sent_text:
        return following.message_id
    return None
