"""Benchmark (not a test): our migration against a reference sender, side by side in one run.

The reference is the official client used the way the original TrueConf scripts use it: one
connection per author opened up front, every post awaited in order, a file and its caption as two
posts. Both run as child processes against the same emulator, itself a child process (so that
neither shares a GIL with the server), and each is timed from process start to exit with its peak
resident memory. Our side runs ``build_chat.py --probe`` first (not timed), so the measured run
follows the server profile as an administrator's migration after probing does (posts in flight
together where the server keeps their order). Both sides start from compiled bytecode, as every
run after an administrator's first does: pip compiled the library's at install, ours is compiled
here before anything is measured (even where ``PYTHONDONTWRITEBYTECODE`` is set, as in some CI
containers, which would otherwise compile our modules at every start of our side only).

Rows (each prints the ratio ours / reference, lower is better, or ours against ours):
  lan       5,000 texts from 3 authors, no added latency
  mixed     400 messages in runs of 1-5 per author, 40 photos with captions, 20 ms
  channel   a channel, 1,000 posts by one author, 20 ms
  authors   3,000 texts from 30 authors against the same from 3 authors (ours against ours)
  setup     a new chat of 30 authors, 60 texts, 20 ms: setting the chat up weighs as much as
            posting (no goal of its own)
  memory    peak memory migrating 50,000 texts
  files     peak memory migrating 6 files of 90 MB
  parse     parse_users.py on 1,000,000 messages against json.load of the same file

Usage: .venv/bin/python benchmarks/speed.py [ROW ...] [--scale 0.1] [--pairs 3]
``--scale`` multiplies every message count (not the file sizes) for a quick look; ``--pairs``
is how many times each side runs, taking turns, in the lan, mixed, channel, authors and setup rows
(each side's median is compared: on a shared machine one run of either side can be 20 % off).
After each row a line tells how much CPU time the hypervisor gave to other machines meanwhile
(steal, read from ``/proc/stat`` on Linux): a row measured with more than 2 % steal was not
measured on a quiet machine and is to be measured again.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "Bench-pass-1"
START = 1_700_000_000
STEAL_QUIET = 2.0  # per cent: above it, the machine was not quiet while a row ran
ROWS = ("lan", "mixed", "channel", "authors", "setup", "memory", "files", "parse")


# -- exports ---------------------------------------------------------------------------------


def login_of(author: int) -> str:
    return f"user{author:02d}"


def text_message(number: int, author: int, text: str, **extra: Any) -> dict[str, Any]:
    unixtime = START + number * 11
    return {
        "id": number,
        "type": "message",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(unixtime)),
        "date_unixtime": str(unixtime),
        "from": f"Author {author}",
        "from_id": f"user{1000 + author}",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}] if text else [],
        **extra,
    }


def texts(count: int, authors: int) -> list[dict[str, Any]]:
    return [
        text_message(i, i % authors, f"Сообщение {i}: обычный рабочий текст, немного длиннее")
        for i in range(1, count + 1)
    ]


def runs_with_photos(folder: Path, count: int, photos: int, authors: int) -> list[dict[str, Any]]:
    from PIL import Image

    (folder / "photos").mkdir(parents=True, exist_ok=True)
    messages: list[dict[str, Any]] = []
    author, left, every = 0, 0, max(1, count // max(1, photos))
    for i in range(1, count + 1):
        if left == 0:
            author, left = (author + 1) % authors, 1 + (i * 7) % 5
        left -= 1
        if i % every == 0 and len([m for m in messages if "photo" in m]) < photos:
            path = folder / "photos" / f"photo{i}.jpg"
            Image.new("RGB", (800, 600), (i % 255, 120, 60)).save(path, quality=85)
            messages.append(
                text_message(
                    i, author, f"фото {i}", photo=f"photos/{path.name}", width=800, height=600
                )
            )
        else:
            messages.append(text_message(i, author, f"Сообщение {i} в серии автора"))
    return messages


def big_files(folder: Path, count: int, size: int) -> list[dict[str, Any]]:
    (folder / "files").mkdir(parents=True, exist_ok=True)
    messages = []
    for i in range(1, count + 1):
        path = folder / "files" / f"big{i}.bin"
        with path.open("wb") as handle:
            block = bytes([i]) * (1 << 20)
            for _ in range(size // len(block)):
                handle.write(block)
        messages.append(
            text_message(
                i,
                0,
                f"файл {i}",
                file=f"files/{path.name}",
                mime_type="application/octet-stream",
                file_size=size,
            )
        )
    return messages


def write_export(folder: Path, messages: list[dict[str, Any]], *, kind: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"name": "Bench", "type": kind, "id": 9000, "messages": messages}
    (folder / "result.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def authors_of(messages: list[dict[str, Any]]) -> list[int]:
    return sorted({int(str(m["from_id"])[4:]) - 1000 for m in messages})


def write_config(
    path: Path, export: Path, port: int, authors: Sequence[int], chat_type: str
) -> None:
    lines = [
        f"telegram_export_dir = {json.dumps(str(export))}",
        "[server]",
        'address = "127.0.0.1"',
        f"port = {port}",
        "https = false",
        "[chat]",
        'name = "Bench"',
        f'type = "{chat_type}"',
        f'owner = "{login_of(authors[0])}"',
    ]
    for author in authors:
        lines += [
            f"[users.{login_of(author)}]",
            f'password = "{PASSWORD}"',
            f'telegram_id = "user{1000 + author}"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)


# -- processes -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measured:
    seconds: float
    peak_mb: float
    server_cpu: float | None = None  # the emulator's CPU seconds meanwhile (Linux)


# Linux counts in a child's peak memory (ru_maxrss) the memory of the process it was forked from,
# as it stood at the fork: a child forked from this harness, which holds the generated messages,
# would report the harness's peak. So each child is started by a small interpreter of its own
# (this script, without site-packages), which times it and reads its peak.
_TIMER = """
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
with open(out, "w") as f:
    f.write(f"{time.perf_counter() - started} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(argv: Sequence[str]) -> Measured:
    """Run a child process to the end; its wall time and peak resident memory."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "measured"
        timer = [sys.executable, "-S", "-c", _TIMER, str(result), *argv]
        done = subprocess.run(timer, cwd=REPO, capture_output=True, check=False)
        if done.returncode != 0:
            output = done.stdout + done.stderr
            sys.stderr.write(output.decode("utf-8", "replace")[-3000:])
            raise SystemExit(f"{argv[1]} exited with {done.returncode}")
        seconds, peak_kb = result.read_text().split()
    return Measured(float(seconds), int(peak_kb) / 1024)


def cpu_times() -> list[int] | None:
    """The machine's CPU time so far by kind, in ticks (the ``cpu`` line of ``/proc/stat``)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            return [int(field) for field in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None


def stolen_share(before: list[int] | None, after: list[int] | None) -> str:
    """How quiet the machine was: the share of its CPU time the hypervisor gave to other
    machines (steal, the 8th field) while a row ran. On a shared virtual machine a phase with
    steal runs everything slower, the side with more work per post more than the other."""
    if before is None or after is None or len(after) < 8:
        return "CPU steal not known here"
    spent = [a - b for a, b in zip(after, before, strict=False)]
    total = sum(spent[:8])
    if total <= 0:
        return "CPU steal not known here"
    share = 100 * spent[7] / total
    verdict = "quiet" if share < STEAL_QUIET else "NOT quiet: measure again"
    return f"CPU steal {share:.1f} % of the machine's CPU time meanwhile ({verdict})"


@dataclass(frozen=True, slots=True)
class Emulator:
    port: int
    pid: int

    def cpu_seconds(self) -> float | None:
        """The emulator's CPU time so far (user + system), where ``/proc`` tells it."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured_on(server: Emulator, run: Callable[[], Measured]) -> Measured:
    """``run``'s measure, with the emulator's CPU time spent meanwhile."""
    before = server.cpu_seconds()
    result = run()
    after = server.cpu_seconds()
    used = None if before is None or after is None else after - before
    return replace(result, server_cpu=used)


@contextmanager
def emulator(latency_ms: int, logins: Sequence[str]) -> Iterator[Emulator]:
    argv = [
        sys.executable,
        "-m",
        "migrator.emulator",
        "--port",
        "0",
        "--no-chatbot-dir",
        "--latency-ms",
        str(latency_ms),
        "--max-file-size",
        str(1 << 30),
    ]
    for login in logins:
        argv += ["--user", f"{login}:{PASSWORD}"]
    server = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        yield Emulator(int(first.rsplit(":", 1)[1].strip().rstrip("/")), server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


def probe(config: Path, work: Path, name: str) -> None:
    """``build_chat.py --probe`` (not timed): writes the server profile the measured run follows,
    as an administrator's migration after probing does."""
    argv = [sys.executable, str(REPO / "build_chat.py"), "--config", str(config), "--probe"]
    argv += ["--probe-idle-seconds", "1", "--quiet", "--output", str(work / f"probe-{name}")]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stdout.decode("utf-8", "replace")[-3000:])
        raise SystemExit(f"--probe exited with {done.returncode}")


