"""When and how long to wait before repeating a request that hit a timeout or a server error."""

from __future__ import annotations

import random
from dataclasses import dataclass

import httpx

_MAX_RETRY_AFTER_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4  # the first try included
    base_delay: float = 0.5  # seconds; doubled after each failure
    max_delay: float = 8.0

    def delay(self, failures: int, *, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``failures``-th failure (1-based), with jitter."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), _MAX_RETRY_AFTER_SECONDS)
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (failures - 1))
        # Jitter spreads the retries of concurrent workers; it is not security-relevant.
        return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311


def retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None
