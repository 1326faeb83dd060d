"""What the export held that the loader did not understand: counted, and always shown.

The loader is tolerant (an unknown field, entity, service action or media type never stops a
migration) but never silent: these counts go into the preflight and the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from migrator.telegram.model import LoadStats

_TABLES = (
    ("unknown_fields", "unknown message fields (ignored)"),
    ("unknown_entity_types", "unknown text formatting (kept as plain text)"),
    ("unknown_actions", "service actions not understood (posted as a neutral line)"),
    ("unknown_media_types", "unknown media types (sent as files)"),
)
_SHOWN = 10


def unknown_content(stats: LoadStats) -> tuple[str, ...]:
    """One line per kind of unknown content, with the most frequent names and their counts."""
    lines: list[str] = []
    for attribute, title in _TABLES:
        table: Mapping[str, int] = getattr(stats, attribute)
        if not table:
            continue
        ordered = sorted(table.items(), key=lambda item: (-item[1], item[0]))
        listed = ", ".join(f"{name} ×{count}" for name, count in ordered[:_SHOWN])
        more = f", … {len(ordered) - _SHOWN} more" if len(ordered) > _SHOWN else ""
        lines.append(f"{title}: {sum(table.values())} ({listed}{more})")
    if stats.refused_paths:
        shown = "; ".join(
            f"#{message_id} {path!r} ({reason.value})"
            for message_id, path, reason in stats.refused_paths[:5]
        )
        more = "; …" if len(stats.refused_paths) > 5 else ""
        count = len(stats.refused_paths)
        lines.append(f"refused file paths (never opened): {count} ({shown}{more})")
    return tuple(lines)


def load_stats_json(stats: LoadStats) -> dict[str, Any]:
    """The loader's counts as plain JSON values, for report.json."""
    return {
        "messages": stats.messages,
        **{attribute: dict(getattr(stats, attribute)) for attribute, _ in _TABLES},
        "refused_paths": [
            {"message_id": message_id, "path": path, "reason": reason.value}
            for message_id, path, reason in stats.refused_paths
        ],
        "repaired_escapes": stats.repaired_escapes,
    }
