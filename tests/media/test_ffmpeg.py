from __future__ import annotations

import stat
from pathlib import Path

import pytest

from migrator.errors import MediaError
from migrator.media import find_ffmpeg
from migrator.media.ffmpeg import install_hint, parse_media_info, probe, run_ffmpeg


def _executable(path: Path) -> Path:
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_env_pointing_at_a_missing_binary_is_an_error_with_the_install_hint(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "no-such-ffmpeg"
    with pytest.raises(MediaError) as caught:
        find_ffmpeg(environ={"FFMPEG_BINARY": str(missing)}, which=lambda _: "/usr/bin/ffmpeg")
    assert "FFMPEG_BINARY" in caught.value.message
    assert str(missing) in caught.value.message
    assert caught.value.hint is not None and "apt install ffmpeg" in caught.value.hint


def test_env_missing_through_the_real_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FFMPEG_BINARY", str(tmp_path / "gone"))
    with pytest.raises(MediaError, match="gone"):
        find_ffmpeg()


def test_nothing_found_anywhere_names_every_way_to_install() -> None:
    with pytest.raises(MediaError) as caught:
        find_ffmpeg(environ={}, which=lambda _: None, bundled=lambda: None)
    assert caught.value.hint == install_hint()
    for way in ("apt install ffmpeg", "brew install ffmpeg", "winget install ffmpeg", "imageio"):
        assert way in str(caught.value)


def test_search_order_env_then_path_then_bundled(tmp_path: Path) -> None:
    explicit = _executable(tmp_path / "explicit")
    on_path = str(_executable(tmp_path / "on_path"))
    bundled = str(_executable(tmp_path / "bundled"))
    env = {"FFMPEG_BINARY": str(explicit)}
    assert find_ffmpeg(environ=env, which=lambda _: on_path, bundled=lambda: bundled) == explicit
    assert find_ffmpeg(environ={}, which=lambda _: on_path, bundled=lambda: bundled) == Path(
        on_path
    )
    assert find_ffmpeg(environ={}, which=lambda _: None, bundled=lambda: bundled) == Path(bundled)


def test_the_bundled_imageio_binary_is_found_without_path() -> None:
    found = find_ffmpeg(environ={}, which=lambda _: None)
    assert found.is_file()


FFMPEG_SUMMARY = """\
Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'voice.mp4':
  Duration: 00:01:02.50, start: 0.000000, bitrate: 80 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), \
1280x720, 40 kb/s, 1 fps, 1 tbr, 16384 tbn (default)
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, mono, fltp, 59 kb/s
At least one output file must be specified
"""


def test_parse_media_info_reads_duration_codecs_and_size() -> None:
    info = parse_media_info(FFMPEG_SUMMARY)
    assert info.duration == pytest.approx(62.5)
    assert (info.video_codec, info.audio_codec) == ("h264", "aac")
    assert (info.width, info.height) == (1280, 720)


def test_parse_media_info_of_garbage_is_empty() -> None:
    info = parse_media_info("nonsense: Invalid data found when processing input")
    assert info.duration is None and info.video_codec is None and info.audio_codec is None


def test_probe_a_real_voice_note(ffmpeg: Path, voice_ogg: Path) -> None:
    info = probe(ffmpeg, voice_ogg)
    assert info.audio_codec == "opus"
    assert info.video_codec is None
    assert info.duration == pytest.approx(3, abs=0.1)


def test_ffmpeg_failure_quotes_its_error(ffmpeg: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ogg"
    broken.write_bytes(b"this is not audio")
    with pytest.raises(MediaError) as caught:
        run_ffmpeg(ffmpeg, ["-i", str(broken), str(tmp_path / "out.mp4")], timeout=30, what="x")
    assert "ffmpeg failed" in caught.value.message
    assert str(broken) in caught.value.message  # ffmpeg's own words name the file
