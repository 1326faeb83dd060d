"""Small preview pictures for photos and stickers (the server shows them in the chat list)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from migrator.errors import MediaError
from migrator.i18n import tr

PREVIEW_SIDE = 320
_JPEG_QUALITY = 80


def _open(path: Path) -> Image.Image:
    try:
        with Image.open(path) as image:
            image.seek(0)  # the first frame of an animation
            image.load()
            return ImageOps.exif_transpose(image) or image.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise MediaError(
            tr("media.image_unreadable", path=path, error=error),
            hint=tr("media.image_unreadable_hint"),
        ) from error


def _shrunk(image: Image.Image, side: int) -> Image.Image:
    image = image.copy()
    image.thumbnail((side, side), Image.Resampling.LANCZOS)  # never enlarges
    return image


def write_photo_preview(source: Path, target: Path, *, side: int = PREVIEW_SIDE) -> None:
    """A JPEG at most ``side`` pixels on its long side; transparency goes onto white."""
    image = _shrunk(_open(source), side)
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.convert("RGB").save(target, "JPEG", quality=_JPEG_QUALITY, optimize=True)


def write_sticker_preview(source: Path, target: Path, *, side: int = PREVIEW_SIDE) -> None:
    """A still WebP of the sticker's first frame, transparency kept."""
    image = _shrunk(_open(source), side).convert("RGBA")
    image.save(target, "WEBP", quality=_JPEG_QUALITY)


def sticker_as_webp(source: Path, target: Path) -> None:
    """A PNG or JPEG sticker re-encoded as WebP, the only sticker format the server takes."""
    try:
        with Image.open(source) as image:
            image.convert("RGBA").save(target, "WEBP", quality=90)
    except (OSError, Image.DecompressionBombError) as error:
        raise MediaError(tr("media.sticker_webp", path=source, error=error)) from error
