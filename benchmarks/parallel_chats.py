"""Benchmark (not a test): one company plan migrated with --parallel-chats 1 and with the default,
side by side, at 20 ms injected latency.

The export is a full-account export of several chats (groups, a channel, personal chats) of
unequal length; parse_users.py writes the plan, then each run migrates it into a fresh emulator
with its own ledger. Prints both times and their ratio (goal: the default takes at most 0.35 of
the serial time).

Usage: .venv/bin/python benchmarks/parallel_chats.py [--chats 12] [--messages 40] [--latency-ms 20]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_config import write_config

from migrator.emulator.config import EmulatorConfig, Faults
from migrator.emulator.server import EmulatorThread
from migrator.engine import BuildOptions, build_chat
from migrator.engine.options import DEFAULT_PARALLEL_CHATS
from migrator.logs import configure_logging
from migrator.users.cli import main as parse_users

USERS = {
    "alice": ("Alice-bench-1", 1001),
    "bob": ("Bob-bench-22", 1002),
    "carol": ("Carol-3", 1003),
}
KINDS = ("private_group", "private_supergroup", "private_channel", "personal_chat")


def make_export(folder: Path, chats: int, messages: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    people = list(USERS.items())
    listed = []
    for index in range(chats):
        kind = KINDS[index % len(KINDS)]
        writers = people[:2] if kind == "personal_chat" else people
        if kind == "private_channel":
            writers = people[:1]
        count = messages + (index % 3) * messages // 2  # unequal lengths, as in real companies
        chat_messages = []
        for mid in range(1, count + 1):
            login, (_, telegram_id) = writers[mid % len(writers)]
            text = f"chat {index} message {mid}"
            chat_messages.append(
                {
                    "id": mid,
                    "type": "message",
                    "date": "2025-09-01T14:00:00",
                    "date_unixtime": str(1756735200 + mid),
                    "from": login.title(),
                    "from_id": f"user{telegram_id}",
                    "text": text,
                    "text_entities": [{"type": "plain", "text": text}],
                }
            )
        name = "Bob" if kind == "personal_chat" else f"Team {index}"
        listed.append({"name": name, "type": kind, "id": 5000 + index, "messages": chat_messages})
    data = {"chats": {"list": listed}, "left_chats": {"list": []}}
    (folder / "result.json").write_text(json.dumps(data), encoding="utf-8")


def migrate(work: Path, name: str, latency_ms: int, parallel: int) -> float:
    """Seconds to migrate the whole plan into a fresh emulator."""
    with EmulatorThread(EmulatorConfig(faults=Faults(latency_ms=latency_ms))) as emu:
        for login, (password, _) in USERS.items():
            emu.add_user(login, password)
        config = work / f"{name}.toml"
        write_config(
            config,
            work / "export",
            emu.port,
            {login: (password, f"user{tid}") for login, (password, tid) in USERS.items()},
            {"owner": "alice"},
        )
        if parse_users(["--config", str(config)]) != 0:
            raise SystemExit("parse_users.py did not write the plan")
        options = BuildOptions(
            config_path=config,
            all_chats=True,
            output_dir=work / f"out-{name}",
            quiet=True,
            parallel_chats=parallel,
        )
        started = time.perf_counter()
        code = build_chat(options)
        elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"migration ({name}) failed with exit code {code}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=12)
    parser.add_argument("--messages", type=int, default=40)
    parser.add_argument("--latency-ms", type=int, default=20)
    args = parser.parse_args()
    configure_logging(0)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_export(work / "export", args.chats, args.messages)
        serial = migrate(work, "serial", args.latency_ms, 1)
        parallel = migrate(work, "parallel", args.latency_ms, DEFAULT_PARALLEL_CHATS)
    ratio = parallel / serial
    print(f"{args.chats} chats, {args.messages}+ messages each, {args.latency_ms} ms latency")
    print(f"--parallel-chats 1:   {serial:7.2f} s")
    print(f"--parallel-chats {DEFAULT_PARALLEL_CHATS}:   {parallel:7.2f} s (the default)")
    print(f"ratio: {ratio:.2f} of serial; goal <= 0.35: {'met' if ratio <= 0.35 else 'NOT met'}")


if __name__ == "__main__":
    main()
