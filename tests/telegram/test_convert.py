"""The pure dict → Message conversion, on plain values."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from migrator.errors import ExportError
from migrator.telegram.convert import ConvertContext, convert_message
from migrator.telegram.media_refs import resolve_media
from migrator.telegram.model import (
    EntityType,
    Invoice,
    LoadStats,
    MediaRef,
    MessageType,
    MissingReason,
)


def context(stats: LoadStats | None = None, tz: object = UTC) -> ConvertContext:
    def no_files(raw: str) -> MediaRef:
        return MediaRef(relative=raw, path=None, missing=MissingReason.NOT_FOUND)

    return ConvertContext(
        resolve_media=no_files,
        stats=stats or LoadStats(),
        export_timezone=tz,  # type: ignore[arg-type]
    )


def test_minimal_text_message() -> None:
    message = convert_message(
        {"id": 7, "type": "message", "date": "2024-01-01T00:00:00", "text": "hi"}, context()
    )
    assert (message.id, message.type, message.timestamp, message.plain_text) == (
        7,
        MessageType.MESSAGE,
        1704067200,
        "hi",
    )
    assert message.sender is None and message.unknown_fields == ()


def test_unixtime_wins_over_local_date() -> None:
    raw = {"id": 1, "type": "message", "date": "2000-01-01T00:00:00", "date_unixtime": "5"}
    assert convert_message(raw, context()).timestamp == 5


def test_local_date_uses_the_export_timezone_and_respects_an_explicit_offset() -> None:
    moscow = context(tz=ZoneInfo("Europe/Moscow"))
    raw = {"id": 1, "type": "message", "date": "2024-01-01T03:00:00"}
    assert convert_message(raw, moscow).timestamp == 1704067200
    raw_z = {"id": 1, "type": "message", "date": "2024-01-01T00:00:00Z"}
    assert convert_message(raw_z, moscow).timestamp == 1704067200
    assert convert_message({**raw, "date": "yesterday"}, moscow).timestamp is None


def test_text_array_without_text_entities() -> None:
    raw = {"id": 1, "type": "message", "text": ["a ", {"type": "italic", "text": "b"}, ""]}
    chunks = convert_message(raw, context()).text
    assert [(c.type, c.text) for c in chunks] == [
        (EntityType.PLAIN, "a "),
        (EntityType.ITALIC, "b"),
    ]


def test_unknown_message_type_is_kept_as_unsupported_and_counted() -> None:
    stats = LoadStats()
    message = convert_message({"id": 3, "type": "story", "x": 1}, context(stats))
    assert message.type is MessageType.UNSUPPORTED and message.unknown_fields == ("x",)
    assert stats.unknown_fields == {"type=story": 1, "x": 1}


@pytest.mark.parametrize("raw", [{"type": "message"}, {"id": "seven", "type": "message"}])
def test_a_message_without_an_id_is_an_export_error(raw: dict[str, object]) -> None:
    with pytest.raises(ExportError, match="no usable id") as caught:
        convert_message(raw, context())
    assert caught.value.hint


def test_invoice_as_json_string_or_object() -> None:
    text = '{"title": "T", "description": "D", "amount": 5, "currency": "EUR"}'
    for value in (text, {"title": "T", "description": "D", "amount": 5, "currency": "EUR"}):
        raw = {"id": 1, "type": "message", "invoice_information": value}
        assert convert_message(raw, context()).attachment == Invoice("T", "D", 5, "EUR")


def test_service_without_action_or_text_is_unknown() -> None:
    stats = LoadStats()
    message = convert_message({"id": 1, "type": "service", "odd": 2}, context(stats))
    assert message.service is not None and not message.service.known
    assert message.service.details == {"odd": 2}
    assert stats.unknown_actions == {"(none)": 1}


def test_known_action_with_an_unexpected_key_counts_it() -> None:
    stats = LoadStats()
    raw = {"id": 1, "type": "service", "action": "pin_message", "message_id": 4, "extra": True}
    message = convert_message(raw, context(stats))
    assert message.service is not None and message.service.message_id == 4
    assert message.unknown_fields == ("extra",) and stats.unknown_fields == {"extra": 1}


class TestResolveMedia:
    def test_placeholders(self, tmp_path: Path) -> None:
        for text, reason in [
            ("(File not included. Change data exporting settings to download.)", "not_included"),
            ("(File unavailable, please try again later)", "unavailable"),
            ("(Photo unavailable, please try again later)", "unavailable"),
        ]:
            ref = resolve_media(tmp_path, text)
            assert ref.missing == reason and ref.path is None and ref.relative == text

    @pytest.mark.parametrize(
        "raw",
        ["../x", "photos/../../x", "/etc/passwd", "..\\x", "C:\\x", "\\\\server\\share"],
    )
    def test_paths_leaving_the_folder_are_refused_without_looking(
        self, tmp_path: Path, raw: str
    ) -> None:
        assert resolve_media(tmp_path, raw).missing is MissingReason.OUTSIDE_EXPORT

    def test_existing_missing_and_directory(self, tmp_path: Path) -> None:
        (tmp_path / "photos").mkdir()
        (tmp_path / "photos" / "a b@1.jpg").write_bytes(b"x")
        ref = resolve_media(tmp_path, "photos/a b@1.jpg")
        assert ref.available and ref.path == (tmp_path / "photos" / "a b@1.jpg").resolve()
        assert resolve_media(tmp_path, "photos/none.jpg").missing is MissingReason.NOT_FOUND
        assert resolve_media(tmp_path, "photos").missing is MissingReason.NOT_FOUND
        assert resolve_media(tmp_path, "").missing is MissingReason.NOT_FOUND
