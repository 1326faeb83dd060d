"""Small coercions for JSON values the exporter may write loosely (numbers in strings etc.)."""

from __future__ import annotations


def optional_int(value: object) -> int | None:
    """An integer from an int, an integral float or a decimal string; ``None`` otherwise."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.lstrip("-").isdigit() and value.isascii():
        return int(value)
    return None


def optional_str(value: object) -> str | None:
    return None if value is None else value if isinstance(value, str) else str(value)
