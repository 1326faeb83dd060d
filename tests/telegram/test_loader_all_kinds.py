"""The hand-made ``all-kinds`` export: every message kind of the spec loads into the model."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from migrator.telegram.loader import iter_messages, select_chat
from migrator.telegram.model import (
    Contact,
    EntityType,
    Game,
    Giveaway,
    Invoice,
    LoadStats,
    Location,
    MediaKind,
    Message,
    MessageType,
    MissingReason,
    PaidMedia,
    Peer,
    PeerId,
    PeerKind,
    Poll,
    TodoList,
    Venue,
)
from migrator.telegram.service import ACTION_KEYS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"

EXPORT = FIXTURES / "all-kinds"


def load(export: Path = EXPORT) -> tuple[dict[int, Message], LoadStats]:
    stats = LoadStats()
    messages = list(iter_messages(export, select_chat(export, None), stats=stats))
    by_id = {message.id: message for message in messages}
    assert len(by_id) == len(messages) == stats.messages
    return by_id, stats


@pytest.fixture(scope="module")
def loaded() -> tuple[dict[int, Message], LoadStats]:
    return load()


@pytest.fixture(scope="module")
def messages(loaded: tuple[dict[int, Message], LoadStats]) -> dict[int, Message]:
    return loaded[0]


def test_chat_header() -> None:
    chat = select_chat(EXPORT, None)
    assert (chat.name, chat.type.value, chat.id, chat.index) == (
        "Отдел продаж",
        "private_supergroup",
        2001,
        None,
    )


def test_messages_stream_in_file_order_including_negative_ids() -> None:
    ids = [message.id for message in iter_messages(EXPORT, select_chat(EXPORT, None))]
    assert ids[:4] == [-999999990, -999999989, 1, 2]
    assert ids[-1] == 151


def test_dates_come_from_unixtime_and_keep_the_local_text(messages: dict[int, Message]) -> None:
    message = messages[2]
    assert message.timestamp == 1700000000 + 2 * 60
    assert message.date_text == "2023-11-15T01:15:20"  # UTC+3 on the exporting machine
    assert messages[38].edited_timestamp == 1700000000 + 40 * 60


def test_text_entities_are_the_source_of_truth(messages: dict[int, Message]) -> None:
    chunks = messages[3].text
    assert [(c.type, c.text) for c in chunks] == [
        (EntityType.PLAIN, "Formatted: "),
        (EntityType.BOLD, "bold"),
        (EntityType.PLAIN, " and "),
        (EntityType.TEXT_LINK, "a link"),
    ]  # the trailing empty part is dropped
    assert chunks[3].href == "https://example.org/"


def test_every_entity_type_and_its_extras(
    loaded: tuple[dict[int, Message], LoadStats],
) -> None:
    messages, stats = loaded
    chunks = {chunk.text: chunk for chunk in messages[4].text}
    assert chunks["Bob"].type is EntityType.MENTION_NAME and chunks["Bob"].user_id == 1002
    assert chunks["print(1)"].type is EntityType.PRE and chunks["print(1)"].language == "python"
    assert chunks["quoted"].type is EntityType.BLOCKQUOTE and chunks["quoted"].collapsed
    emoji = chunks["🙂"]
    assert emoji.type is EntityType.CUSTOM_EMOJI and emoji.document_id == "stickers/sticker.webp"
    assert chunks["?"].type is EntityType.UNKNOWN and chunks["?"].raw_type == "unknown"
    new = chunks["new"]
    assert new.type is EntityType.UNKNOWN and new.raw_type == "fancy_future_entity"
    assert stats.unknown_entity_types == {"fancy_future_entity": 1}
    known = {chunk.type for chunk in messages[4].text} - {EntityType.UNKNOWN}
    assert known == set(EntityType) - {
        EntityType.UNKNOWN,
        EntityType.PLAIN,
        EntityType.BOLD,
        EntityType.TEXT_LINK,
    }


def test_photos_existing_and_placeholder(messages: dict[int, Message]) -> None:
    photo = messages[5].media
    assert photo is not None and photo.kind is MediaKind.PHOTO
    assert photo.file.available and photo.file.path == (
        EXPORT.resolve() / "photos" / "photo_1@14-11-2023_01-18-20.jpg"
    )
    assert (photo.width, photo.height, photo.file_size) == (640, 480, 2)
    assert messages[5].plain_text == "photo caption"
    skipped = messages[6].media
    assert skipped is not None and skipped.file.missing is MissingReason.NOT_INCLUDED
    assert skipped.file.path is None and skipped.file_size == 123456


def test_a_file_shared_by_several_messages_resolves_to_one_path(
    messages: dict[int, Message],
) -> None:
    first, second = messages[5].media, messages[7].media
    assert first is not None and second is not None
    assert first.file.path == second.file.path and messages[7].forwarded_from == "Алиса Иванова"


@pytest.mark.parametrize(
    ("message_id", "kind", "suffix"),
    [
        (8, MediaKind.STICKER, ".webp"),
        (9, MediaKind.STICKER, ".tgs"),
        (10, MediaKind.STICKER, ".webm"),
        (11, MediaKind.VIDEO_MESSAGE, ".mp4"),
        (12, MediaKind.VOICE_MESSAGE, ".ogg"),
        (13, MediaKind.ANIMATION, ".mp4"),
        (14, MediaKind.VIDEO_FILE, ".mp4"),
        (15, MediaKind.AUDIO_FILE, ".mp3"),
        (16, MediaKind.FILE, ".pdf"),
    ],
)
def test_every_media_type(
    messages: dict[int, Message], message_id: int, kind: MediaKind, suffix: str
) -> None:
    media = messages[message_id].media
    assert media is not None and media.kind is kind
    assert media.file.path is not None and media.file.path.suffix == suffix


def test_media_details(messages: dict[int, Message]) -> None:
    sticker = messages[8].media
    assert sticker is not None and sticker.sticker_emoji == "😀"
    assert sticker.thumbnail is not None and sticker.thumbnail.available
    song = messages[15].media
    assert song is not None and (song.performer, song.title, song.duration_seconds) == (
        "Исполнитель",
        "Песня",
        180,
    )
    report = messages[16].media
    assert report is not None and report.file_name == "report: Q3?.pdf"
    assert report.mime_type == "application/pdf"
    video = messages[14].media
    assert video is not None and video.spoiler and video.file_name == "clip.mp4"
    too_large = messages[17].media
    assert too_large is not None and too_large.file.missing is MissingReason.TOO_LARGE
    ttl = messages[18].media
    assert ttl is not None and ttl.file.missing is MissingReason.UNAVAILABLE
    assert ttl.self_destruct_seconds == 10


def test_unknown_media_type_is_kept_and_counted(
    loaded: tuple[dict[int, Message], LoadStats],
) -> None:
    messages, stats = loaded
    media = messages[19].media
    assert media is not None and media.kind is MediaKind.UNKNOWN
    assert media.raw_media_type == "hologram" and media.file.available
    assert stats.unknown_media_types == {"hologram": 1}


def test_attachments(messages: dict[int, Message]) -> None:
    poll = messages[20].attachment
    assert isinstance(poll, Poll) and poll.total_voters == 3 and not poll.closed
    assert [(a.voters, a.chosen) for a in poll.answers] == [(2, True), (1, False)]
    assert poll.answers[1].text[0].type is EntityType.BOLD
    todo = messages[21].attachment
    assert isinstance(todo, TodoList) and [i.id for i in todo.items] == [1, 2]
    assert todo.others_can_append and not todo.others_can_complete
    assert messages[22].attachment == Location(55.751244, 37.618423)
    assert messages[23].attachment == Location(59.9375, 30.308611, live_period_seconds=900)
    venue = messages[24].attachment
    assert isinstance(venue, Venue) and venue.place_name == "Кафе"
    assert venue.location == Location(55.0, 37.0)
    assert messages[25].attachment is None  # an empty geo point is written as null
    contact = messages[26].attachment
    assert isinstance(contact, Contact) and contact.phone_number == "+7 999 123 4567"
    assert contact.vcard is not None and contact.vcard.available
    game = messages[28].attachment
    assert isinstance(game, Game) and game.title == "Tetris"
    assert messages[28].via_bot == "@gamebot"
    assert messages[29].attachment == Invoice("Pizza", "Large", 150000, "RUB")
    giveaway = messages[30].attachment
    assert isinstance(giveaway, Giveaway) and not giveaway.results
    assert giveaway.details["quantity"] == 3
    results = messages[31].attachment
    assert isinstance(results, Giveaway) and results.results
    assert messages[32].attachment == PaidMedia(stars=50)


def test_dice_and_empty_messages_load_empty(messages: dict[int, Message]) -> None:
    dice = messages[27]
    assert (dice.text, dice.media, dice.attachment) == ((), None, None)


def test_senders_forwards_replies_and_signatures(messages: dict[int, Message]) -> None:
    assert messages[33].sender == Peer(PeerId(PeerKind.USER, 1003), None)  # deleted account
    assert messages[34].forwarded and messages[34].forwarded_from is None
    assert messages[35].saved and messages[35].saved_from == "Bob Stone"
    assert messages[36].reply_to_message_id == 2 and messages[36].reply_to_peer is None
    assert messages[37].reply_to_peer == PeerId(PeerKind.CHANNEL, 3003)
    assert messages[30].author_signature == "Editor"
    anonymous = messages[40]
    assert anonymous.sender == Peer(PeerId(PeerKind.CHANNEL, 2001), "Anonymous Group")
    assert anonymous.author_signature == "Админ"


def test_reactions_and_buttons(messages: dict[int, Message]) -> None:
    reactions = messages[39].reactions
    assert [(r.type, r.count, r.emoji, r.document_id) for r in reactions] == [
        ("emoji", 2, "👍", None),
        ("custom_emoji", 1, None, "stickers/sticker.webp"),
        ("paid", 5, None, None),
    ]
    assert messages[46].has_inline_buttons and not messages[45].has_inline_buttons


def test_topics(messages: dict[int, Message]) -> None:
    created = messages[41].service
    assert created is not None and (created.action, created.title) == ("topic_created", "Тема 1")
    assert messages[42].reply_to_message_id == 41
    edit = messages[43].service
    assert edit is not None and edit.details == {
        "new_title": "Тема 1 (new)",
        "new_icon_emoji_id": 0,
    }


def test_unsupported_and_unknown_fields(
    loaded: tuple[dict[int, Message], LoadStats],
) -> None:
    messages, stats = loaded
    unsupported = messages[44]
    assert unsupported.type is MessageType.UNSUPPORTED and unsupported.timestamp is None
    assert messages[45].unknown_fields == ("brand_new_field",)
    assert stats.unknown_fields == {"brand_new_field": 1}


def test_every_service_action_of_the_spec_is_present_and_known(
    messages: dict[int, Message],
) -> None:
    services = [m.service for m in messages.values() if m.service is not None]
    seen = {service.action for service in services if service.known}
    assert seen == set(ACTION_KEYS)
    assert all(not m.unknown_fields for m in messages.values() if m.service and m.service.known)


def test_service_action_fields(loaded: tuple[dict[int, Message], LoadStats]) -> None:
    messages, stats = loaded
    by_action = {m.service.action: m.service for m in messages.values() if m.service}
    assert by_action["create_group"].members == ("Алиса Иванова", None)
    assert by_action["pin_message"].message_id == 2
    assert by_action["phone_call"].duration_seconds == 65
    assert by_action["phone_call"].details == {"discard_reason": "hangup"}
    assert by_action["group_call"].duration_seconds == 300
    photo = by_action["edit_group_photo"].photo
    assert photo is not None and photo.available
    assert by_action["custom"].text == "Server says hello"
    assert by_action["requested_peer"].details["peers"] == [1001, 281474976712657]
    assert by_action["process_suggested_post"].details["price_amount_whole"] == 15
    assert by_action["send_payment"].actor is None
    proximity = by_action["proximity_reached"].details
    assert proximity["from_id"] == "user1001" and proximity["distance"] == 50
    unknown = by_action["time_travel"]
    assert not unknown.known and unknown.details == {"destination": "1985"}
    assert stats.unknown_actions == {"time_travel": 1}


def test_traversal_and_absolute_paths_are_refused_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="migrator.telegram.convert"):
        messages, stats = load()
    for message_id, raw in ((47, "../outside.txt"), (49, "/etc/hostname")):
        media = messages[message_id].media
        assert media is not None and media.file.missing is MissingReason.OUTSIDE_EXPORT
        assert media.file.path is None
        assert (message_id, raw, MissingReason.OUTSIDE_EXPORT) in stats.refused_paths
        assert any(
            f"message {message_id}" in r.getMessage() and raw in r.getMessage()
            for r in caplog.records
        )


def test_symlink_pointing_outside_is_refused(
    export_copy: Callable[[str], Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    export = export_copy("all-kinds")
    # A FIFO: opening it for reading would block, so this test also shows it is never opened.
    secret = tmp_path / "outside-fifo"
    os.mkfifo(secret)
    (export / "files" / "escape.txt").symlink_to(secret)
    with caplog.at_level(logging.WARNING):
        messages, stats = load(export)
    media = messages[48].media
    assert media is not None and media.file.missing is MissingReason.OUTSIDE_EXPORT
    assert (48, "files/escape.txt", MissingReason.OUTSIDE_EXPORT) in stats.refused_paths
    assert any("message 48" in r.getMessage() for r in caplog.records)


def test_symlink_staying_inside_the_export_is_followed(
    export_copy: Callable[[str], Path],
) -> None:
    export = export_copy("all-kinds")
    (export / "files" / "escape.txt").symlink_to(export / "files" / "report.pdf")
    messages, stats = load(export)
    media = messages[48].media
    assert media is not None and media.file.path == (export / "files" / "report.pdf").resolve()
    assert [entry[0] for entry in stats.refused_paths] == [47, 49]


def test_a_referenced_file_that_is_gone_is_not_found(messages: dict[int, Message]) -> None:
    media = messages[50].media
    assert media is not None and media.file.missing is MissingReason.NOT_FOUND
