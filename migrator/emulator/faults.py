"""Run-time fault decisions, driven by the (mutable) ``Faults`` settings."""

from __future__ import annotations

import asyncio
import random
import threading

from migrator.emulator.config import Faults


class FaultInjector:
    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self._random = random.Random(faults.seed)  # noqa: S311 - reproducible faults, not crypto
        self._seed_generation = faults.seed_generation
        self._requests = 0
        self._lock = threading.Lock()

    async def delay(self) -> None:
        if self.faults.latency_ms > 0:
            await asyncio.sleep(self.faults.latency_ms / 1000)

    def rate_limited(self) -> bool:
        """True for every Nth chatbot request (counted across all connections)."""
        every = self.faults.rate_limit_every
        with self._lock:
            self._requests += 1
            return every is not None and every > 0 and self._requests % every == 0

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
