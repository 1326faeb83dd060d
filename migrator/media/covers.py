"""The cover picture of converted voice notes: checking it and drawing on it (where it is:
``cover_file``)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, UnidentifiedImageError

from migrator.errors import MediaError
from migrator.i18n import tr
from migrator.media.cover_file import COVER_KEY
from migrator.media.fonts import Font, caption_font, drawable

MAX_FRAME = (1280, 720)
MIN_FRAME = (640, 360)
_BACKGROUND = (24, 28, 36)


def load_cover(path: Path) -> Image.Image:
    """Open and fully decode the cover, or raise ``MediaError`` naming the config key."""
    if not path.is_file():
        raise MediaError(
            tr("media.cover_missing", key=COVER_KEY, path=path),
            hint=tr("media.cover_missing_hint", key=COVER_KEY),
        )
    try:
        with Image.open(path) as image:
            image.load()
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise MediaError(
            tr("media.cover_unreadable", key=COVER_KEY, path=path, error=error),
            hint=tr("media.cover_unreadable_hint"),
        ) from error


def fit_frame(cover: Image.Image) -> Image.Image:
    """Scale the cover into 1280×720 and pad it to even sides of at least 640×360.

    H.264 in yuv420p needs even sides; the lower bound keeps the caption readable on odd covers.
    """
    scale = min(MAX_FRAME[0] / cover.width, MAX_FRAME[1] / cover.height)
    size = (max(1, round(cover.width * scale)), max(1, round(cover.height * scale)))
    scaled = cover.resize(size, Image.Resampling.LANCZOS) if size != cover.size else cover
    width = _even(max(scaled.width, MIN_FRAME[0]))
    height = _even(max(scaled.height, MIN_FRAME[1]))
    if (width, height) == scaled.size:
        return scaled.copy()
    canvas = Image.new("RGB", (width, height), _BACKGROUND)
    canvas.paste(scaled, ((width - scaled.width) // 2, (height - scaled.height) // 2))
    return canvas


def _even(value: int) -> int:
    return value + value % 2


def draw_caption(frame: Image.Image, caption: str) -> Image.Image:
    """Draw ``caption`` in the bottom-right corner on a dark translucent band; returns a copy."""
    size = max(14, frame.height // 26)
    margin = max(8, size * 2 // 3)
    padding = max(4, size // 3)
    available = frame.width - 2 * (margin + padding)
    font = caption_font(size)
    text = drawable(font, caption)
    # Shrink long captions before cutting them: a long name should still fit on one line.
    while font.getlength(text) > available and size > 10:
        size -= 1
        font = caption_font(size)
    text = _ellipsize(text, font, available)
    left, top, right, bottom = font.getbbox(text)
    box_right = frame.width - margin
    box_bottom = frame.height - margin
    box_left = box_right - (right - left) - 2 * padding
    box_top = box_bottom - (bottom - top) - 2 * padding
    layer = Image.new("RGBA", frame.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.rounded_rectangle(
        (box_left, box_top, box_right, box_bottom), radius=padding, fill=(0, 0, 0, 150)
    )
    draw.text((box_left + padding - left, box_top + padding - top), text, font=font, fill="white")
    return Image.alpha_composite(frame.convert("RGBA"), layer).convert("RGB")


def _ellipsize(text: str, font: Font, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    ellipsis = "…" if drawable(font, "…") == "…" else "..."
    while text and font.getlength(text + ellipsis) > width:
        text = text[:-1]
    return text.rstrip() + ellipsis
