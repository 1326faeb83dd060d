"""Animated Telegram stickers (``.tgs``: gzip-compressed Lottie JSON) to animated images.

rlottie renders the frames; Pillow writes an animated WebP (sent as a sticker) or a GIF (sent as
a file). The input is checked before rlottie sees it: a size cap on the unpacked JSON and a
non-empty canvas, because rlottie accepts garbage silently and renders nothing.
"""

from __future__ import annotations

import gzip
import json
import threading
import zlib
from pathlib import Path

from PIL import Image

from migrator.errors import MediaError
from migrator.i18n import tr

MAX_UNPACKED = 16 * 1024 * 1024  # a real sticker unpacks to well under 1 MB
STICKER_SIDE = 512
MAX_FPS = 30  # halves the frames of 60 fps stickers; nobody sees the difference in a chat
MAX_FRAMES = 300

_RLOTTIE_LOCK = threading.Lock()  # rlottie's model cache is shared process-wide


def _unpack(source: Path) -> str:
    try:
        with gzip.open(source, "rb") as stream:
            data = stream.read(MAX_UNPACKED + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise MediaError(tr("media.sticker_not_gzip", path=source, error=error)) from error
    if len(data) > MAX_UNPACKED:
        raise MediaError(tr("media.sticker_too_big", path=source))
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MediaError(tr("media.sticker_not_lottie", path=source)) from error
    if not isinstance(document, dict) or not isinstance(document.get("layers"), list):
        raise MediaError(tr("media.sticker_no_layers", path=source))
    return data.decode("utf-8")


def render_tgs(source: Path, target: Path, *, side: int = STICKER_SIDE) -> None:
    """Write ``target`` (``.webp`` or ``.gif``, by its suffix) as the looping animation."""
    lottie_json = _unpack(source)
    try:
        from rlottie_python.rlottie_wrapper import LottieAnimation
    except ImportError as error:  # the wheel ships the native library; a broken install lands here
        raise MediaError(
            tr("media.no_rlottie"),
            hint="`pipenv install rlottie-python`",
        ) from error
    with _RLOTTIE_LOCK:
        animation = LottieAnimation.from_data(lottie_json)
        try:
            frames, duration_ms = _render_frames(animation, side)
        finally:
            animation.lottie_animation_destroy()
    if not frames:
        raise MediaError(tr("media.sticker_no_frames", path=source))
    if target.suffix.lower() == ".gif":
        frames[0].save(
            target, "GIF", save_all=True, append_images=frames[1:],
            duration=duration_ms, loop=0, disposal=2,
        )  # fmt: skip
    else:
        frames[0].save(
            target, "WEBP", save_all=True, append_images=frames[1:],
            duration=duration_ms, loop=0, quality=80, method=4,
        )  # fmt: skip


def _render_frames(animation: object, side: int) -> tuple[list[Image.Image], int]:
    width, height = animation.lottie_animation_get_size()  # type: ignore[attr-defined]
    # rlottie counts the out point as a frame (op - ip + 1), but Lottie's out point is where
    # layers end: drawing it would add a blank or repeated frame to every loop.
    total = int(animation.lottie_animation_get_totalframe()) - 1  # type: ignore[attr-defined]
    fps = float(animation.lottie_animation_get_framerate())  # type: ignore[attr-defined]
    if width <= 0 or height <= 0 or total <= 0 or fps <= 0:
        return [], 0
    step = max(1, round(fps / MAX_FPS))
    step = max(step, -(-total // MAX_FRAMES))
    out_width, out_height = side, max(1, round(side * height / width))
    frames = []
    for number in range(0, total, step):
        frame = animation.render_pillow_frame(  # type: ignore[attr-defined]
            frame_num=number, width=out_width, height=out_height
        )
        frames.append(frame.copy())
    return frames, max(20, round(1000 * step / fps))
