from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from PIL import Image

from migrator.errors import MediaError
from migrator.media.stickers import render_tgs

from .helpers import lottie_document, write_tgs


def test_animation_moves(sticker_tgs: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.webp"
    render_tgs(sticker_tgs, target)
    with Image.open(target) as image:
        assert image.size == (512, 512)
        image.seek(0)
        first = image.convert("RGBA").getbbox()
        image.seek(getattr(image, "n_frames", 1) - 1)
        last = image.convert("RGBA").getbbox()
    assert first is not None and last is not None
    assert last[0] > first[0] + 200  # the square slid to the right


def test_sixty_fps_stickers_are_halved(tmp_path: Path) -> None:
    document = lottie_document(frames=60)
    document["fr"] = 60
    source = write_tgs(tmp_path / "fast.tgs", document)
    render_tgs(source, tmp_path / "fast.gif")
    with Image.open(tmp_path / "fast.gif") as image:
        assert getattr(image, "n_frames", 1) == 30
        assert 30 <= image.info["duration"] <= 40  # GIF keeps hundredths of a second


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"plain text, not gzip", "not a gzip"),
        (gzip.compress(b"{not json"), "not valid Lottie JSON"),
        (gzip.compress(b"[1, 2, 3]"), "no Lottie layers"),
        (gzip.compress(b'{"v": "5", "w": 0, "h": 0, "fr": 0, "layers": []}'), "no frames"),
    ],
)
def test_broken_stickers_are_media_errors(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "broken.tgs"
    source.write_bytes(content)
    with pytest.raises(MediaError, match=message):
        render_tgs(source, tmp_path / "out.webp")
    assert not (tmp_path / "out.webp").exists()


def test_a_gzip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    source = tmp_path / "bomb.tgs"
    source.write_bytes(gzip.compress(b" " * (17 * 1024 * 1024)))
    with pytest.raises(MediaError, match="more than 16 MB"):
        render_tgs(source, tmp_path / "out.webp")
