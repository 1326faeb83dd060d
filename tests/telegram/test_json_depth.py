"""The nesting bound: deep brackets are refused wherever the chunks cut them, real text is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.errors import ExportError
from migrator.telegram.json_depth import DepthGuard

PATH = Path("result.json")


def _feed(data: bytes, chunk: int, limit: int = 50) -> None:
    guard = DepthGuard(PATH, limit=limit)
    for start in range(0, len(data), chunk):
        guard.feed(data[start : start + chunk], start)


@pytest.mark.parametrize("chunk", [1, 7, 64, 10_000])
@pytest.mark.parametrize(
    "deep",
    [b"[" * 60 + b"]" * 60, b'{"a":' * 60 + b"1" + b"}" * 60, b"[ {" * 30 + b"} ]" * 30],
    ids=["arrays", "objects", "mixed"],
)
def test_nesting_past_the_limit_is_refused(deep: bytes, chunk: int) -> None:
    with pytest.raises(ExportError, match="nested more than 50 levels"):
        _feed(b'{"messages":[' + deep + b"]}", chunk)


@pytest.mark.parametrize("chunk", [1, 7, 64, 10_000])
def test_ordinary_exports_with_brackets_in_text_pass(chunk: int) -> None:
    message = b'{"id":1,"text":[{"type":"plain","text":"[x] done :] [[wiki]]"}],"r":[]},'
    _feed(b'{"messages":[' + message * 500 + b"{}]}", chunk)
    _feed(b"[" * 50 + b"]" * 50, chunk)  # exactly the limit
