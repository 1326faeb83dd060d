from __future__ import annotations

import asyncio
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from migrator.config.model import Language
from migrator.errors import MediaError
from migrator.media import MediaPreparer, PreparedFile, bundled_cover, find_ffmpeg
from migrator.media.ffmpeg import probe
from migrator.plan.post import Conversion, PostKind

from .helpers import SAMPLES, VOICE_SECONDS, make_post, new_preparer


def _size(path: Path) -> int:
    return path.stat().st_size


def _assert_playable_video(ffmpeg: Path, prepared: PreparedFile, seconds: float) -> None:
    info = probe(ffmpeg, prepared.path)
    assert info.video_codec == "h264"
    assert info.audio_codec == "aac"
    assert info.duration == pytest.approx(seconds, abs=1.05)  # one frame a second
    assert info.width is not None and info.height is not None
    assert info.width % 2 == 0 and info.height % 2 == 0
    assert info.width <= 1280 and info.height <= 720


async def test_voice_note_becomes_an_mp4_with_h264_and_aac(
    preparer: MediaPreparer, ffmpeg: Path, voice_ogg: Path
) -> None:
    prepared = await preparer.prepare(make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4))
    assert prepared.file_name == "audio_1@01-09-2025_14-10-00.mp4"
    assert prepared.content_type == "video/mp4"
    assert prepared.preview is None
    assert prepared.size == prepared.path.stat().st_size > 0
    _assert_playable_video(ffmpeg, prepared, VOICE_SECONDS)


def _bottom_right_differs(ffmpeg: Path, video: Path, cover: Path, work: Path) -> tuple[int, int]:
    """Mean difference between the video's frame and the bare cover: (top-left, bottom-right)."""
    frame = work / "frame.png"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    subprocess.run(
        [str(ffmpeg), "-loglevel", "error", "-i", str(video), "-frames:v", "1", str(frame)],
        check=True,
    )
    with Image.open(frame) as drawn, Image.open(cover) as bare:
        a = drawn.convert("L")
        b = bare.convert("L").resize(a.size)
    w, h = a.size

    def diff(box: tuple[int, int, int, int]) -> int:
        pa, pb = a.crop(box).tobytes(), b.crop(box).tobytes()
        return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) // len(pa)

    return diff((0, 0, w // 3, h // 10)), diff((w * 2 // 3, h * 9 // 10, w, h))


async def test_source_and_time_are_drawn_bottom_right(
    preparer: MediaPreparer, ffmpeg: Path, voice_ogg: Path, tmp_path: Path
) -> None:
    prepared = await preparer.prepare(make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4))
    top_left, bottom_right = _bottom_right_differs(
        ffmpeg, prepared.path, bundled_cover(Language.RU), tmp_path / "frames"
    )
    assert top_left < 6  # only compression noise where nothing was drawn
    assert bottom_right > 20  # the caption band


async def test_rerun_reuses_the_cache_without_ffmpeg(
    tmp_path: Path, voice_ogg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4)
    async with new_preparer(tmp_path / "cache") as first:
        built = await first.prepare(post)
    # A second run with no usable ffmpeg at all: only a cache hit can succeed.
    monkeypatch.setenv("FFMPEG_BINARY", str(tmp_path / "no-ffmpeg"))
    async with new_preparer(tmp_path / "cache") as second:
        again = await second.prepare(post)
    assert again == built
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [built.path.name]


async def test_a_different_caption_or_cover_is_a_different_entry(
    tmp_path: Path, voice_ogg: Path
) -> None:
    cover = tmp_path / "cover.png"
    Image.new("RGB", (640, 360), "navy").save(cover)
    async with new_preparer(tmp_path / "cache", cover_image=cover) as media:
        one = await media.prepare(make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4))
        other_time = await media.prepare(
            make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4, timestamp=1)
        )
    Image.new("RGB", (640, 360), "darkgreen").save(cover)
    async with new_preparer(tmp_path / "cache", cover_image=cover) as media:
        other_cover = await media.prepare(
            make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4)
        )
    assert len({one.path, other_time.path, other_cover.path}) == 3


async def test_missing_ffmpeg_fails_voice_with_the_hint_but_not_photos(
    tmp_path: Path, voice_ogg: Path, photo_jpg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FFMPEG_BINARY", str(tmp_path / "no-ffmpeg"))
    async with new_preparer(tmp_path / "cache") as media:
        with pytest.raises(MediaError) as caught:
            await media.prepare(make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4))
        assert "no-ffmpeg" in str(caught.value)
        assert "apt install ffmpeg" in str(caught.value)
        photo = await media.prepare(make_post(photo_jpg, PostKind.PHOTO))
    assert photo.preview is not None
    # nothing half-written is left behind
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".jpg"]


