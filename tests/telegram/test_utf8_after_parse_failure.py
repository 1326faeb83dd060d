"""The UTF-8 check runs only after a parser failure, and gives the same errors as before.

Streaming skips the check (the parser rejects invalid UTF-8 too); these tests pin that the user
still sees "not UTF-8 … at byte N" exactly when the bytes read up to the failure are not UTF-8,
and an ``ExportError`` (never a bare ``UnicodeDecodeError``) otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.errors import ExportError
from migrator.telegram.json_stream import BUFFER_SIZE
from migrator.telegram.loader import iter_messages, list_chats

HEAD = b'{"name": "Chat", "type": "private_group", "id": 5, "messages": [\n'


def message(number: int, text: bytes = b"hello") -> bytes:
    return b'{"id": %d, "type": "message", "date_unixtime": "1", "text": "%s"}' % (number, text)


def export(folder: Path, body: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "result.json").write_bytes(body)
    return folder


def load_error(folder: Path) -> tuple[list[int], ExportError]:
    (chat,) = list_chats(folder)
    seen: list[int] = []
    with pytest.raises(ExportError) as caught:
        for item in iter_messages(folder, chat):
            seen.append(item.id)
    return seen, caught.value


@pytest.mark.parametrize(
    ("bad", "what"),
    [
        (b"\xd2", "invalid byte 0xD2"),  # windows-1251: yajl's own UTF-8 check
        (b"\xc0\xaf", "invalid byte 0xC0"),  # overlong: passes yajl, fails Python's decoder
        (b"\xed\xa0\x80", "invalid byte 0xED"),  # an encoded surrogate
    ],
)
def test_invalid_utf8_in_a_message_is_reported_at_its_byte(
    tmp_path: Path, bad: bytes, what: str
) -> None:
    body = HEAD + message(1) + b",\n" + message(2, b"ab" + bad + b"cd") + b"\n]}\n"
    folder = export(tmp_path / "export", body)
    _, error = load_error(folder)
    offset = body.index(bad)
    assert error.message == f"{folder / 'result.json'}: not UTF-8 text ({what} at byte {offset})"
    assert "iconv" in (error.hint or "")


def test_file_cut_inside_a_character_is_reported_as_such(tmp_path: Path) -> None:
    body = HEAD + message(1) + b",\n" + b'{"id": 2, "type": "message", "text": "' + "ж".encode()[:1]
    folder = export(tmp_path / "export", body)
    seen, error = load_error(folder)
    assert seen == [1]
    assert error.message.endswith(f"not UTF-8 text (invalid byte 0xD0 at byte {len(body) - 1})")


def test_broken_json_before_a_later_mis_encoded_chunk_is_reported_as_json(tmp_path: Path) -> None:
    filler = b",\n".join(message(number) for number in range(2, 3 * BUFFER_SIZE // 60))
    body = HEAD + message(1) + b",,\n" + filler + b",\n" + message(0, b"\xd2") + b"\n]}\n"
    folder = export(tmp_path / "export", body)
    seen, error = load_error(folder)
    assert seen == [1]
    assert "invalid JSON at byte" in error.message and "UTF-8" not in error.message


def test_lone_surrogate_escape_in_valid_utf8_is_not_called_mis_encoded(tmp_path: Path) -> None:
    # The parser raises UnicodeDecodeError here too; the check must clear the bytes themselves.
    body = HEAD + message(1) + b",\n" + message(2, b"\\udc00") + b"\n]}\n"
    folder = export(tmp_path / "export", body)
    seen, error = load_error(folder)
    assert seen == [1]
    assert error.message.startswith(f"{folder / 'result.json'}: ")
    assert "UTF-8" not in error.message and "\\udc00" in error.message