def ours(config: Path, work: Path, name: str, server: Emulator) -> Measured:
    return measured_on(
        server,
        lambda: run_child(
            [
                sys.executable,
                str(REPO / "build_chat.py"),
                "--config",
                str(config),
                "--quiet",
                "--output",
                str(work / f"out-{name}"),
                "--ledger",
                str(work / f"{name}.sqlite"),
            ]
        ),
    )


def reference(export: Path, server: Emulator, chat_type: str) -> Measured:
    return measured_on(
        server,
        lambda: run_child(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--reference-worker",
                str(export),
                str(server.port),
                chat_type,
            ]
        ),
    )


# -- the reference sender (runs in its own process) ------------------------------------------


async def reference_send(export: Path, port: int, chat_type: str) -> None:
    from trueconf import Bot
    from trueconf.enums import ParseMode
    from trueconf.types.input_file import FSInputFile

    messages = json.loads((export / "result.json").read_text(encoding="utf-8"))["messages"]
    logins = [login_of(a) for a in authors_of(messages)]
    bots: dict[str, Bot] = {}
    tasks = []
    for login in logins:  # one connection per author, opened up front
        ready = asyncio.Event()

        async def on_health(status: Any, ready: asyncio.Event = ready) -> None:
            if status.get("status") == "authorized":
                ready.set()

        token = await asyncio.to_thread(
            lambda login=login: (
                Bot.from_credentials("127.0.0.1", login, PASSWORD, web_port=port, https=False).token
            )
        )
        bot = Bot("127.0.0.1", token, web_port=port, https=False, on_health_check=on_health)
        tasks.append(asyncio.create_task(bot.run(handle_signals=False)))
        await ready.wait()
        bots[login] = bot
    owner = bots[logins[0]]
    if chat_type == "channel":
        chat_id = (await owner.create_channel("Reference")).chat_id
    else:
        chat_id = (await owner.create_group_chat("Reference")).chat_id
    for login in logins[1:]:
        await owner.add_participant_to_chat(chat_id, login, display_history=True)
    for message in messages:
        bot = bots[login_of(int(str(message["from_id"])[4:]) - 1000)]
        text = message["text"]
        if "photo" in message or "file" in message:
            file = FSInputFile(str(export / (message.get("photo") or message["file"])))
            if "photo" in message:
                await bot.send_photo(chat_id, file, None)
            else:
                await bot.send_document(chat_id, file)
            if text:
                await bot.send_message(chat_id, text, ParseMode.HTML)
        else:
            await bot.send_message(chat_id, text, ParseMode.HTML)
    for bot in bots.values():
        await bot.shutdown()
    for task in tasks:
        task.cancel()


