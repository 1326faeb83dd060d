"""Settings of one emulator instance and the faults it injects."""

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
    max_file_size: int = 100 * 1024 * 1024
    blocked_extensions: tuple[str, ...] = DEFAULT_BLOCKED_EXTENSIONS
    password_auth_enabled: bool = True
    server_version: str = "5.5.6.1234"
    chatbot_token_ttl_seconds: int = 30 * 24 * 3600
    admin_token_ttl_seconds: int = 3600
