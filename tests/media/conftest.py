"""Tiny media inputs, generated at test time (nothing big is committed)."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image

from migrator.media import MediaPreparer, find_ffmpeg

from .helpers import VOICE_SECONDS, lottie_document, new_preparer, write_tgs


@pytest.fixture(scope="session")
def ffmpeg() -> Path:
    return find_ffmpeg()


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("inputs")


@pytest.fixture(scope="session")
def voice_ogg(ffmpeg: Path, inputs: Path) -> Path:
    """A 3 s Opus voice note, as Telegram records them (mono, 48 kHz, in Ogg)."""
    path = inputs / "audio_1@01-09-2025_14-10-00.ogg"
    subprocess.run(
        [str(ffmpeg), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"sine=frequency=440:duration={VOICE_SECONDS}", "-ac", "1", "-ar", "48000",
         "-c:a", "libopus", "-b:a", "32k", str(path)],
        check=True,
    )  # fmt: skip
    return path


@pytest.fixture(scope="session")
def photo_jpg(inputs: Path) -> Path:
    path = inputs / "photo_1@01-09-2025_14-10-00.jpg"
    image = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    image.save(path, "JPEG", quality=90)
    return path


@pytest.fixture(scope="session")
def sticker_webp(inputs: Path) -> Path:
    path = inputs / "sticker.webp"
    image = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
    image.paste((255, 80, 0, 255), (100, 100, 400, 400))
    image.save(path, "WEBP")
    return path


@pytest.fixture(scope="session")
def sticker_tgs(inputs: Path) -> Path:
    return write_tgs(inputs / "AnimatedSticker.tgs", lottie_document())


@pytest.fixture
async def preparer(tmp_path: Path) -> AsyncIterator[MediaPreparer]:
    async with new_preparer(tmp_path / "cache") as media:
        yield media
