"""Golden cases for whole messages, in both languages: export JSON in, posts out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.config.model import Language
from migrator.plan import Planner

from .golden import (
    CHAT_KEY,
    DEFAULT_LOGINS,
    GOLDEN_DIR,
    MESSAGE_INPUT_KEYS,
    GoldenCase,
    GoldenFormatError,
    load_cases,
    options_for,
    plan_as_dict,
    to_message,
)

LANGUAGES = {"messages_en.json": Language.EN, "messages_ru.json": Language.RU}
CASES = [
    case
    for file_name in LANGUAGES
    for case in load_cases(GOLDEN_DIR / file_name, input_keys=MESSAGE_INPUT_KEYS)
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file}:{c.name}" for c in CASES])
def test_message_golden(case: GoldenCase) -> None:
    options = options_for(case.input, LANGUAGES[case.file])
    planner = Planner(
        chat_key=CHAT_KEY, logins=case.input.get("logins", DEFAULT_LOGINS), options=options
    )
    for earlier in case.input.get("before", []):
        planner.plan(to_message(earlier))
    assert plan_as_dict(planner.plan(to_message(case.input["message"]))) == case.expected


def test_both_languages_cover_the_same_cases() -> None:
    names = {file_name: [c.name for c in CASES if c.file == file_name] for file_name in LANGUAGES}
    assert names["messages_en.json"] == names["messages_ru.json"]
    assert len(names["messages_en.json"]) >= 60


def test_languages_really_differ() -> None:
    by_name: dict[str, dict[str, object]] = {}
    for case in CASES:
        by_name.setdefault(case.name, {})[case.file] = case.expected
    differing = [name for name, pair in by_name.items() if len(set(map(str, pair.values()))) > 1]
    assert "forwarded from a named sender" in differing
    assert "service: members added" in differing


@pytest.mark.parametrize(
    "bad",
    [
        [{"name": "x", "input": {}, "expected": 1, "extra": 2}],
        [{"name": "x", "input": {}}],
        [{"name": "x", "input": {"mesage": {}}, "expected": 1}],
        [{"name": "x", "input": {}, "expected": 1}, {"name": "x", "input": {}, "expected": 1}],
        {"name": "x"},
    ],
)
def test_loader_rejects_unknown_or_missing_keys(tmp_path: Path, bad: object) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(GoldenFormatError):
        load_cases(path, input_keys=MESSAGE_INPUT_KEYS)
