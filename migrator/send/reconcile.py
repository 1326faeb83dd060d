"""Finding, in the chat history, a post the ledger left in ``sending`` (a crash, or a request
whose outcome is unknown).

A server may store a text otherwise than it was sent (attributes removed, entities decoded,
whitespace normalised) and report authors in its own format (``DOMAIN\\Login@server``, another
letter case). So a post is matched by a fingerprint, not byte for byte: the text reduced to its
visible characters, the author compared with the id the server gave the sending session
(case-insensitively), the kind (text or file), the file's name and size. Among the messages after
the last confirmed post that the ledger does not hold yet, the first that matches is the post
(posts of a chat are sent one at a time). A file post sent with a caption is followed by the
caption's own message.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from migrator.connector import ServerMessage
from migrator.ledger import PostRecord

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def visible_text(text: str) -> str:
    """What a reader sees of an HTML text: tags stripped, ``<br>`` a line break, entities
    decoded, every run of white space one space."""
    plain = html.unescape(_TAG.sub("", _BREAK.sub("\n", text)))
    return " ".join(plain.split())


def same_author(message: ServerMessage, *, author_id: str | None, login: str | None) -> bool:
    """Whether a message's author is the account that sent the post: its session's own id
    (``bot.me_id``), or its login (an LDAP ``DOMAIN\\`` and the ``@server`` left out), both
    case-insensitively."""
    if author_id and message.author.casefold() == author_id.casefold():
        return True
    if login is None:
        return author_id is None
    return message.login == login.lower()


def same_text(server_text: str | None, sent: str | None) -> bool:
    return visible_text(server_text or "") == visible_text(sent or "")


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
        return message.message_id, _caption_id(following, record)
    return None


def _by_sender(message: ServerMessage, record: PostRecord) -> bool:
    return same_author(message, author_id=record.author_id, login=record.author)


def _matches(message: ServerMessage, record: PostRecord) -> bool:
    if not _by_sender(message, record):
        return False
    if record.file_name is None:
        return message.text is not None and same_text(message.text, record.sent_text)
    if message.file_name != record.file_name:
        return False
    return record.file_size is None or message.file_size in (None, record.file_size)


def _caption_id(following: ServerMessage | None, record: PostRecord) -> str | None:
    if record.file_name is None or not record.sent_text or following is None:
        return None
    if _by_sender(following, record) and same_text(following.text, record.sent_text):
        return following.message_id
    return None