async def test_missing_cover_names_the_config_key_and_path(tmp_path: Path, voice_ogg: Path) -> None:
    cover = tmp_path / "covers" / "mine.png"
    async with new_preparer(tmp_path / "cache", cover_image=cover) as media:
        with pytest.raises(MediaError) as caught:
            await media.prepare(make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4))
        with pytest.raises(MediaError, match="cover_image"):
            media.check_voice_ready()
    assert "[chat.voice_message] cover_image" in caught.value.message
    assert str(cover) in caught.value.message


async def test_conversion_does_not_block_the_event_loop(
    preparer: MediaPreparer, voice_ogg: Path
) -> None:
    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    ticks = 0
    await preparer.prepare(make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4))
    done.set()
    await task
    # A conversion takes well over 50 ms; a blocked loop would not tick at all meanwhile.
    assert ticks >= 5


async def test_the_pool_bounds_concurrent_ffmpeg_processes(
    tmp_path: Path, ffmpeg: Path, voice_ogg: Path
) -> None:
    """A wrapper around the real ffmpeg records how many copies run at the same time."""
    running = tmp_path / "running"
    running.mkdir()
    counts = tmp_path / "counts"
    wrapper = tmp_path / "ffmpeg-counting"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'touch "{running}/$$"\n'
        f'ls "{running}" | wc -l >> "{counts}"\n'
        f'"{ffmpeg}" "$@"\n'
        "status=$?\n"
        f'rm -f "{running}/$$"\n'
        "exit $status\n"
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    posts = [
        make_post(
            voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4, message_id=n, timestamp=n * 3600
        )
        for n in range(3)
    ]
    async with new_preparer(tmp_path / "cache", ffmpeg=wrapper, max_workers=1) as media:
        results = await asyncio.gather(*(media.prepare(post) for post in posts))
    assert len({r.path for r in results}) == 3
    seen = [int(line) for line in counts.read_text().split()]
    assert len(seen) == 3  # one encode per note: the length is read from the Ogg pages
    assert max(seen) == 1


@pytest.fixture
def voice_m4a(ffmpeg: Path, tmp_path: Path) -> Path:
    m4a = tmp_path / "voice.m4a"
    subprocess.run(
        [str(ffmpeg), "-loglevel", "error", "-f", "lavfi", "-i", "sine=duration=2",
         "-c:a", "aac", str(m4a)],
        check=True,
    )  # fmt: skip
    return m4a


async def test_a_voice_note_that_is_not_ogg_is_measured_by_ffmpeg(
    preparer: MediaPreparer, ffmpeg: Path, voice_m4a: Path
) -> None:
    prepared = await preparer.prepare(make_post(voice_m4a, PostKind.VIDEO, Conversion.VOICE_TO_MP4))
    _assert_playable_video(ffmpeg, prepared, 2)


async def test_a_damaged_voice_note_is_a_media_error(
    preparer: MediaPreparer, tmp_path: Path
) -> None:
    broken = tmp_path / "audio_9.ogg"
    broken.write_bytes(b"OggS but nothing else of use" * 10)
    with pytest.raises(MediaError, match=r"audio_9\.ogg"):
        await preparer.prepare(make_post(broken, PostKind.VIDEO, Conversion.VOICE_TO_MP4))
    assert not any((tmp_path / "cache").glob("*.mp4"))


async def test_photo_gets_a_small_preview_and_keeps_its_file(
    preparer: MediaPreparer, photo_jpg: Path
) -> None:
    prepared = await preparer.prepare(make_post(photo_jpg, PostKind.PHOTO))
    assert prepared.path == photo_jpg
    assert prepared.size == _size(photo_jpg)
    assert prepared.content_type == "image/jpeg"
    assert prepared.preview is not None and prepared.preview != photo_jpg
    with Image.open(prepared.preview) as preview:
        assert preview.format == "JPEG"
        assert preview.size == (320, 240)
    assert prepared.preview_content_type == "image/jpeg"
    assert _size(prepared.preview) < _size(photo_jpg) // 4


