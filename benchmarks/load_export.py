"""Benchmark: stream a generated 1,000,000-message export through the loader.

Usage: .venv/bin/python benchmarks/load_export.py [--messages N] [--keep DIR | --export DIR]

Generates a single-chat export in a temporary folder (realistic key order and indentation, a mix
of plain and formatted text, replies, forwards, edits, photos and files shared by many messages,
service messages, reactions and some ``\\xNN`` escapes), then streams it twice, each time in a
fresh child process: through the parser alone (ijson over the repairing reader) and through the
whole loader (``iter_messages``). Prints both rates side by side with the ratio to the target,
the loader's peak resident memory and the load average. Targets: >= 100,000 messages/s,
<= 150 MB peak RSS. ``--export DIR`` measures an export generated earlier with ``--keep DIR``.
"""

from __future__ import annotations

import argparse
import json
import os
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


def measure(folder: Path, stage: str) -> None:
    """Runs in a child process: stream the export through one stage, print JSON figures.

    ``parser`` is ijson over the repairing reader alone (decoded message objects, no
    conversion); ``loader`` is the real ``iter_messages`` (parser plus conversion to ``Message``).
    """
    from migrator.telegram.json_stream import open_json, stream_items
    from migrator.telegram.loader import SINGLE_CHAT_MESSAGES, iter_messages, select_chat
    from migrator.telegram.model import LoadStats

    stats = LoadStats()
    started = time.perf_counter()
    cpu_started = time.process_time()
    if stage == "parser":
        path = folder / "result.json"
        with open_json(path) as reader:
            count = sum(1 for _ in stream_items(reader, SINGLE_CHAT_MESSAGES, path))
            stats.repaired_escapes = reader.repaired_escapes
    else:
        chat = select_chat(folder, None)
        count = sum(1 for _ in iter_messages(folder, chat, stats=stats))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {
        "messages": count,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "peak_rss_kb": peak_kb,
        "repaired": stats.repaired_escapes,
    }
    print(json.dumps(figures))


def run_stage(folder: Path, stage: str) -> dict[str, float]:
    """Measure one stage in a fresh interpreter, so each peak RSS is its own."""
    repo = Path(__file__).resolve().parents[1]
    child = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder), "--stage", stage],
        check=True,
        capture_output=True,
        text=True,
        cwd=repo,
        env={"PYTHONPATH": str(repo)},
    )
    figures: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    return figures


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(parser: dict[str, float], loader: dict[str, float], load: tuple[float, float]) -> None:
    parser_rate = parser["messages"] / parser["seconds"]
    rate = loader["messages"] / loader["seconds"]
    cpu_rate = loader["messages"] / loader["cpu_seconds"]
    peak_mb = loader["peak_rss_kb"] / 1024
    print(
        f"loaded {loader['messages']:,.0f} messages in {loader['seconds']:.2f} s "
        f"({loader['repaired']:.0f} \\xNN escapes repaired)"
    )
    print(
        f"parser only {parser_rate:,.0f} msg/s | full loader {rate:,.0f} msg/s "
        f"(CPU-time rate {cpu_rate:,.0f}) | loader/parser {rate / parser_rate:.2f} | "
        f"loader/target {rate / TARGET_RATE:.2f}x of {TARGET_RATE:,} "
        f"-> {verdict(rate >= TARGET_RATE)}"
    )
    print(
        f"peak RSS: loader {peak_mb:.1f} MB, parser only {parser['peak_rss_kb'] / 1024:.1f} MB "
        f"(target <= {TARGET_RSS_MB}) -> {verdict(peak_mb <= TARGET_RSS_MB)}"
    )
    print(
        f"load average {load[0]:.2f} before, {load[1]:.2f} after, on {os.cpu_count()} cores "
        "(wall-clock rates fall when other processes share the CPU; the CPU-time rate less so)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--export", type=Path, help="measure this existing export, no generating")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stage", choices=["parser", "loader"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.stage or "loader")
        return
    with tempfile.TemporaryDirectory(prefix="tg-bench-") as temporary:
        folder = args.export or args.keep or Path(temporary)
        if args.export is None:
            started = time.perf_counter()
            path = generate(folder, args.messages)
            size_mb = path.stat().st_size / 1e6
            print(
                f"generated {args.messages:,} messages, {size_mb:,.0f} MB in "
                f"{time.perf_counter() - started:.1f} s"
            )
        load_before = os.getloadavg()[0]
        parser_figures = run_stage(folder, "parser")
        loader_figures = run_stage(folder, "loader")
        load_after = os.getloadavg()[0]
    report(parser_figures, loader_figures, (load_before, load_after))


if __name__ == "__main__":
    main()
