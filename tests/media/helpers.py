"""Builders shared by the media tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from migrator.config.model import Language
from migrator.media import MediaPreparer, bundled_cover
from migrator.plan.post import Attribution, Conversion, Post, PostKey, PostKind

VOICE_SECONDS = 3
SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"


def lottie_document(*, frames: int = 30, size: int = 512) -> dict[str, object]:
    """A minimal Lottie animation: one orange square sliding from left to right."""
    square = {
        "ty": "gr",
        "it": [
            {"ty": "rc", "p": {"a": 0, "k": [0, 0]}, "s": {"a": 0, "k": [100, 100]},
             "r": {"a": 0, "k": 0}},
            {"ty": "fl", "c": {"a": 0, "k": [1, 0.5, 0, 1]}, "o": {"a": 0, "k": 100}},
            {"ty": "tr", "p": {"a": 0, "k": [0, 0]}, "a": {"a": 0, "k": [0, 0]},
             "s": {"a": 0, "k": [100, 100]}, "r": {"a": 0, "k": 0}, "o": {"a": 0, "k": 100}},
        ],
    }  # fmt: skip
    position = {
        "a": 1,
        "k": [
            {"t": 0, "s": [60, size / 2], "e": [size - 60, size / 2],
             "i": {"x": [1], "y": [1]}, "o": {"x": [0], "y": [0]}},
            {"t": frames},
        ],
    }  # fmt: skip
    layer = {
        "ty": 4, "ind": 1, "ip": 0, "op": frames, "st": 0, "sr": 1,
        "ks": {"p": position, "a": {"a": 0, "k": [0, 0]}, "s": {"a": 0, "k": [100, 100]},
               "r": {"a": 0, "k": 0}, "o": {"a": 0, "k": 100}},
        "shapes": [square],
    }  # fmt: skip
    return {"v": "5.5.2", "fr": 30, "ip": 0, "op": frames, "w": size, "h": size, "layers": [layer]}


def write_tgs(path: Path, document: object) -> Path:
    path.write_bytes(gzip.compress(json.dumps(document).encode()))
    return path


def new_preparer(cache_dir: Path, **overrides: Any) -> MediaPreparer:
    settings: dict[str, Any] = {
        "cache_dir": cache_dir,
        "cover_image": bundled_cover(Language.RU),
        "language": Language.RU,
        "timezone": ZoneInfo("Europe/Moscow"),
    }
    settings.update(overrides)
    return MediaPreparer(**settings)


def make_post(
    file: Path,
    kind: PostKind,
    conversion: Conversion | None = None,
    *,
    message_id: int = 1,
    name: str | None = "Иван Петров",
    timestamp: int | None = 1756725000,  # 2025-09-01 11:10 UTC, 14:10 in Moscow
) -> Post:
    return Post(
        key=PostKey("tg1", message_id),
        author="ivan",
        attribution=Attribution.AUTHOR,
        kind=kind,
        html="",
        file=file,
        file_name=file.name,
        conversion=conversion,
        original_name=name,
        timestamp=timestamp,
    )
