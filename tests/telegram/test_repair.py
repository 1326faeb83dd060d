from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.errors import ExportError
from migrator.telegram.repair import RepairingReader, find_backslash_x

PATH = Path("result.json")


def tdesktop_escaped(value: object) -> bytes:
    """JSON as Telegram Desktop writes it: control characters as the invalid ``\\xNN``."""
    text = json.dumps(value, ensure_ascii=False)
    # Only a \u00XX preceded by an even run of backslashes is an escape (not an escaped "\\u").
    return re.sub(
        r"(?<!\\)((?:\\\\)*)\\u00([01][0-9a-f])",
        lambda m: m.group(1) + "\\x" + m.group(2).upper(),
        text,
    ).encode("utf-8")


def read_all(data: bytes, read_size: int) -> tuple[bytes, RepairingReader]:
    reader = RepairingReader(io.BytesIO(data), path=PATH)
    parts = []
    while chunk := reader.read(read_size):
        parts.append(chunk)
    return b"".join(parts), reader


def test_control_character_escapes_are_rewritten() -> None:
    repaired, reader = read_all(b'{"a": "x\\x01y\\x1Fz"}', 1024)
    assert repaired == b'{"a": "x\\u0001y\\u001Fz"}'
    assert json.loads(repaired) == {"a": "x\x01y\x1fz"}
    assert reader.repaired_escapes == 2


def test_escaped_backslash_before_x_is_left_alone() -> None:
    repaired, reader = read_all(b'{"a": "\\\\x41 and \\\\\\x07"}', 1024)
    assert json.loads(repaired) == {"a": "\\x41 and \\\x07"}
    assert reader.repaired_escapes == 1


def test_valid_json_passes_unchanged() -> None:
    data = json.dumps({"k": "\\x \\\\ \u0442\u0435\u043a\u0441\u0442", "n": [1, 2.5]}).encode()
    assert read_all(data, 3)[0] == data


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(["\\", "x", "1", "F", "a", "\x00", "\x07", "\x1f", "ж"])),
    read_size=st.integers(min_value=1, max_value=9),
)
def test_repair_is_exact_at_every_chunk_boundary(text: str, read_size: int) -> None:
    data = tdesktop_escaped({"t": text})
    repaired, _ = read_all(data, read_size)
    assert json.loads(repaired) == {"t": text}


def test_source_offsets_account_for_repairs() -> None:
    data = b'["\\x01", "\\x02", BAD]'
    reader = RepairingReader(io.BytesIO(data), path=PATH)
    chunk = reader.read(1024)
    position = chunk.index(b"BAD")
    assert reader.source_offset(position) == data.index(b"BAD")


def test_bom_is_skipped_and_counted_in_offsets() -> None:
    data = b"\xef\xbb\xbf" + b'{"a": 1}'
    repaired, _ = read_all(data, 4)
    assert json.loads(repaired) == {"a": 1}


def test_windows_1251_fails_with_file_and_byte_offset() -> None:
    data = '{"name": "Привет"}'.encode("cp1251")
    with pytest.raises(ExportError) as caught:
        read_all(data, 5)
    assert str(caught.value).startswith(f"{PATH}: not UTF-8 text (invalid byte 0xCF at byte 10)")
    assert caught.value.hint is not None and "iconv" in caught.value.hint


def test_utf8_sequence_split_across_reads_is_accepted() -> None:
    data = '{"a": "ж"}'.encode()
    for size in range(1, len(data)):
        assert json.loads(read_all(data, size)[0]) == {"a": "ж"}


def test_file_ending_inside_a_character_is_reported() -> None:
    data = '"ж'.encode()[:-1]
    with pytest.raises(ExportError, match=r"at byte 1"):
        read_all(data, 1024)


@settings(max_examples=300)
@given(
    pieces=st.lists(
        st.sampled_from([b"\\", b"x", b"\\x", b"a", b"\\\\", b"\xd0\xb6"]), max_size=40
    ),
    start=st.integers(0, 50),
)
def test_backslash_x_search_equals_bytes_find(pieces: list[bytes], start: int) -> None:
    data = b"".join(pieces)
    assert find_backslash_x(data, start) == data.find(b"\\x", start)


@pytest.mark.parametrize("backslashes", [0, 1, 255, 256, 257, 2000])
def test_backslash_x_search_past_many_backslashes(backslashes: int) -> None:
    data = b"\\n" * backslashes + b"ab\\x01" + b"\\t" * 3
    assert find_backslash_x(data, 0) == data.find(b"\\x") == 2 * backslashes + 2
    assert find_backslash_x(data, data.find(b"\\x") + 1) == -1
