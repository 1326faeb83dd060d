from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from migrator.media.ffmpeg import probe
from migrator.media.ogg import ogg_duration

from .helpers import VOICE_SECONDS


def test_opus_voice_note_length(voice_ogg: Path) -> None:
    assert ogg_duration(voice_ogg) == pytest.approx(VOICE_SECONDS, abs=0.02)


def test_vorbis_length_agrees_with_ffmpeg(ffmpeg: Path, tmp_path: Path) -> None:
    path = tmp_path / "music.ogg"
    subprocess.run(
        [str(ffmpeg), "-loglevel", "error", "-f", "lavfi", "-i", "sine=duration=1.5",
         "-ar", "44100", "-c:a", "libvorbis", str(path)],
        check=True,
    )  # fmt: skip
    expected = probe(ffmpeg, path).duration
    assert expected is not None
    assert ogg_duration(path) == pytest.approx(expected, abs=0.03)


@pytest.mark.parametrize(
    "content",
    [b"", b"ID3 an mp3 file" * 100, b"OggS" + bytes(40), b"OggS\x00" + bytes(200)],
)
def test_anything_else_is_unknown(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.ogg"
    path.write_bytes(content)
    assert ogg_duration(path) is None


def test_a_missing_file_is_unknown(tmp_path: Path) -> None:
    assert ogg_duration(tmp_path / "gone.ogg") is None


def test_a_truncated_note_reports_what_is_left(voice_ogg: Path, tmp_path: Path) -> None:
    data = voice_ogg.read_bytes()
    cut = tmp_path / "cut.ogg"
    cut.write_bytes(data[: len(data) // 2])
    seconds = ogg_duration(cut)
    assert seconds is not None and 0 < seconds < VOICE_SECONDS
