"""Run-time fault decisions, driven by the (mutable) ``Faults`` settings."""

from __future__ import annotations

import asyncio
import enum
import random
import threading

from migrator.emulator.config import Faults


class AfterEffect(enum.Enum):
    """What happens to the answer of a request that changed the state (commit-then-error)."""

    ANSWER = "answer"
    TIMEOUT_ERROR = "timeout"
    DROP_SOCKET = "drop"


PIPELINING_MAX_DELAY_SECONDS = 0.05


class FaultInjector:
    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self._random = random.Random(faults.seed)  # noqa: S311 - reproducible faults, not crypto
        self._seed_generation = faults.seed_generation
        self._requests = 0
        self._changes = 0
        self._after_effects = 0
        self._lock = threading.Lock()
        # The extra delays of unordered pipelining: reproducible, apart from the other faults.
        self._pipelining = random.Random(faults.seed + 1)  # noqa: S311 - not crypto

    async def delay(self) -> None:
        if self.faults.latency_ms > 0:
            await asyncio.sleep(self.faults.latency_ms / 1000)

    def rate_limited(self) -> bool:
        """True for every Nth chatbot request (counted across all connections)."""
        every = self.faults.rate_limit_every
        with self._lock:
            self._requests += 1
            return every is not None and every > 0 and self._requests % every == 0

    def after_change(self, every: int | None) -> AfterEffect:
        """For every Nth change applied while ``every`` is set (across all connections): a 301,
        or every other time a dropped socket, instead of the answer."""
        if every is None or every <= 0:
            return AfterEffect.ANSWER
        with self._lock:
            self._changes += 1
            if self._changes % every != 0:
                return AfterEffect.ANSWER
            self._after_effects += 1
            odd = self._after_effects % 2 == 1
        return AfterEffect.TIMEOUT_ERROR if odd else AfterEffect.DROP_SOCKET

    def pipelining_delay(self) -> float:
        """Seconds a request in flight waits before it is applied (unordered pipelining)."""
        with self._lock:
            return self._pipelining.uniform(0.0, PIPELINING_MAX_DELAY_SECONDS)

    def upload_fails(self) -> bool:
        probability = self.faults.upload_5xx_probability
        if probability <= 0:
            return False
        with self._lock:
            if self._seed_generation != self.faults.seed_generation:
                self._random.seed(self.faults.seed)
                self._seed_generation = self.faults.seed_generation
            return self._random.random() < probability

    def drop_after(self) -> int | None:
        frames = self.faults.drop_ws_after_frames
        return frames if frames is not None and frames > 0 else None

    def token_ttl(self, default_seconds: int) -> int:
        ttl = self.faults.token_ttl_seconds
        return default_seconds if ttl is None else ttl
