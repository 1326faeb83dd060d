"""The catalogue's tables, one per domain, merged; a key defined twice is an error at import."""

from __future__ import annotations

from collections.abc import Mapping

from migrator.i18n.catalogue import (
    chat_setup,
    chats_plan,
    cli,
    config,
    demo,
    export_file,
    local,
    plan,
    preflight,
    probe,
    report,
    runs,
    sending,
    tables,
    topics,
)
from migrator.i18n.model import Msg

TABLES: tuple[Mapping[str, Msg], ...] = (
    chat_setup.MESSAGES,
    chats_plan.MESSAGES,
    cli.MESSAGES,
    config.MESSAGES,
    demo.MESSAGES,
    export_file.MESSAGES,
    local.MESSAGES,
    plan.MESSAGES,
    preflight.MESSAGES,
    probe.MESSAGES,
    report.MESSAGES,
    runs.MESSAGES,
    sending.MESSAGES,
    tables.MESSAGES,
    topics.MESSAGES,
)


def _merged(tables: tuple[Mapping[str, Msg], ...]) -> dict[str, Msg]:
    merged: dict[str, Msg] = {}
    for table in tables:
        twice = merged.keys() & table.keys()
        if twice:
            raise RuntimeError(f"message keys defined twice: {sorted(twice)}")
        merged.update(table)
    return merged


CATALOGUE: Mapping[str, Msg] = _merged(TABLES)
