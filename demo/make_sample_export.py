"""Write the demo's sample Telegram export (demo/sample-export/).

The chat is made up for this project: no real people's data. Run it again after changing it;
the result is committed so that the demo needs nothing but the repository.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent / "sample-export"
START = int(datetime(2025, 9, 1, 9, 0, tzinfo=UTC).timestamp())

ANNA = ("Анна Смирнова", "user1001")
BORIS = ("Борис Кузнецов", "user1002")
CLAIRE = ("Claire Martin", "user1003")
GONE = (None, "user1004")  # a deleted account


NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"


def _dates(minutes: int) -> dict[str, str]:
    ts = START + minutes * 60
    local = datetime.fromtimestamp(ts, UTC).replace(tzinfo=None)
    return {"date": local.isoformat(), "date_unixtime": str(ts)}


def _message(mid: int, minutes: int, who: tuple[str | None, str], **rest: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"id": mid, "type": "message", **_dates(minutes)}
    if "edited_minutes" in rest:
        edited = _dates(rest.pop("edited_minutes"))
        body["edited"], body["edited_unixtime"] = edited["date"], edited["date_unixtime"]
    body["from"], body["from_id"] = who
    body.update(rest)
    entities = body.setdefault("text_entities", [])
    if "text" not in body:
        parts = [e["text"] if e["type"] == "plain" else e for e in entities]
        body["text"] = parts[0] if len(parts) == 1 and isinstance(parts[0], str) else parts
    return body


def _service(mid: int, minutes: int, who: tuple[str | None, str], action: str, **rest: Any) -> dict:
    return {
        "id": mid,
        "type": "service",
        **_dates(minutes),
        "actor": who[0],
        "actor_id": who[1],
        "action": action,
        **rest,
        "text": "",
        "text_entities": [],
    }


def plain(text: str) -> dict[str, str]:
    return {"type": "plain", "text": text}


def _media() -> None:
    photos = OUT / "photos"
    photos.mkdir(parents=True)
    image = Image.new("RGB", (800, 600), (40, 90, 160))
    draw = ImageDraw.Draw(image)
    for i in range(0, 800, 40):
        draw.rectangle([i, 400 - i // 3, i + 30, 600], fill=(230, 180 - i // 8, 60))
    image.save(photos / "photo_1@01-09-2025_09-20-00.jpg", quality=80)
    stickers = OUT / "stickers"
    stickers.mkdir()
    sticker = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
    ImageDraw.Draw(sticker).ellipse([32, 32, 480, 480], fill=(255, 204, 0, 255))
    ImageDraw.Draw(sticker).arc([140, 160, 372, 380], 20, 160, fill=(60, 40, 0, 255), width=24)
    sticker.save(stickers / "sticker.webp")
    files = OUT / "files"
    files.mkdir()
    (files / "plan-q4.txt").write_text(
        "План на квартал / Quarter plan\n1. Миграция чатов\n2. Обучение команды\n", "utf-8"
    )
    voice = OUT / "voice_messages"
    voice.mkdir()
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        import imageio_ffmpeg

        ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(  # noqa: S603 - a fixed command line
        [
            ffmpeg,
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=4",
            "-c:a",
            "libopus",
            "-b:a",
            "24k",
            str(voice / "audio_1@01-09-2025_09-30-00.ogg"),
        ],
        check=True,
    )


def build() -> dict[str, Any]:
    messages = [
        _service(1, 0, ANNA, "create_group", title="Проект «Север»", members=[BORIS[0], CLAIRE[0]]),
        _message(
            2,
            1,
            ANNA,
            text_entities=[
                plain("Всем привет! Это "),
                {"type": "bold", "text": "новый чат проекта"},
                plain(". Документация: "),
                {"type": "link", "text": "https://example.com/docs"},
                plain(" 🚀"),
            ],
        ),
        _message(
            3,
            3,
            BORIS,
            reply_to_message_id=2,
            text_entities=[
                plain("Привет! План на сегодня:\n"),
                {"type": "pre", "text": "make migrate --dry-run\nmake migrate", "language": "bash"},
            ],
        ),
        _message(
            4,
            5,
            CLAIRE,
            text_entities=[
                plain("Hi all! "),
                {"type": "italic", "text": "English speaker here"},
                plain(" 👋 Ping "),
                {"type": "mention", "text": "@boris_k"},
                plain(", and "),
                {"type": "spoiler", "text": "the demo is on Friday"},
                plain("."),
            ],
        ),
        _message(
            5,
            20,
            ANNA,
            photo="photos/photo_1@01-09-2025_09-20-00.jpg",
            photo_file_size=0,
            width=800,
            height=600,
            text_entities=[plain("Схема нового офиса / the new office plan")],
        ),
        _message(
            6,
            22,
            CLAIRE,
            reply_to_message_id=5,
            text_entities=[plain("Looks great! 😍")],
            reactions=[
                {"type": "emoji", "count": 2, "emoji": "👍"},
                {"type": "emoji", "count": 1, "emoji": "❤"},
            ],
        ),
        _message(
            7,
            25,
            BORIS,
            file="files/plan-q4.txt",
            file_name="plan-q4.txt",
            mime_type="text/plain",
            text_entities=[plain("План на квартал")],
        ),
        _message(
            8,
            30,
            CLAIRE,
            file="voice_messages/audio_1@01-09-2025_09-30-00.ogg",
            media_type="voice_message",
            mime_type="audio/ogg",
            duration_seconds=4,
            text_entities=[],
        ),
        _message(
            9,
            31,
            ANNA,
            file="stickers/sticker.webp",
            media_type="sticker",
            sticker_emoji="😊",
            mime_type="image/webp",
            width=512,
            height=512,
            text_entities=[],
        ),
        _message(
            10,
            35,
            BORIS,
            poll={
                "question": "Когда проводим демо? / When is the demo?",
                "closed": False,
                "total_voters": 3,
                "answers": [
                    {"text": "Пятница / Friday", "voters": 2, "chosen": True},
                    {"text": "Понедельник / Monday", "voters": 1, "chosen": False},
                ],
            },
            text_entities=[],
        ),
        _message(
            11,
            40,
            CLAIRE,
            location_information={"latitude": 59.939095, "longitude": 30.315868},
            text_entities=[],
        ),
        _message(
            12,
            45,
            ANNA,
            forwarded_from="Новости компании",
            text_entities=[plain("С 1 октября офис работает с 9:00 до 18:00.")],
        ),
        _message(
            13,
            50,
            BORIS,
            edited_minutes=52,
            text_entities=[plain("Исправил опечатку в плане (edited).")],
        ),
        _message(14, 55, GONE, text_entities=[plain("Это сообщение от удалённого аккаунта.")]),
        _message(
            15,
            57,
            CLAIRE,
            photo=NOT_INCLUDED,
            photo_file_size=123456,
            width=1280,
            height=960,
            text_entities=[plain("Photo of the whiteboard")],
        ),
        _service(16, 58, ANNA, "pin_message", message_id=10),
        _service(17, 60, ANNA, "invite_members", members=["Дмитрий Орлов"]),
        _message(
            18,
            61,
            ("Дмитрий Орлов", "user1005"),
            text_entities=[
                plain("Спасибо, что добавили! "),
                {"type": "blockquote", "text": "Лучше поздно, чем никогда.", "collapsed": False},
            ],
        ),
    ]
    return {
        "name": "Проект «Север»",
        "type": "private_supergroup",
        "id": 2100000001,
        "messages": messages,
    }


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    _media()
    text = json.dumps(build(), ensure_ascii=False, indent=1)
    (OUT / "result.json").write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