# -- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Workload:
    name: str
    messages: list[dict[str, Any]]
    latency: int
    kind: str
    chat_type: str


def side_by_side(
    work: Path,
    name: str,
    messages: list[dict[str, Any]],
    *,
    latency: int,
    kind: str,
    chat_type: str,
    pairs: int = 1,
) -> tuple[Measured, Measured]:
    """The reference's run, then ours (after a probe), ``pairs`` times taking turns on one
    emulator; each side's median (a shared machine's noise hits both sides)."""
    workload = Workload(name, messages, latency, kind, chat_type)
    return side_by_side_all(work, [workload], pairs=pairs)[name]


def side_by_side_all(
    work: Path, workloads: Sequence[Workload], *, pairs: int = 1
) -> dict[str, tuple[Measured, Measured]]:
    """``side_by_side`` of several workloads, each on its own emulator, all taking turns: a
    turn runs every workload once (reference, then ours), so that a machine whose speed drifts
    during the row (a shared one does, by a third in minutes) slows all of them alike."""
    mine: dict[str, list[Measured]] = {w.name: [] for w in workloads}
    theirs: dict[str, list[Measured]] = {w.name: [] for w in workloads}
    with ExitStack() as stack:
        servers = []
        for w in workloads:
            export = work / f"export-{w.name}"
            if not (export / "result.json").exists():
                write_export(export, w.messages, kind=w.kind)
            authors = authors_of(w.messages)
            server = stack.enter_context(emulator(w.latency, [login_of(a) for a in authors]))
            config = work / f"{w.name}.toml"
            write_config(config, export, server.port, authors, w.chat_type)
            probe(config, work, w.name)
            servers.append((w, export, config, server))
        for turn in range(pairs):
            for w, export, config, server in servers:
                theirs[w.name].append(reference(export, server, w.chat_type))
                mine[w.name].append(ours(config, work, f"{w.name}-{turn}", server))
    return {w.name: (_median(mine[w.name]), _median(theirs[w.name])) for w in workloads}


