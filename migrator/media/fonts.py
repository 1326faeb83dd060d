"""A font for captions, and a check that it can draw the caption's letters.

We bundle no font. DejaVu Sans (or Arial on Windows) is found in the system font folders by
Pillow; the last resort is Pillow's built-in scalable font, which has no Cyrillic, so text it
cannot draw is transliterated rather than shown as empty boxes.
"""

from __future__ import annotations

import functools

from anyascii import anyascii
from PIL import ImageFont

# Bare names: Pillow searches the system font folders (XDG data dirs, Windows and macOS Fonts).
_CANDIDATES = ("DejaVuSans.ttf", "dejavu/DejaVuSans.ttf", "Arial.ttf", "arial.ttf")
# A private-use code point no text font draws: its mask is the font's "missing glyph" box.
_NEVER_DRAWN = "\U0010fffd"

Font = ImageFont.FreeTypeFont


@functools.lru_cache(maxsize=32)
def caption_font(size: int) -> Font:
    for name in _CANDIDATES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)  # type: ignore[return-value]  # a FreeTypeFont here


def _glyph(font: Font, char: str) -> bytes:
    mask = font.getmask(char)
    return repr(mask.size).encode() + bytes(mask)


def drawable(font: Font, text: str) -> str:
    """``text`` if ``font`` has a glyph for every letter, else its ASCII transliteration."""
    missing = _glyph(font, _NEVER_DRAWN)
    for char in set(text):
        if not char.isspace() and _glyph(font, char) == missing:
            return anyascii(text)
    return text
