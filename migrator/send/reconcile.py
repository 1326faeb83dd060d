"""Finding, in the chat history, a post the ledger left in ``sending`` (a crash, or a request
whose outcome is unknown).

A server may store a text otherwise than it was sent (attributes removed, entities decoded,
whitespace normalised) and report authors in its own format (``DOMAIN\\Login@server``, another
letter case). So by default a post is matched by a fingerprint, not byte for byte: the text
reduced to its visible characters, the author compared with the id the server gave the sending
session (case-insensitively), the kind (text or file), the file's name and size. Where the server
profile found that the server keeps texts, or author ids, as they were sent (``Matching``), those
are compared exactly, so a message that only looks like the post is not taken for it. Among the
messages after the last confirmed post that the ledger does not hold yet, the first that matches
is the post (posts of a chat are sent one at a time). A file post sent with a caption is followed
by the caption's own message.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from migrator.connector import ServerMessage
from migrator.ledger import PostRecord

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Matching:
    """How the history is compared with an interrupted post. ``exact_text``: the text read back
    equals the text sent, byte for byte. ``exact_author``: the author id equals the sending
    session's own id exactly. Otherwise the fingerprint (``same_text``, ``same_author``)."""

    exact_text: bool = False
    exact_author: bool = False


CAREFUL = Matching()


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


def find_in_history(
    messages: Sequence[ServerMessage],
    record: PostRecord,
    known: set[str],
    matching: Matching = CAREFUL,
) -> tuple[str, str | None] | None:
    """The post's message id in ``messages`` (and its caption's), or None if not there."""
    fresh = [m for m in messages if m.message_id not in known and m.is_user_message]
    for index, message in enumerate(fresh):
        if not _matches(message, record, matching):
            continue
        following = fresh[index + 1] if index + 1 < len(fresh) else None
        return message.message_id, _caption_id(following, record, matching)
    return None


def _by_sender(message: ServerMessage, record: PostRecord, matching: Matching) -> bool:
    if matching.exact_author and record.author_id:
        return message.author == record.author_id
    return same_author(message, author_id=record.author_id, login=record.author)


def _text_matches(server_text: str | None, record: PostRecord, matching: Matching) -> bool:
    if matching.exact_text:
        return (server_text or "") == (record.sent_text or "")
    return same_text(server_text, record.sent_text)


def _matches(message: ServerMessage, record: PostRecord, matching: Matching) -> bool:
    if not _by_sender(message, record, matching):
        return False
    if record.file_name is None:
        return message.text is not None and _text_matches(message.text, record, matching)
    if message.file_name != record.file_name:
        return False
    return record.file_size is None or message.file_size in (None, record.file_size)


def _caption_id(
    following: ServerMessage | None, record: PostRecord, matching: Matching
) -> str | None:
    if record.file_name is None or not record.sent_text or following is None:
        return None
    if _by_sender(following, record, matching) and _text_matches(following.text, record, matching):
        return following.message_id
    return None
