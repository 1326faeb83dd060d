"""The probe's findings as a console table, in the administrator's language (pure)."""

from __future__ import annotations

import json

from migrator.config.model import Language
from migrator.probe.profile import CheckStatus, ServerProfile
from migrator.probe.texts import check_title, localised_effect, status_text, text

OBSERVED_WIDTH = 60


def _observed(value: object) -> str:
    shown = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return shown if len(shown) <= OBSERVED_WIDTH else shown[: OBSERVED_WIDTH - 1] + "…"


def render_table(profile: ServerProfile, language: Language) -> str:
    """One row per check: its title, ok / differs / blocking and what was observed; below it
    what the migration does about it."""
    version = profile.server.version or text("probe.unknown", language)
    server = text("probe.server", language)
    lines = [server.format(address=profile.server.address, version=version)]
    rows = [
        (
            check_title(name, language),
            status_text(check.status.value, language),
            _observed(check.observed),
            localised_effect(name, check.effect, language),
        )
        for name, check in profile.checks.items()
    ]
    header = (
        text("probe.header_check", language),
        text("probe.header_status", language),
        text("probe.header_observed", language),
    )
    first = max(len(header[0]), *(len(r[0]) for r in rows)) if rows else len(header[0])
    second = max(len(header[1]), *(len(r[1]) for r in rows)) if rows else len(header[1])
    lines.append(f"{header[0]:<{first}}  {header[1]:<{second}}  {header[2]}")
    for title, status, observed, effect in rows:
        lines.append(f"{title:<{first}}  {status:<{second}}  {observed}")
        lines.append(f"{'':<{first}}  → {effect}")
    if any(c.status is CheckStatus.BLOCKING for c in profile.checks.values()):
        lines.append(text("probe.blocking", language))
    return "\n".join(lines)
