"""What build_chat.py was asked to do, as one value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migrator.retry import Backoff

# Chats migrated at the same time. Connections do not grow with it: sessions are one websocket per
# login, shared by every chat (at most [server] max_connections, 32 by default), and uploads share
# one pool of 8, so a run stays near 40 of the server's 128 connections. 8 is where it stops
# paying: a chat in flight holds about two leases (its owner, the current author), so 8 chats fit
# in the sessions without waiting for each other, and 8 uploading chats fill the 8 uploads.
DEFAULT_PARALLEL_CHATS = 8
# Servers drop sockets that send nothing for a while (TrueConf about 20 s after the last frame,
# middleboxes idle TCP): a session idle this long sends one cheap request. The client library's
# own WebSocket pings come every 30 s, too late.
KEEP_ALIVE_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class BuildOptions:
    config_path: Path
    chat: str | None = None  # --chat NAME|ID
    chats: tuple[str, ...] = ()  # --chat with several values
    all_chats: bool = False
    dry_run: bool = False
    verify: bool = False
    repair: bool = False  # re-send the posts the server lost (after a normal run's sending)
    new_chat: bool = False
    status: bool = False  # --status: print what the ledger holds, offline
    output_dir: Path | None = None  # default ./migration-output/<chat key>/
    ledger_path: Path | None = None  # default <config dir>/<config stem>.ledger.sqlite
    quiet: bool = False
    verbosity: int = 0
    log_file: Path | None = None  # default build_chat.log in the output folder
    probe: bool = False  # --probe: check the server, write <config stem>.server-profile.json
    probe_idle_seconds: float = 90.0  # --probe-idle-seconds: how long the idle check waits
    ignore_probe: bool = False  # --ignore-probe: migrate despite blocking profile findings
    history_page_size: int = 100  # from the server profile (safe 20 without one)
    # From the server profile: an interrupted post is found by its exact text / author id
    # (without a profile, by its visible text and the author's id in any form).
    exact_text_matching: bool = False
    exact_author_matching: bool = False
    pipelined_posts: bool = False  # from the server profile: posts in flight together
    # Tuning (tests and the benchmark): background uploads, request timeout, retry pacing.
    pipeline: bool = True
    request_timeout: float = 10.0
    retry_base_seconds: float = 0.2
    retry_attempts: int = 8
    parallel_chats: int = DEFAULT_PARALLEL_CHATS
    keep_alive: bool = True  # the server profile: idle sockets are dropped (so, without one)
    keep_alive_seconds: float = KEEP_ALIVE_SECONDS

    @property
    def backoff(self) -> Backoff:
        return Backoff(base_seconds=self.retry_base_seconds, attempts=self.retry_attempts)

    def output_for(self, chat_key: str, *, several: bool) -> Path:
        if self.output_dir is None:
            return Path("migration-output") / chat_key
        return self.output_dir / chat_key if several else self.output_dir