def _median(runs: list[Measured]) -> Measured:
    middle = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    return replace(middle, peak_mb=max(run.peak_mb for run in runs))


def print_ratio(
    label: str, mine: Measured, theirs: Measured, goal: float | None, pairs: int = 1
) -> None:
    ratio = mine.seconds / theirs.seconds
    if pairs > 1:
        label += f" (median of {pairs})"
    verdict = (
        "(no goal)"
        if goal is None
        else f"(goal <= {goal}) " + ("met" if ratio <= goal else "NOT met")
    )
    print(
        f"{label:<58} ours {mine.seconds:7.2f} s {mine.peak_mb:6.0f} MB | reference "
        f"{theirs.seconds:7.2f} s {theirs.peak_mb:6.0f} MB | ratio {ratio:5.2f} {verdict}",
        flush=True,
    )


def texts_row(
    work: Path,
    name: str,
    label: str,
    *,
    n: int,
    authors: int,
    latency: int,
    goal: float | None,
    pairs: int,
    channel: bool = False,
) -> None:
    """A row of ``n`` texts by ``authors`` taking turns: ours against the reference."""
    mine, theirs = side_by_side(
        work,
        name,
        texts(n, authors),
        latency=latency,
        kind="public_channel" if channel else "private_group",
        chat_type="channel" if channel else "group",
        pairs=pairs,
    )
    print_ratio(label, mine, theirs, goal, pairs)


def row_lan(work: Path, scale: float, pairs: int) -> None:
    n = int(5000 * scale)
    label = f"lan: {n} texts, 3 authors, no latency"
    texts_row(work, "lan", label, n=n, authors=3, latency=0, goal=0.9, pairs=pairs)


