"""Turning a planned post's file into what the sender uploads.

Posts without conversion go out as they are (photos and stickers get a small preview). Voice
notes become an mp4 of the cover with the source and time drawn on it; animated stickers become
animated images. Everything built is cached by content hash under ``cache_dir``, so a re-run after
a crash converts nothing twice. Blocking work (ffmpeg, Pillow, rlottie) runs in a bounded pool of
threads, never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from migrator.config.model import Language
from migrator.errors import MediaError
from migrator.i18n import tr
from migrator.media.cache import FileDigests, KeyLocks, atomic_output, cache_key
from migrator.media.caption import voice_caption
from migrator.media.ffmpeg import find_ffmpeg, probe, run_ffmpeg, voice_video_args
from migrator.media.ogg import ogg_duration
from migrator.plan.post import Conversion, Post, PostKind
from migrator.plan.reference import post_reference

if TYPE_CHECKING:
    from PIL import Image

logger = logging.getLogger(__name__)

# Bump when a converter's output changes, so old cache entries are not reused.
CONVERTER_VERSION = "1"
STICKER_CONTENT_TYPE = "sticker/webp"
VOICE_TIMEOUT_SECONDS = 900.0
_DURATION_MARGIN = 0.05  # Ogg granule arithmetic may come out a few samples short
_KNOWN_TYPES = {".webp": "image/webp", ".tgs": "application/x-tgsticker", ".mp4": "video/mp4"}


@dataclass(frozen=True, slots=True)
class PreparedFile:
    """A file ready to upload: what to read, what to call it, and how to label it."""

    path: Path
    file_name: str
    content_type: str | None
    preview: Path | None
    size: int

    @property
    def preview_content_type(self) -> str | None:
        """``image/jpeg`` for photo previews, ``image/webp`` for sticker previews."""
        return content_type_of(self.preview.name) if self.preview else None


def content_type_of(file_name: str) -> str | None:
    suffix = Path(file_name).suffix.lower()
    return _KNOWN_TYPES.get(suffix) or mimetypes.guess_type(file_name, strict=False)[0]


class MediaPreparer:
    """Prepares post files; share one per run. Use ``async with`` or call ``aclose()``.

    Raises ``MediaError`` when a file cannot be prepared (missing, damaged, ffmpeg absent, cover
    unreadable, animated sticker not renderable): the sender records the reason for that post.
    """

    def __init__(
        self,
        *,
        cache_dir: Path,
        cover_image: Path,
        language: Language,
        timezone: ZoneInfo,
        max_workers: int = 2,
        ffmpeg: Path | None = None,
    ) -> None:
        # Absolute, so that no path handed to ffmpeg can start with '-' and read as an option.
        self._cache_dir = cache_dir.resolve()
        self._cover_path = cover_image.resolve()
        self._language = language
        self._timezone = timezone
        self._ffmpeg = ffmpeg
        self._executor = ThreadPoolExecutor(max(1, max_workers), thread_name_prefix="media")
        self._digests = FileDigests()
        self._locks = KeyLocks()
        self._setup_lock = threading.Lock()
        self._cover_frame: tuple[str, Image.Image] | None = None
        self._closed = False

    async def __aenter__(self) -> MediaPreparer:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def prepare(self, post: Post) -> PreparedFile:
        """``prepare_sync`` in the worker pool; the event loop stays free meanwhile."""
        if self._closed:
            raise RuntimeError("MediaPreparer is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.prepare_sync, post)

    async def aclose(self) -> None:
        """Stop accepting work, drop queued jobs and wait for running conversions to finish."""
        await asyncio.to_thread(self.close)

    def close(self) -> None:
        """``aclose`` for code without an event loop (``prepare_sync`` users)."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)

    def check_voice_ready(self) -> None:
        """Fail early (for the preflight) if voice notes cannot be converted: ffmpeg, cover."""
        self._find_ffmpeg()
        self._frame()

    def prepare_sync(self, post: Post) -> PreparedFile:
        source = self._source(post)
        name = post.file_name or source.name
        if post.conversion is Conversion.VOICE_TO_MP4:
            return self._voice(post, source, name)
        if post.conversion is Conversion.TGS_TO_GIF:
            return self._animated_sticker(post, source, name)
        if post.kind is PostKind.PHOTO:
            return self._photo(source, name)
        if post.kind is PostKind.STICKER:
            return self._sticker(source, name)
        return PreparedFile(source, name, content_type_of(name), None, source.stat().st_size)

    # --- one method per kind of post ---

    def _photo(self, source: Path, name: str) -> PreparedFile:
        from migrator.media import images  # with Pillow: at the first file of its kind

        preview = self._cached(
            (self._digests.of(source), "photo_preview", str(images.PREVIEW_SIDE)),
            ".jpg",
            lambda out: images.write_photo_preview(source, out),
        )
        content_type = content_type_of(name) or "image/jpeg"
        return PreparedFile(source, name, content_type, preview, source.stat().st_size)

    def _sticker(self, source: Path, name: str) -> PreparedFile:
        from migrator.media import images  # with Pillow: at the first file of its kind

        digest = self._digests.of(source)
        if source.suffix.lower() != ".webp":
            # The server only takes WebP stickers; a PNG or JPEG one is re-encoded.
            source = self._cached(
                (digest, "sticker_webp"), ".webp", lambda out: images.sticker_as_webp(source, out)
            )
            name = f"{Path(name).stem}.webp"
        preview = self._sticker_preview(source, digest)
        return PreparedFile(source, name, STICKER_CONTENT_TYPE, preview, source.stat().st_size)

    def _sticker_preview(self, sticker: Path, digest: str) -> Path:
        from migrator.media import images  # with Pillow: at the first file of its kind

        return self._cached(
            (digest, "sticker_preview", str(images.PREVIEW_SIDE)),
            ".webp",
            lambda out: images.write_sticker_preview(sticker, out),
        )

    def _animated_sticker(self, post: Post, source: Path, name: str) -> PreparedFile:
        """A ``.tgs`` as an animated WebP sticker, or as a GIF file when the post is not a sticker.

        Raises ``MediaError`` when it cannot be rendered; the sender then posts the sticker's
        emoji with a note instead.
        """
        from migrator.media import stickers  # with Pillow: at the first file of its kind

        as_sticker = post.kind is PostKind.STICKER
        suffix = ".webp" if as_sticker else ".gif"
        digest = self._digests.of(source)
        output = self._cached(
            (digest, "tgs", suffix, str(stickers.STICKER_SIDE)),
            suffix,
            lambda out: stickers.render_tgs(source, out),
        )
        file_name = f"{Path(name).stem}{suffix}"
        if not as_sticker:
            return PreparedFile(output, file_name, "image/gif", None, output.stat().st_size)
        preview = self._sticker_preview(output, digest)
        return PreparedFile(output, file_name, STICKER_CONTENT_TYPE, preview, output.stat().st_size)

    def _voice(self, post: Post, source: Path, name: str) -> PreparedFile:
        from migrator.media import covers  # with Pillow: at the first file of its kind

        cover_digest, frame = self._frame()
        caption = voice_caption(
            post.original_name, post.timestamp, timezone=self._timezone, language=self._language
        )

        def build(out: Path) -> None:
            ffmpeg = self._find_ffmpeg()  # only when converting: a cached re-run needs no ffmpeg
            duration = self._voice_duration(ffmpeg, source)
            with tempfile.TemporaryDirectory(dir=self._cache_dir, prefix=".frame-") as work:
                # BMP: ffmpeg re-reads the picture for every frame, and BMP needs no inflating.
                picture = Path(work) / "frame.bmp"
                covers.draw_caption(frame, caption).save(picture, "BMP")
                args = voice_video_args(frame=picture, audio=source, output=out, duration=duration)
                run_ffmpeg(ffmpeg, args, timeout=VOICE_TIMEOUT_SECONDS, what=str(source))

        output = self._cached(
            (self._digests.of(source), "voice_to_mp4", cover_digest, caption), ".mp4", build
        )
        file_name = f"{Path(name).stem}.mp4"
        return PreparedFile(output, file_name, "video/mp4", None, output.stat().st_size)

    @staticmethod
    def _voice_duration(ffmpeg: Path, source: Path) -> float | None:
        """The note's length: from its Ogg pages when possible, else from ffmpeg."""
        if (seconds := ogg_duration(source)) is not None:
            return seconds + _DURATION_MARGIN
        info = probe(ffmpeg, source)
        if info.audio_codec is None:
            raise MediaError(tr("media.no_audio", path=source), hint=tr("media.no_audio_hint"))
        return info.duration

    # --- shared plumbing ---

    def _source(self, post: Post) -> Path:
        if post.file is None:
            raise MediaError(tr("media_run.no_file", post=post_reference(post)))
        if not post.file.is_file():
            raise MediaError(
                tr("media_run.file_gone", post=post_reference(post), path=post.file),
                hint=tr("media_run.file_gone_hint"),
            )
        return post.file

    def _cached(self, parts: tuple[str, ...], suffix: str, build: Callable[[Path], None]) -> Path:
        target = self._cache_dir / f"{cache_key(*parts, CONVERTER_VERSION)}{suffix}"
        if target.is_file():
            return target
        with self._locks(target.name):
            if not target.is_file():
                with atomic_output(target) as temporary:
                    build(temporary)
                logger.debug("media cache: built %s", target.name)
        return target

    def _find_ffmpeg(self) -> Path:
        with self._setup_lock:
            if self._ffmpeg is None:
                self._ffmpeg = find_ffmpeg()
            return self._ffmpeg

    def _frame(self) -> tuple[str, Image.Image]:
        """The cover, fitted to the video size once per run, with its content hash."""
        from migrator.media import covers  # with Pillow: at the first file of its kind

        with self._setup_lock:
            if self._cover_frame is None:
                image = covers.load_cover(self._cover_path)
                self._cover_frame = (
                    self._digests.of(self._cover_path),
                    covers.fit_frame(image),
                )
            return self._cover_frame
