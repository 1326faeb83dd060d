from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageChops, ImageFont

from migrator.config.model import Language
from migrator.errors import MediaError
from migrator.media import bundled_cover, resolve_cover_image
from migrator.media.caption import voice_caption
from migrator.media.covers import draw_caption, fit_frame, load_cover
from migrator.media.fonts import caption_font, drawable

MOSCOW = ZoneInfo("Europe/Moscow")
SEPT_1_1110_UTC = 1756725000


def test_russian_caption_has_source_name_and_local_time_with_offset() -> None:
    caption = voice_caption("Иван Петров", SEPT_1_1110_UTC, timezone=MOSCOW, language=Language.RU)
    assert caption == "Telegram · Иван Петров · 01.09.2025 14:10 +0300"


def test_english_caption_uses_iso_dates() -> None:
    caption = voice_caption("Ivan", SEPT_1_1110_UTC, timezone=ZoneInfo("UTC"), language=Language.EN)
    assert caption == "Telegram · Ivan · 2025-09-01 11:10 +0000"


def test_deleted_account_and_missing_time() -> None:
    assert voice_caption(None, None, timezone=MOSCOW, language=Language.RU) == (
        "Telegram · Удалённый аккаунт"
    )
    assert voice_caption(None, None, timezone=MOSCOW, language=Language.EN) == (
        "Telegram · Deleted Account"
    )


def test_names_with_line_breaks_stay_on_one_line() -> None:
    caption = voice_caption("Anna\n  K.", None, timezone=MOSCOW, language=Language.EN)
    assert caption == "Telegram · Anna K."


@pytest.mark.parametrize("language", list(Language))
def test_bundled_covers_are_small_1280x720_pictures(language: Language) -> None:
    path = bundled_cover(language)
    assert path.stat().st_size < 200 * 1024
    with Image.open(path) as image:
        assert image.size == (1280, 720)


def test_missing_cover_names_the_key_and_path(tmp_path: Path) -> None:
    with pytest.raises(MediaError) as caught:
        load_cover(tmp_path / "nope.png")
    assert caught.value.message.startswith("[chat.voice_message] cover_image:")
    assert str(tmp_path / "nope.png") in caught.value.message
    assert caught.value.hint is not None and "cover/ru.png" in caught.value.hint


def test_a_cover_that_is_not_an_image(tmp_path: Path) -> None:
    fake = tmp_path / "cover.png"
    fake.write_text("hello")
    with pytest.raises(MediaError, match="not a readable image"):
        load_cover(fake)


def test_relative_cover_is_found_beside_the_config_then_beside_the_tool(tmp_path: Path) -> None:
    assert resolve_cover_image("cover/en.png", config_dir=tmp_path) == bundled_cover(Language.EN)
    mine = tmp_path / "cover" / "en.png"
    mine.parent.mkdir()
    mine.write_bytes(b"")
    assert resolve_cover_image("cover/en.png", config_dir=tmp_path) == mine
    assert resolve_cover_image(str(mine), config_dir=Path("/elsewhere")) == mine
    assert resolve_cover_image("x.png", config_dir=tmp_path) == tmp_path / "x.png"


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((1920, 1080), (1280, 720)),
        ((1280, 720), (1280, 720)),
        ((640, 360), (1280, 720)),  # small covers grow, so the caption stays readable
        ((1001, 333), (1280, 426)),
        ((1000, 1000), (720, 720)),
        ((3000, 10), (1280, 360)),  # a sliver is padded to a minimum height
    ],
)
def test_fit_frame_gives_even_sides_within_720p(
    size: tuple[int, int], expected: tuple[int, int]
) -> None:
    frame = fit_frame(Image.new("RGB", size, "teal"))
    assert frame.size == expected
    assert frame.width % 2 == 0 and frame.height % 2 == 0


def test_caption_is_drawn_in_the_bottom_right_only() -> None:
    frame = Image.new("RGB", (1280, 720), (200, 200, 200))
    drawn = draw_caption(frame, "Telegram · Иван Петров · 01.09.2025 14:10 +0300")
    changed = ImageChops.difference(frame, drawn).getbbox()
    assert changed is not None
    left, top, right, bottom = changed
    assert left > 1280 // 3 and top > 720 * 4 // 5
    assert right < 1280 and bottom < 720  # a margin is kept on both edges


def test_a_very_long_caption_is_cut_to_fit_the_frame() -> None:
    frame = Image.new("RGB", (640, 360), (200, 200, 200))
    drawn = draw_caption(frame, "Telegram · " + "Очень длинное имя " * 20)
    assert drawn.size == frame.size
    assert drawn.getpixel((0, 359)) == (200, 200, 200)  # the band kept its margin
    assert drawn.getpixel((5, 340)) == (200, 200, 200)


def test_the_system_font_draws_cyrillic() -> None:
    font = caption_font(24)
    if "DejaVu" not in str(getattr(font, "path", "")):
        pytest.skip("DejaVu Sans is not installed here")
    assert drawable(font, "Иван Петров") == "Иван Петров"


def test_pillow_default_font_lacks_cyrillic_so_the_caption_is_transliterated() -> None:
    font = ImageFont.load_default(24)
    assert isinstance(font, ImageFont.FreeTypeFont)  # Pillow >= 10.1 with FreeType
    assert drawable(font, "Иван Петров") == "Ivan Petrov"
    assert drawable(font, "Ivan") == "Ivan"
