"""Settings of one emulator instance, the faults it injects and the server behaviours it plays."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The project's own chatbot/ folder: served at /chatbot/ unless another folder is chosen.
DEFAULT_CHATBOT_DIR = Path(__file__).resolve().parents[2] / "chatbot"

DEFAULT_BLOCKED_EXTENSIONS: tuple[str, ...] = ("exe", "bat", "cmd", "com", "msi", "scr", "vbs")


@dataclass
class Faults:
    """Faults injected at run time; tests may change any field while the emulator runs.

    ``drop_ws_after_frames`` counts the requests a connection received (its ``auth`` included;
    acknowledgements of pushed events are not counted), so N=1 drops every connection right
    after ``auth`` and the client reconnects in a loop: use N >= 2.
    """

    latency_ms: int = 0
    drop_ws_after_frames: int | None = None
    upload_5xx_probability: float = 0.0
    token_ttl_seconds: int | None = None
    rate_limit_every: int | None = None
    seed: int = 0
    # With drop_ws_after_frames: apply the last request but lose its response (as when the
    # connection breaks after the server acted), instead of answering it and then closing.
    drop_ws_lose_reply: bool = False
    # Bumped whenever ``seed`` is assigned: assigning a seed restarts its random sequence.
    seed_generation: int = field(default=0, init=False, repr=False, compare=False)

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        if name == "seed":
            super().__setattr__("seed_generation", getattr(self, "seed_generation", 0) + 1)


@dataclass
class Behaviours:
    """Opt-in server behaviours; each field documents the real-server behaviour it stands for.

    Where TrueConf's behaviour is undocumented (``trueconf-unknowns.md``) the default profile
    answers as the emulator always has; each field below switches to a less convenient answer that
    a real server may plausibly give. Tests may change any field while the emulator runs. The
    ``pessimistic`` profile turns all of them on with the values in brackets, chosen to keep a test
    run short and still bite.

    - ``normalise_text`` [on]: stored text and captions are rewritten as an HTML sanitiser would
      (attributes other than ``href`` dropped, ``<br>`` and newlines interchanged, entities
      re-escaped, runs of spaces collapsed, trailing spaces trimmed); the visible text is kept.
      Unknowns "stored text": the documentation says extra tag attributes are removed.
    - ``history_page_cap`` [20]: ``getChatHistory`` never returns more messages than this,
      whatever ``count`` asks. Unknowns "history page cap": unknown; public clients ask for 100.
    - ``chats_page_cap`` [5]: the same for ``getChats``. Unknowns "getChats paging".
    - ``commit_then_error_every`` [5]: every Nth state-changing request (counted across all
      connections) is applied and then answered with 301, or, every other time, the socket is
      dropped before the answer. Unknowns "error after effect": 300/301 are documented, their
      effect is not.
    - ``shared_box`` [on]: a file and its caption share one ``box.id`` (the caption at a higher
      ``box.position``) and timestamps have one-second resolution, so consecutive posts may carry
      equal timestamps. Unknowns "history order" and "sendFile with a caption".
    - ``temporal_file_ttl_seconds`` [60]: an uploaded file expires that long after its upload and
      belongs to the connection that uploaded it; otherwise ``sendFile`` answers 404 (the 5.5.6
      file error "File not found", which replaced 310/308 there). Unknowns "uploaded file
      lifetime and scope" and "file error codes".
    - ``idle_drop_seconds`` [15]: a socket that received no frame for that long is cut without a
      close frame. Unknowns "idle sockets": the server drops blocked clients after about 20 s;
      middleboxes drop idle TCP.
    - ``echo_own`` [on]: a user's own posts are pushed to all their connections, the sending one
      included. Unknowns "echo of one's own posts" (implied by the client's skip_self_messages).
    - ``ldap_ids`` [on]: user ids are reported as ``DOMAIN\\Login@server`` in mixed case; requests
      accept a plain login, ``login@server`` or that form, in any case. Unknowns "author id".
    - ``unordered_pipelining`` [on]: requests in flight together on one connection are applied in
      any order (each waits a random extra moment). Unknowns "requests in flight on one
      connection".
    """

    normalise_text: bool = False
    history_page_cap: int | None = None
    chats_page_cap: int | None = None
    commit_then_error_every: int | None = None
    shared_box: bool = False
    temporal_file_ttl_seconds: float | None = None
    idle_drop_seconds: float | None = None
    echo_own: bool = False
    ldap_ids: bool = False
    unordered_pipelining: bool = False

    @classmethod
    def profile(cls, name: str) -> Behaviours:
        """The behaviours of a named profile (one of ``PROFILES``)."""
        if name == "default":
            return cls()
        if name == "pessimistic":
            return cls(
                normalise_text=True,
                history_page_cap=20,
                chats_page_cap=5,
                commit_then_error_every=5,
                shared_box=True,
                temporal_file_ttl_seconds=60.0,
                idle_drop_seconds=15.0,
                echo_own=True,
                ldap_ids=True,
                unordered_pipelining=True,
            )
        raise ValueError(f"unknown profile {name!r}: expected one of {', '.join(PROFILES)}")


PROFILES: tuple[str, ...] = ("default", "pessimistic")


@dataclass
class EmulatorConfig:
    """Everything that decides how one emulator instance behaves."""

    host: str = "127.0.0.1"
    port: int = 0
    tls: bool = False
    data_dir: Path | None = None
    domain: str = "emulator.local"
    client_id: str = "emulator"
    client_secret: str = "emulator-secret"  # noqa: S105 - documented default of a local test server
    chatbot_dir: Path | None = DEFAULT_CHATBOT_DIR
    faults: Faults = field(default_factory=Faults)
    behaviours: Behaviours = field(default_factory=Behaviours)
    max_file_size: int = 100 * 1024 * 1024
    blocked_extensions: tuple[str, ...] = DEFAULT_BLOCKED_EXTENSIONS
    password_auth_enabled: bool = True
    server_version: str = "5.5.6.1234"
    chatbot_token_ttl_seconds: int = 30 * 24 * 3600
    admin_token_ttl_seconds: int = 3600
