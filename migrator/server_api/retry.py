"""The admin API's use of the one retry policy (``migrator.retry``): its default pacing and the
``Retry-After`` header."""

from __future__ import annotations

import httpx

from migrator.retry import Backoff

ADMIN_BACKOFF = Backoff(base_seconds=0.5, cap_seconds=8.0, attempts=4)


def retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None