def row_mixed(work: Path, scale: float, pairs: int) -> None:
    n = int(400 * scale)
    export = work / "export-mixed"
    messages = runs_with_photos(export, n, max(1, n // 10), 4)
    mine, theirs = side_by_side(
        work,
        "mixed",
        messages,
        latency=20,
        kind="private_group",
        chat_type="group",
        pairs=pairs,
    )
    label = f"mixed: {n} messages in runs, {max(1, n // 10)} photos, 20 ms"
    print_ratio(label, mine, theirs, 0.5, pairs)


def row_channel(work: Path, scale: float, pairs: int) -> None:
    n = int(1000 * scale)
    label = f"channel: {n} posts by one author, 20 ms"
    texts_row(
        work, "channel", label, n=n, authors=1, latency=20, goal=0.2, pairs=pairs, channel=True
    )


def row_authors(work: Path, scale: float, pairs: int) -> None:
    """Ours against ours; the reference's own 30/3 is printed beside it, and the emulator's CPU
    time during our two runs: the server pushes every post to each connected participant, work
    that grows with the authors connected on the server's side too, whatever the client does."""
    n = int(3000 * scale)
    workloads = [
        Workload(f"authors{authors}", texts(n, authors), 0, "private_group", "group")
        for authors in (3, 30)
    ]
    measured = side_by_side_all(work, workloads, pairs=pairs)
    results = {authors: measured[f"authors{authors}"][0] for authors in (3, 30)}
    references = {authors: measured[f"authors{authors}"][1] for authors in (3, 30)}
    ratio = results[30].seconds / results[3].seconds
    label = f"authors: {n} texts, 30 authors against 3 (ours/ours)"
    if pairs > 1:
        label += f" (medians of {pairs})"
    print(
        f"{label:<58} 30: "
        f"{results[30].seconds:7.2f} s {results[30].peak_mb:6.0f} MB | 3: {results[3].seconds:7.2f}"
        f" s {results[3].peak_mb:6.0f} MB | ratio {ratio:5.2f} (goal <= 1.3) "
        f"{'met' if ratio <= 1.3 else 'NOT met'} | reference 30/3: "
        f"{references[30].seconds / references[3].seconds:5.2f} "
        f"({references[30].seconds:.2f} s / {references[3].seconds:.2f} s)"
        f"{_server_cpu(results[30], results[3])}",
        flush=True,
    )


def row_setup(work: Path, scale: float, pairs: int) -> None:
    """Creating the chat, adding its 29 other people and signing 30 in cost round trips of
    their own: with few posts each, over a WAN, they weigh as much as the posts."""
    n = max(30, int(60 * scale))
    label = f"setup: a new chat of 30 authors, {n} texts, 20 ms"
    texts_row(work, "setup", label, n=n, authors=30, latency=20, goal=None, pairs=pairs)


def _server_cpu(thirty: Measured, three: Measured) -> str:
    if thirty.server_cpu is None or three.server_cpu is None:
        return ""
    return (
        f" | emulator CPU during ours: 30: {thirty.server_cpu:.2f} s, 3: {three.server_cpu:.2f} s"
        f" (1.3 x ours with 3 is {1.3 * three.seconds:.2f} s)"
    )


def row_memory(work: Path, scale: float, pairs: int) -> None:
    n = int(50_000 * scale)
    mine, theirs = side_by_side(
        work, "memory", texts(n, 3), latency=0, kind="private_group", chat_type="group"
    )
    print(
        f"{f'memory: {n} texts':<58} ours peak {mine.peak_mb:6.0f} MB (goal <= 150) "
        f"{'met' if mine.peak_mb <= 150 else 'NOT met'} | reference {theirs.peak_mb:6.0f} MB | "
        f"time ratio {mine.seconds / theirs.seconds:5.2f}",
        flush=True,
    )


def row_files(work: Path, scale: float, pairs: int) -> None:
    export = work / "export-files"
    messages = big_files(export, 6, 90 << 20)
    mine, theirs = side_by_side(
        work, "files", messages, latency=0, kind="private_group", chat_type="group"
    )
    print(
        f"{'files: 6 files of 90 MB':<58} ours peak {mine.peak_mb:6.0f} MB (goal <= 200) "
        f"{'met' if mine.peak_mb <= 200 else 'NOT met'} | reference {theirs.peak_mb:6.0f} MB | "
        f"time ratio {mine.seconds / theirs.seconds:5.2f}",
        flush=True,
    )


def row_parse(work: Path, scale: float, pairs: int) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from load_export import generate

    n = int(1_000_000 * scale)
    export = generate(work / "export-parse", n).parent
    config = work / "parse.toml"
    config.write_text(f"telegram_export_dir = {json.dumps(str(export))}\n", encoding="utf-8")
    mine = run_child([sys.executable, str(REPO / "parse_users.py"), "--config", str(config)])
    theirs = run_child(
        [
            sys.executable,
            "-c",
            # the file carries Telegram Desktop's \x01 quirk, which json.load refuses
            "import json,sys; json.loads(open(sys.argv[1], 'rb').read()"
            ".replace(b'\\\\x01', b'\\\\u0001'))",
            str(export / "result.json"),
        ]
    )
    ratio = mine.seconds / theirs.seconds
    print(
        f"{f'parse: parse_users.py on {n} messages vs json.load':<58} ours {mine.seconds:7.2f}"
        f" s {mine.peak_mb:6.0f} MB | json.load {theirs.seconds:7.2f} s {theirs.peak_mb:6.0f} MB"
        f" | ratio {ratio:5.2f} (goal <= 0.5 at <= 150 MB) "
        f"{'met' if ratio <= 0.5 and mine.peak_mb <= 150 else 'NOT met'}",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--reference-worker":
        asyncio.run(reference_send(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("rows", nargs="*", metavar="ROW", help=", ".join(ROWS))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--pairs",
        type=int,
        default=3,
        help="runs of each side, taking turns, in the lan, mixed, channel, authors and setup rows "
        "(the median of each side is compared; default 3)",
    )
    args = parser.parse_args()
    rows = args.rows or list(ROWS)
    unknown = [row for row in rows if row not in ROWS]
    if unknown:
        parser.error(f"unknown rows: {unknown}; choose from {', '.join(ROWS)}")
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; "
        f"Python {sys.version.split()[0]}",
        flush=True,
    )
    compileall.compile_dir(REPO / "migrator", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            before = cpu_times()
            globals()[f"row_{row}"](Path(tmp), args.scale, max(1, args.pairs))
            print(f"  {row}: {stolen_share(before, cpu_times())}", flush=True)


if __name__ == "__main__":
    main()
