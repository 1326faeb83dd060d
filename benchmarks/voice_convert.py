"""Benchmark: one 60 s voice note, converted by this project and by the original workflow's command.

The reference reproduces what the original scripts ran: the cover scaled to 1920×1080, 25 frames
a second, libx264 with its default preset, and the source/time caption drawn by ffmpeg's drawtext.
This project's converter draws the caption with Pillow and encodes one frame a second with
still-image tuning. Both run in the same process, on the same input, one after the other.

Run from the repository root:

    .venv/bin/python benchmarks/voice_convert.py [--seconds 60] [--repeat 3]

It prints wall-clock and CPU times (CPU time, summed over ffmpeg's threads, is the fairer figure on
a shared machine) and the ratios. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migrator.config.model import Language
from migrator.media import MediaPreparer, bundled_cover, find_ffmpeg
from migrator.media.caption import voice_caption
from migrator.media.ffmpeg import probe
from migrator.plan.post import Attribution, Conversion, Post, PostKey, PostKind

AUTHOR = "Иван Петров"
TIMESTAMP = 1756725000
TIMEZONE = ZoneInfo("Europe/Moscow")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_voice_note(ffmpeg: Path, target: Path, seconds: int) -> None:
    """A Telegram-like voice note: mono 48 kHz Opus in Ogg, a tone with a little noise."""
    source = (
        f"sine=frequency=220:duration={seconds}[a];"
        f"anoisesrc=color=pink:amplitude=0.05:duration={seconds}[b];"
        "[a][b]amix=inputs=2[out]"
    )
    subprocess.run(
        [str(ffmpeg), "-hide_banner", "-loglevel", "error", "-y",
         "-filter_complex", source, "-map", "[out]",
         "-ac", "1", "-ar", "48000", "-c:a", "libopus", "-b:a", "32k", str(target)],
        check=True,
    )  # fmt: skip


def _drawtext_escape(text: str) -> str:
    for char in ("\\", ":", "'", "%"):
        text = text.replace(char, "\\" + char)
    return text


def reference_command(ffmpeg: Path, cover: Path, voice: Path, output: Path) -> list[str]:
    caption = voice_caption(AUTHOR, TIMESTAMP, timezone=TIMEZONE, language=Language.RU)
    drawtext = (
        f"drawtext=fontfile='{FONT}':text='{_drawtext_escape(caption)}':"
        "fontcolor=white:fontsize=40:box=1:boxcolor=black@0.5:boxborderw=12:"
        "x=w-tw-40:y=h-th-40"
    )
    return [
        str(ffmpeg), "-hide_banner", "-loglevel", "error", "-y",
        "-loop", "1", "-i", str(cover), "-i", str(voice),
        "-vf", f"scale=1920:1080,{drawtext}",
        "-c:v", "libx264", "-r", "25", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", str(output),
    ]  # fmt: skip


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(run: Callable[[], Path], repeat: int) -> tuple[list[float], list[float], Path]:
    walls, cpus = [], []
    output = Path()
    for _ in range(repeat):
        cpu_before, wall_before = _children_cpu(), time.perf_counter()
        output = run()
        walls.append(time.perf_counter() - wall_before)
        cpus.append(_children_cpu() - cpu_before)
    return walls, cpus, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="voice note length")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each converter")
    args = parser.parse_args()

    ffmpeg = find_ffmpeg()
    cover = bundled_cover(Language.RU)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        voice = work / "voice.ogg"
        make_voice_note(ffmpeg, voice, args.seconds)
        runs = iter(range(10**6))

        def ours() -> Path:
            # A fresh cache each run, so every run really converts.
            post = Post(
                PostKey("bench", 1), "ivan", Attribution.AUTHOR, PostKind.VIDEO, "",
                file=voice, file_name=voice.name, conversion=Conversion.VOICE_TO_MP4,
                original_name=AUTHOR, timestamp=TIMESTAMP,
            )  # fmt: skip
            preparer = MediaPreparer(
                cache_dir=work / f"cache{next(runs)}", cover_image=cover,
                language=Language.RU, timezone=TIMEZONE, ffmpeg=ffmpeg, max_workers=1,
            )  # fmt: skip
            try:
                return preparer.prepare_sync(post).path
            finally:
                preparer.close()

        def reference() -> Path:
            output = work / "reference.mp4"
            subprocess.run(reference_command(ffmpeg, cover, voice, output), check=True)
            return output

        our_wall, our_cpu, our_file = measure(ours, args.repeat)
        ref_wall, ref_cpu, ref_file = measure(reference, args.repeat)

        print(f"ffmpeg: {ffmpeg}")
        print(f"voice note: {args.seconds} s Opus; {args.repeat} runs each; median figures")
        for label, walls, cpus, output in (
            ("this project (1280x720, 1 fps, stillimage)", our_wall, our_cpu, our_file),
            ("reference (1920x1080, 25 fps, drawtext)", ref_wall, ref_cpu, ref_file),
        ):
            info = probe(ffmpeg, output)
            print(
                f"  {label:44} wall {statistics.median(walls):7.2f} s   "
                f"cpu {statistics.median(cpus):7.2f} s   "
                f"output {output.stat().st_size / 1024:7.0f} KB, {info.duration:.2f} s"
            )
        wall_ratio = statistics.median(ref_wall) / statistics.median(our_wall)
        cpu_ratio = statistics.median(ref_cpu) / statistics.median(our_cpu)
        print(f"speed-up: {wall_ratio:.1f}x wall clock, {cpu_ratio:.1f}x CPU time (target >= 20x)")


if __name__ == "__main__":
    main()
