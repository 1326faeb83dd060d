"""Finding ffmpeg, running it, and reading what it says about a media file.

ffmpeg is looked up in this order: ``$FFMPEG_BINARY``, ``ffmpeg`` on ``PATH``, then the binary
that the ``imageio-ffmpeg`` package ships. Commands are built by pure functions so that tests and
the benchmark can inspect them; ``run_ffmpeg`` is blocking and meant to run in a worker thread.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from migrator.errors import MediaError
from migrator.i18n import tr

FFMPEG_ENV = "FFMPEG_BINARY"
_STDERR_TAIL_LINES = 8


def _bundled_ffmpeg() -> str | None:
    """The binary shipped by imageio-ffmpeg, or None when that package or its binary is absent."""
    try:
        import imageio_ffmpeg  # type: ignore[import-untyped]
    except ImportError:
        return None
    try:
        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except RuntimeError:
        return None


def install_hint() -> str:
    """How to get ffmpeg, in the interface language."""
    return tr("ffmpeg.install_hint")


def find_ffmpeg(
    *,
    environ: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    bundled: Callable[[], str | None] = _bundled_ffmpeg,
) -> Path:
    """Locate an ffmpeg executable or raise ``MediaError`` with the install hint.

    An explicit ``$FFMPEG_BINARY`` that points nowhere is an error of its own: the administrator
    asked for that binary, so silently using another one would hide the mistake.
    """
    env = os.environ if environ is None else environ
    explicit = env.get(FFMPEG_ENV, "").strip()
    if explicit:
        path = Path(explicit).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise MediaError(
            tr("ffmpeg.env_not_executable", env=FFMPEG_ENV, path=path),
            hint=tr("ffmpeg.env_hint", env=FFMPEG_ENV, install=install_hint()),
        )
    for candidate in (which("ffmpeg"), bundled()):
        if candidate:
            return Path(candidate)
    raise MediaError(tr("ffmpeg.not_found"), hint=install_hint())


def run_ffmpeg(ffmpeg: Path, args: Sequence[str], *, timeout: float, what: str) -> None:
    """Run ffmpeg with ``args``; a failure becomes ``MediaError`` quoting the end of its log."""
    command = [str(ffmpeg), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    try:
        # An argument list, no shell; the binary comes from find_ffmpeg.
        result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603
    except subprocess.TimeoutExpired as error:
        raise MediaError(
            tr("ffmpeg.timeout_converting", seconds=timeout, what=what),
            hint=tr("ffmpeg.timeout_hint"),
        ) from error
    except OSError as error:
        raise MediaError(
            tr("ffmpeg.cannot_run", path=ffmpeg, error=error), hint=install_hint()
        ) from error
    if result.returncode != 0:
        tail = _tail(result.stderr)
        raise MediaError(
            tr("ffmpeg.failed", code=result.returncode, what=what, tail=tail),
            hint=tr("ffmpeg.failed_hint"),
        )


def _tail(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return " | ".join(lines[-_STDERR_TAIL_LINES:]) or tr("ffmpeg.no_output")


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """What ``ffmpeg -i`` reports about a file (the first video and audio stream)."""

    duration: float | None
    video_codec: str | None = None
    audio_codec: str | None = None
    width: int | None = None
    height: int | None = None


_DURATION = re.compile(r"Duration:\s*(\d+):(\d\d):(\d\d(?:\.\d+)?)")
_STREAM = re.compile(r"Stream #\d+:\d+.*?: (Video|Audio): (\w+)(.*)")
_SIZE = re.compile(r"\b(\d{2,5})x(\d{2,5})\b")


def parse_media_info(log: str) -> MediaInfo:
    """Parse the stream summary ``ffmpeg -i <file>`` prints on stderr."""
    duration = None
    if match := _DURATION.search(log):
        hours, minutes, seconds = match.groups()
        duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    video = audio = None
    width = height = None
    for match in _STREAM.finditer(log):
        kind, codec, rest = match.groups()
        if kind == "Video" and video is None:
            video = codec
            if size := _SIZE.search(rest):
                width, height = int(size.group(1)), int(size.group(2))
        elif kind == "Audio" and audio is None:
            audio = codec
    return MediaInfo(duration, video, audio, width, height)


def probe(ffmpeg: Path, path: Path, *, timeout: float = 30) -> MediaInfo:
    """Describe a media file using ffmpeg alone (no ffprobe needed)."""
    # Without an output ffmpeg exits with status 1 after printing the summary: that is expected.
    try:
        result = subprocess.run(  # noqa: S603
            [str(ffmpeg), "-hide_banner", "-nostdin", "-i", str(path)],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise MediaError(tr("ffmpeg.timeout_reading", seconds=timeout, path=path)) from error
    except OSError as error:
        raise MediaError(
            tr("ffmpeg.cannot_run", path=ffmpeg, error=error), hint=install_hint()
        ) from error
    return parse_media_info(result.stderr.decode("utf-8", "replace"))


@dataclass(frozen=True, slots=True)
class StillVideoSettings:
    """Encoding of a voice note as a still picture: one frame a second is plenty."""

    framerate: int = 1
    # Every frame is the same picture, so x264's search effort buys nothing: the fastest preset
    # gives the same look (and a Constrained Baseline stream that every player decodes).
    preset: str = "ultrafast"
    keyframe_interval: int = 30  # frames: a keyframe every 30 s keeps seeking cheap
    audio_bitrate: str = "64k"
    # ffmpeg's "fast" AAC coder: a third less CPU than the default, no audible loss for speech.
    aac_coder: str = "fast"
    threads: int = 1  # one encoder thread per job: the pool provides the parallelism


def voice_video_args(
    *,
    frame: Path,
    audio: Path,
    output: Path,
    duration: float | None,
    settings: StillVideoSettings | None = None,
) -> list[str]:
    """ffmpeg arguments (after the binary) that turn a picture and a voice note into an mp4.

    ``duration`` is the voice note's length: ``-shortest`` alone overshoots by many seconds
    because the encoder buffers looped frames before the audio's end is noticed.
    """
    s = settings or StillVideoSettings()
    limit = ["-t", f"{duration:.3f}"] if duration else []
    return [
        "-loop", "1", "-framerate", str(s.framerate), "-i", str(frame),
        "-i", str(audio),
        "-map", "0:v:0", "-map", "1:a:0",
        "-c:v", "libx264", "-tune", "stillimage", "-preset", s.preset,
        "-g", str(s.keyframe_interval), "-pix_fmt", "yuv420p", "-r", str(s.framerate),
        "-threads", str(s.threads),
        "-c:a", "aac", "-aac_coder", s.aac_coder, "-b:a", s.audio_bitrate,
        "-shortest", *limit, "-movflags", "+faststart",
        "-f", "mp4", str(output),
    ]  # fmt: skip
