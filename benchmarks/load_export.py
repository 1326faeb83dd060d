"""Benchmark: stream a generated 1,000,000-message export through the loader.

Usage: .venv/bin/python benchmarks/load_export.py [--messages N] [--keep DIR]

Generates a single-chat export in a temporary folder (realistic key order and indentation, a mix
of plain and formatted text, replies, forwards, edits, photos and files shared by many messages,
service messages, reactions and some ``\\xNN`` escapes), then loads it in a fresh child process and
prints messages per second and the child's peak resident memory. Targets: >= 100,000 messages/s,
<= 150 MB peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATE = 100_000
TARGET_RSS_MB = 150
START = 1_600_000_000
NAMES = ["Иван Петров", "Anna Smith", "Ольга", "Deleted", "Team Bot"]


def message(number: int) -> dict[str, object]:
    unixtime = START + number * 7
    local = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(unixtime))
    sender = number % len(NAMES)
    item: dict[str, object] = {"id": number + 1, "type": "message", "date": local}
    item["date_unixtime"] = str(unixtime)
    if number % 50 == 7:
        return {
            "id": number + 1,
            "type": "service",
            "date": local,
            "date_unixtime": str(unixtime),
            "actor": NAMES[sender],
            "actor_id": f"user{1000 + sender}",
            "action": "pin_message",
            "message_id": number,
            "text": "",
            "text_entities": [],
        }
    if number % 9 == 0:
        item["edited"] = local
        item["edited_unixtime"] = str(unixtime + 60)
    item["from"] = None if NAMES[sender] == "Deleted" else NAMES[sender]
    item["from_id"] = f"user{1000 + sender}"
    if number % 13 == 0:
        item["forwarded_from"] = "Новости канала"
    if number % 4 == 0:
        item["reply_to_message_id"] = number
    if number % 10 == 3:
        item["photo"] = f"photos/photo_{number % 20}@01-01-2021_10-00-00.jpg"
        item["photo_file_size"] = 120_000
        item["width"] = 1280
        item["height"] = 720
    elif number % 25 == 5:
        item["file"] = "(File not included. Change data exporting settings to download.)"
        item["file_name"] = "report.pdf"
        item["file_size"] = 2_000_000
        item["mime_type"] = "application/pdf"
    text = f"Сообщение номер {number}: обсуждаем план на неделю"
    if number % 1000 == 1:
        text += "\x01"  # written as \x01 below, like Telegram Desktop does
    if number % 3 == 0:
        parts = [
            {"type": "plain", "text": text + " "},
            {"type": "bold", "text": "важно"},
            {"type": "plain", "text": " см. "},
            {"type": "link", "text": "https://example.org/doc"},
        ]
        item["text"] = [parts[0]["text"], parts[1], parts[2]["text"], parts[3]]
        item["text_entities"] = parts
    else:
        item["text"] = text
        item["text_entities"] = [{"type": "plain", "text": text}]
    if number % 17 == 0:
        item["reactions"] = [{"type": "emoji", "count": 2, "emoji": "👍"}]
    return item


def generate(folder: Path, count: int) -> Path:
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    for index in range(20):
        (folder / "photos" / f"photo_{index}@01-01-2021_10-00-00.jpg").write_bytes(b"\xff\xd8")
    path = folder / "result.json"
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Отдел продаж",\n "type": "private_supergroup",\n')
        out.write(' "id": 1234567890,\n "messages": [\n')
        for number in range(count):
            if number:
                out.write(",\n")
            # the exporter's layout: one space per level, messages at depth two
            text = json.dumps(message(number), ensure_ascii=False, indent=1)
            text = "  " + text.replace("\n", "\n  ")
            # Telegram Desktop's escaping bug: \u0001 is written as \x01.
            out.write(text.replace("\\u0001", "\\x01"))
        out.write("\n ]\n}\n")
    return path


def measure(folder: Path) -> None:
    """Runs in the child process: load everything, print JSON figures."""
    from migrator.telegram.loader import iter_messages, select_chat
    from migrator.telegram.model import LoadStats

    stats = LoadStats()
    started = time.perf_counter()
    chat = select_chat(folder, None)
    count = sum(1 for _ in iter_messages(folder, chat, stats=stats))
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "messages": count,
                "seconds": elapsed,
                "peak_rss_kb": peak_kb,
                "repaired": stats.repaired_escapes,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    with tempfile.TemporaryDirectory(prefix="tg-bench-") as temporary:
        folder = args.keep or Path(temporary)
        started = time.perf_counter()
        path = generate(folder, args.messages)
        size_mb = path.stat().st_size / 1e6
        print(
            f"generated {args.messages:,} messages, {size_mb:,.0f} MB in "
            f"{time.perf_counter() - started:.1f} s"
        )
        repo = Path(__file__).resolve().parents[1]
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(folder)],
            check=True,
            capture_output=True,
            text=True,
            cwd=repo,
            env={"PYTHONPATH": str(repo)},
        )
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    rate = figures["messages"] / figures["seconds"]
    peak_mb = figures["peak_rss_kb"] / 1024
    print(
        f"loaded {figures['messages']:,} messages in {figures['seconds']:.2f} s "
        f"({figures['repaired']} \\xNN escapes repaired)"
    )
    print(f"rate: {rate:,.0f} messages/s (target >= {TARGET_RATE:,})")
    print(f"peak RSS: {peak_mb:.1f} MB (target <= {TARGET_RSS_MB})")


if __name__ == "__main__":
    main()
