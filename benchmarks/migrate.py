"""Benchmark (not a test): a media-heavy export migrated at 20 ms injected latency, with and without
the background upload pipeline, side by side in one run.

Prints messages per second for both and the ratio to the one-round-trip-per-post limit, measured on
the same emulator as the rate of plain sendMessage calls awaited one after another.

Usage: .venv/bin/python benchmarks/migrate.py [--messages 200] [--latency-ms 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_config import write_config

from migrator.connector import Credentials, ServerTarget, SessionPool
from migrator.emulator.config import EmulatorConfig, Faults
from migrator.emulator.server import EmulatorThread, RunningEmulator
from migrator.engine import BuildOptions, build_chat
from migrator.logs import configure_logging

USERS = {"alice": "Alice-bench-1", "bob": "Bob-bench-22"}


def make_export(folder: Path, count: int) -> None:
    (folder / "files").mkdir(parents=True, exist_ok=True)
    (folder / "photos").mkdir(exist_ok=True)
    messages = []
    for i in range(1, count + 1):
        sender = 1001 if i % 2 else 1002
        message: dict[str, object] = {
            "id": i,
            "type": "message",
            "date": "2025-09-01T14:00:00",
            "date_unixtime": str(1756735200 + i),
            "from": "Alice" if sender == 1001 else "Bob",
            "from_id": f"user{sender}",
        }
        if i % 5 in (1, 2, 3):  # 60 % files
            path = folder / "files" / f"doc{i}.bin"
            path.write_bytes(bytes([i % 251]) * (40_000 + 97 * i))
            message.update(file=f"files/doc{i}.bin", mime_type="application/octet-stream")
            text = f"document {i}"
        elif i % 5 == 4:  # 20 % photos
            photo = folder / "photos" / f"photo{i}.jpg"
            Image.new("RGB", (640, 480), (i % 255, 90, 160)).save(photo, quality=80)
            message.update(photo=f"photos/photo{i}.jpg", width=640, height=480)
            text = f"photo {i}"
        else:
            text = f"message {i}"
        message["text"] = text
        message["text_entities"] = [{"type": "plain", "text": text}]
        messages.append(message)
    data = {"name": "Bench", "type": "private_group", "id": 9000, "messages": messages}
    (folder / "result.json").write_text(json.dumps(data), encoding="utf-8")


def round_trip_rate(emu: RunningEmulator, samples: int) -> float:
    """Posts per second when each post costs exactly one awaited round trip."""

    async def measure() -> float:
        target = ServerTarget(emu.host, emu.port, False, False)
        pool = SessionPool(target, {"alice": Credentials("alice", password=USERS["alice"])})
        try:
            async with pool.lease("alice") as session:
                chat = await session.call(lambda bot: bot.create_group_chat("rtt"))
                started = time.perf_counter()
                for i in range(samples):
                    await session.call(
                        lambda bot, i=i: bot.send_message(chat.chat_id, f"rtt {i}", "html")
                    )
                return samples / (time.perf_counter() - started)
        finally:
            await pool.aclose()

    return asyncio.run(measure())


def migrate(config: Path, work: Path, *, pipeline: bool, messages: int) -> float:
    options = BuildOptions(
        config_path=config,
        output_dir=work / ("out-pipeline" if pipeline else "out-inline"),
        ledger_path=work / ("pipeline.sqlite" if pipeline else "inline.sqlite"),
        quiet=True,
        pipeline=pipeline,
    )
    started = time.perf_counter()
    code = build_chat(options)
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"migration failed with exit code {code}")
    return messages / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--latency-ms", type=int, default=20)
    args = parser.parse_args()
    configure_logging(0)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_export(work / "export", args.messages)
        config = EmulatorConfig(faults=Faults(latency_ms=args.latency_ms))
        with EmulatorThread(config) as emu:
            for login, password in USERS.items():
                emu.add_user(login, password)
            write_config(
                work / "config.toml",
                work / "export",
                emu.port,
                {"alice": (USERS["alice"], "user1001"), "bob": (USERS["bob"], "user1002")},
                {"name": "Bench", "type": "group", "owner": "alice"},
            )
            limit = round_trip_rate(emu, 50)
            inline = migrate(work / "config.toml", work, pipeline=False, messages=args.messages)
            piped = migrate(work / "config.toml", work, pipeline=True, messages=args.messages)
    print(f"{args.messages} messages (60% files, 20% photos), {args.latency_ms} ms latency")
    print(f"one-round-trip-per-post limit: {limit:6.1f} msg/s")
    print(f"without pipeline:              {inline:6.1f} msg/s  ({inline / limit:.2f} of limit)")
    print(f"with background pipeline:      {piped:6.1f} msg/s  ({piped / limit:.2f} of limit)")
    print(
        f"speed-up: {piped / inline:.2f}x; target >= 0.80 of limit: "
        f"{'met' if piped / limit >= 0.8 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
