"""Golden cases for the renderer: export-shaped text in, TrueConf HTML out."""

from __future__ import annotations

from typing import Any

import pytest

from migrator.render import render_chunks, render_split

from .golden import GOLDEN_DIR, GoldenCase, load_cases, to_message

CASES = load_cases(GOLDEN_DIR / "entities.json", input_keys={"text", "text_entities", "budget"})


def _message_json(case_input: dict[str, Any]) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": 1, "type": "message", "date_unixtime": "0", "from_id": "user1"}
    raw["text"] = case_input.get("text", "")
    if "text_entities" in case_input:
        raw["text_entities"] = case_input["text_entities"]
    return raw


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_render_golden(case: GoldenCase) -> None:
    chunks = to_message(_message_json(dict(case.input))).text
    if "budget" in case.input:
        assert render_split(chunks, case.input["budget"]) == case.expected
    else:
        assert render_chunks(chunks) == case.expected
