"""Draw the bundled voice-message covers, cover/ru.png and cover/en.png (1280×720).

Run from the repository root: ``.venv/bin/python cover/make_covers.py``. Everything is drawn
from shapes with Pillow and a system font (DejaVu Sans), so the pictures carry no outside artwork.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (1280, 720)
TOP = (38, 70, 120)
BOTTOM = (22, 32, 58)
ACCENT = (236, 242, 250)
TITLES = {"ru": "Голосовое сообщение", "en": "Voice message"}
FONT_NAMES = ("DejaVuSans.ttf", "Arial.ttf", "arial.ttf")


def gradient() -> Image.Image:
    """A calm vertical gradient, written row by row."""
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM, strict=True))
        draw.line([(0, y), (width, y)], fill=color)
    return image


def glow(image: Image.Image, center: tuple[int, int], radius: int) -> Image.Image:
    """A soft light disc behind the microphone."""
    layer = Image.new("L", SIZE, 0)
    x, y = center
    ImageDraw.Draw(layer).ellipse((x - radius, y - radius, x + radius, y + radius), fill=70)
    layer = layer.filter(ImageFilter.GaussianBlur(radius // 3))
    light = Image.new("RGB", SIZE, (120, 170, 230))
    return Image.composite(light, image, layer)


def microphone(draw: ImageDraw.ImageDraw, center: tuple[int, int]) -> None:
    """A microphone made of a capsule, a cradle arc, a stem and a base."""
    x, y = center
    draw.rounded_rectangle((x - 48, y - 130, x + 48, y + 30), radius=48, fill=ACCENT)
    for offset in (-60, -25, 10):  # grille lines
        draw.line((x - 28, y + offset, x + 28, y + offset), fill=(150, 170, 200), width=6)
    draw.arc((x - 85, y - 60, x + 85, y + 75), start=0, end=180, fill=ACCENT, width=14)
    draw.line((x, y + 75, x, y + 125), fill=ACCENT, width=14)
    draw.rounded_rectangle((x - 60, y + 118, x + 60, y + 134), radius=8, fill=ACCENT)


def font(size: int) -> ImageFont.FreeTypeFont:
    for name in FONT_NAMES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    raise SystemExit("no font with Cyrillic found: install fonts-dejavu-core")


def draw_cover(title: str) -> Image.Image:
    center = (SIZE[0] // 2, 300)
    image = glow(gradient(), center, 210)
    draw = ImageDraw.Draw(image)
    microphone(draw, center)
    text_font = font(64)
    width = draw.textlength(title, font=text_font)
    draw.text(((SIZE[0] - width) / 2, 500), title, font=text_font, fill=ACCENT)
    return image


def main() -> None:
    folder = Path(__file__).resolve().parent
    for language, title in TITLES.items():
        target = folder / f"{language}.png"
        # A palette image: the few flat colours of the drawing keep it well under 200 KB.
        cover = draw_cover(title).quantize(colors=256, dither=Image.Dither.FLOYDSTEINBERG)
        cover.save(target, optimize=True)
        sys.stdout.write(f"{target}: {target.stat().st_size // 1024} KB\n")


if __name__ == "__main__":
    main()
