"""Golden cases: JSON files holding a list of ``{name, input, expected}``, unknown keys refused.

Inputs are shaped like Telegram export messages and go through the loader's real converter;
file references resolve under a fixed fake export root so expectations are stable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from migrator.config.model import Language, TopicsMode
from migrator.plan import PlanOptions, UploadLimits
from migrator.plan.post import MessagePlan, Post
from migrator.telegram.convert import ConvertContext, convert_message
from migrator.telegram.media_refs import placeholder_reason
from migrator.telegram.model import MediaRef, Message, MissingReason

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
EXPORT_ROOT = Path("/export")
CHAT_KEY = "tg42"
CASE_KEYS = frozenset({"name", "input", "expected"})


class GoldenFormatError(ValueError):
    pass


@dataclass(frozen=True)
class GoldenCase:
    name: str
    input: Mapping[str, Any]
    expected: Any
    file: str


def load_cases(path: Path, *, input_keys: Iterable[str]) -> list[GoldenCase]:
    """Read ``path``; any key other than name/input/expected, or an unknown input key, fails."""
    allowed_input = frozenset(input_keys)
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise GoldenFormatError(f"{path.name}: expected a list of cases")
    cases: list[GoldenCase] = []
    names: set[str] = set()
    for index, case in enumerate(data):
        if not isinstance(case, dict) or set(case) != CASE_KEYS:
            keys = sorted(case) if isinstance(case, dict) else type(case).__name__
            raise GoldenFormatError(
                f"{path.name}[{index}]: keys must be {sorted(CASE_KEYS)}: {keys}"
            )
        unknown = set(case["input"]) - allowed_input
        if unknown:
            raise GoldenFormatError(f"{path.name}[{index}] {case['name']}: unknown input {unknown}")
        if case["name"] in names:
            raise GoldenFormatError(f"{path.name}: duplicate case name {case['name']!r}")
        names.add(case["name"])
        cases.append(GoldenCase(case["name"], case["input"], case["expected"], path.name))
    return cases


def fake_resolve(raw: str) -> MediaRef:
    """Placeholders → missing; ``missing/…`` → not found; anything else exists under /export."""
    reason = placeholder_reason(raw)
    if reason is not None:
        return MediaRef(relative=raw, path=None, missing=reason)
    if raw.startswith("missing/"):
        return MediaRef(relative=raw, path=None, missing=MissingReason.NOT_FOUND)
    if raw.startswith("../"):
        return MediaRef(relative=raw, path=None, missing=MissingReason.OUTSIDE_EXPORT)
    return MediaRef(relative=raw, path=EXPORT_ROOT / PurePosixPath(raw))


def to_message(raw: Mapping[str, Any]) -> Message:
    return convert_message(raw, ConvertContext(resolve_media=fake_resolve))


MESSAGE_INPUT_KEYS = frozenset(
    {
        "message",
        "before",
        "logins",
        "show_time",
        "timezone",
        "caption",
        "service_messages",
        "convert_voice",
        "limits",
        "topics",
    }
)


def options_for(case_input: Mapping[str, Any], language: Language) -> PlanOptions:
    limits = case_input.get("limits")
    return PlanOptions(
        language=language,
        owner="owner",
        show_original_time=bool(case_input.get("show_time", False)),
        timezone=ZoneInfo(case_input.get("timezone", "Europe/Moscow")),
        time_caption=case_input.get("caption", ""),
        service_messages=case_input.get("service_messages", True),
        convert_voice_to_video=case_input.get("convert_voice", False),
        topics=TopicsMode(case_input.get("topics", "label")),
        upload_limits=None
        if limits is None
        else UploadLimits(
            max_size=limits.get("max_size"),
            allowed_extensions=None
            if limits.get("allowed") is None
            else frozenset(limits["allowed"]),
            blocked_extensions=frozenset(limits.get("blocked", [])),
        ),
        report_language=language,  # the golden files hold the notes in the case's language
    )


DEFAULT_LOGINS = {"user100": "alice", "user200": "bob"}


def post_as_dict(post: Post) -> dict[str, Any]:
    """A post as the golden files write it: optional fields only when set."""
    result: dict[str, Any] = {
        "key": str(post.key),
        "author": post.author,
        "attribution": post.attribution.value,
        "kind": post.kind.value,
        "html": post.html,
    }
    optional = {
        "file": None if post.file is None else post.file.as_posix(),
        "file_name": post.file_name,
        "conversion": None if post.conversion is None else post.conversion.value,
        "reply_to": None if post.reply_to is None else str(post.reply_to),
        "reply_fallback_html": post.reply_fallback_html,
        "media_fallback_html": post.media_fallback_html,
        "original_name": post.original_name,
    }
    result.update({key: value for key, value in optional.items() if value is not None})
    return result


def plan_as_dict(plan: MessagePlan) -> dict[str, Any]:
    result: dict[str, Any] = {"posts": [post_as_dict(post) for post in plan.posts]}
    if plan.skipped is not None:
        result["skipped"] = plan.skipped.reason
    if plan.notes:
        result["notes"] = list(plan.notes)
    if plan.topic is not None:
        result["topic"] = plan.topic
    return result
