"""The client library is imported only behind the door, and retried by one policy."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from migrator import retry
from migrator.retry import Backoff, FailureKind, GaveUp, Refused, ServerFailure

MIGRATOR = Path(__file__).resolve().parents[2] / "migrator"
ALLOWED = {MIGRATOR / "logs.py"}  # it quiets the library's own loggers


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_outside_the_connector_imports_trueconf() -> None:
    offenders = [
        str(path.relative_to(MIGRATOR))
        for path in sorted(MIGRATOR.rglob("*.py"))
        if MIGRATOR / "connector" not in path.parents
        and path not in ALLOWED
        and any(name.split(".")[0] == "trueconf" for name in imported_modules(path))
    ]
    assert offenders == []


def test_the_connector_does_import_it() -> None:
    # The check above looks at the right names: the door itself uses the library.
    door = MIGRATOR / "connector" / "trueconf_door.py"
    assert any(name.startswith("trueconf") for name in imported_modules(door))


def test_back_off_grows_with_jitter_and_honours_retry_after() -> None:
    backoff = Backoff(base_seconds=0.1, cap_seconds=1.0)
    rng = random.Random(1)
    assert 0.05 <= backoff.delay(0, rng=rng) <= 0.1
    assert 0.5 <= backoff.delay(5, rng=rng) <= 1.0  # capped
    assert backoff.delay(0, retry_after=3.0, rng=rng) == 3.0
    assert backoff.delay(0, retry_after=999.0, rng=rng) == backoff.max_retry_after


async def test_a_read_is_repeated_then_given_up_and_a_refusal_never_repeated() -> None:
    backoff = Backoff(base_seconds=0.001, cap_seconds=0.001, attempts=3)
    calls: list[FailureKind] = []

    async def failing(kind: FailureKind) -> None:
        calls.append(kind)
        raise ServerFailure(kind, f"{kind} failure")

    with pytest.raises(GaveUp, match="gave up after 3 attempts"):
        await retry.read(lambda: failing(FailureKind.UNKNOWN), backoff)
    assert len(calls) == 3
    calls.clear()
    with pytest.raises(Refused):
        await retry.read(lambda: failing(FailureKind.REFUSED), backoff)
    assert len(calls) == 1


async def test_a_change_with_an_unknown_outcome_is_looked_for_before_a_repeat() -> None:
    backoff = Backoff(base_seconds=0.001, attempts=5, settle_seconds=0.0)
    events: list[str] = []

    async def send() -> str:
        events.append("send")
        raise ServerFailure(FailureKind.UNKNOWN, "server error 301: Operation timeout")

    async def look() -> str | None:
        events.append("look")
        return "m1" if events.count("look") == 2 else None

    assert await retry.change(send, backoff, reconcile=look) == "m1"
    assert events == ["send", "look", "send", "look"]