async def test_transparent_png_photo_preview(preparer: MediaPreparer, tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    Image.new("RGBA", (200, 900), (255, 0, 0, 0)).save(png)
    prepared = await preparer.prepare(make_post(png, PostKind.PHOTO))
    assert prepared.content_type == "image/png"
    assert prepared.preview is not None
    with Image.open(prepared.preview) as preview:
        assert preview.size == (71, 320)
        assert preview.convert("RGB").getpixel((35, 160)) == (255, 255, 255)


async def test_damaged_photo_is_a_media_error_naming_the_file(
    preparer: MediaPreparer, tmp_path: Path
) -> None:
    bad = tmp_path / "photo_2.jpg"
    bad.write_bytes(b"\xff\xd8 not really a jpeg")
    with pytest.raises(MediaError, match=r"photo_2\.jpg"):
        await preparer.prepare(make_post(bad, PostKind.PHOTO))


async def test_webp_sticker_is_a_sticker_with_a_preview(
    preparer: MediaPreparer, sticker_webp: Path
) -> None:
    prepared = await preparer.prepare(make_post(sticker_webp, PostKind.STICKER))
    assert prepared.path == sticker_webp
    assert prepared.content_type == "sticker/webp"
    assert prepared.preview is not None
    assert prepared.preview_content_type == "image/webp"
    with Image.open(prepared.preview) as preview:
        assert preview.format == "WEBP"
        assert max(preview.size) == 320
        assert preview.mode == "RGBA"


async def test_png_sticker_is_reencoded_to_webp(preparer: MediaPreparer, tmp_path: Path) -> None:
    png = tmp_path / "sticker.png"
    Image.new("RGBA", (512, 512), (0, 255, 0, 255)).save(png)
    prepared = await preparer.prepare(make_post(png, PostKind.STICKER))
    assert prepared.file_name == "sticker.webp"
    with Image.open(prepared.path) as image:
        assert image.format == "WEBP"


async def test_animated_sticker_as_sticker_is_animated_webp(
    preparer: MediaPreparer, sticker_tgs: Path
) -> None:
    prepared = await preparer.prepare(
        make_post(sticker_tgs, PostKind.STICKER, Conversion.TGS_TO_GIF)
    )
    assert prepared.file_name == "AnimatedSticker.webp"
    assert prepared.content_type == "sticker/webp"
    assert prepared.preview is not None
    with Image.open(prepared.path) as image:
        assert image.format == "WEBP"
        assert getattr(image, "n_frames", 1) > 10


async def test_animated_sticker_as_file_is_a_gif(
    preparer: MediaPreparer, sticker_tgs: Path
) -> None:
    prepared = await preparer.prepare(make_post(sticker_tgs, PostKind.FILE, Conversion.TGS_TO_GIF))
    assert prepared.file_name == "AnimatedSticker.gif"
    assert prepared.content_type == "image/gif"
    with Image.open(prepared.path) as image:
        assert image.format == "GIF"
        assert getattr(image, "n_frames", 1) > 10


@pytest.mark.parametrize(
    ("name", "kind", "content_type"),
    [
        ("round_video.mp4", PostKind.VIDEO, "video/mp4"),
        ("animation.gif.mp4", PostKind.FILE, "video/mp4"),
        ("sticker.webm", PostKind.FILE, "video/webm"),
        ("report.pdf", PostKind.FILE, "application/pdf"),
    ],
)
async def test_other_files_go_out_as_they_are(
    preparer: MediaPreparer, tmp_path: Path, name: str, kind: PostKind, content_type: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"x" * 1234)
    prepared = await preparer.prepare(make_post(path, kind))
    assert prepared == PreparedFile(path, name, content_type, None, 1234)
    assert not (tmp_path / "cache").exists()  # nothing copied


async def test_a_post_whose_file_vanished_is_a_media_error(
    preparer: MediaPreparer, tmp_path: Path
) -> None:
    with pytest.raises(MediaError, match="does not exist"):
        await preparer.prepare(make_post(tmp_path / "gone.pdf", PostKind.FILE))


async def test_prepare_after_close_is_refused(tmp_path: Path, photo_jpg: Path) -> None:
    media = new_preparer(tmp_path / "cache")
    await media.aclose()
    with pytest.raises(RuntimeError):
        await media.prepare(make_post(photo_jpg, PostKind.PHOTO))


def test_prepare_sync_works_without_an_event_loop(tmp_path: Path, photo_jpg: Path) -> None:
    media = new_preparer(tmp_path / "cache")
    prepared = media.prepare_sync(make_post(photo_jpg, PostKind.PHOTO))
    assert prepared.preview is not None and prepared.preview.is_file()
    media.close()
    media.close()  # closing twice is harmless


async def test_a_real_exported_voice_note(preparer: MediaPreparer, ffmpeg: Path) -> None:
    voice = SAMPLES / "tg2md-private-channel-2021" / "voice_messages"
    notes = sorted(voice.glob("*.ogg")) if voice.is_dir() else []
    if not notes:
        pytest.skip("the shared sample exports are not available")
    prepared = await preparer.prepare(make_post(notes[0], PostKind.VIDEO, Conversion.VOICE_TO_MP4))
    source = probe(ffmpeg, notes[0])
    assert source.duration is not None
    _assert_playable_video(ffmpeg, prepared, source.duration)


async def test_the_ffmpeg_shipped_by_imageio_converts_too(tmp_path: Path, voice_ogg: Path) -> None:
    bundled = find_ffmpeg(environ={}, which=lambda _: None)
    async with new_preparer(tmp_path / "cache", ffmpeg=bundled) as media:
        prepared = await media.prepare(
            make_post(voice_ogg, PostKind.VIDEO, Conversion.VOICE_TO_MP4)
        )
    _assert_playable_video(bundled, prepared, VOICE_SECONDS)
