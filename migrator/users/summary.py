"""The table parse_users.py prints after merging an export into ``[users]``. Pure."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from migrator.i18n import tr
from migrator.users.collect import People
from migrator.users.mapping import MatchSummary
from migrator.users.merge import UsersUpdate

_SHOWN_NAMES = 5


def _some(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN_NAMES])
    return shown + (f", … (+{len(items) - _SHOWN_NAMES})" if len(items) > _SHOWN_NAMES else "")


def render_table(rows: list[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in rows)


def render_users_summary(
    people: People,
    update: UsersUpdate,
    *,
    config_path: Path,
    saved: bool,
    matching: MatchSummary | None = None,
    undecided: tuple[str, ...] = (),
) -> str:
    kinds = Counter(
        "people.kind_deleted" if p.deleted else f"people.kind_{p.peer.kind.value}"
        for p in people.persons
    )
    found = f"{len(people.persons)}"
    if kinds:
        found += (
            " (" + ", ".join(f"{tr(kind)} {count}" for kind, count in sorted(kinds.items())) + ")"
        )
    rows = [
        (tr("people.found"), found),
        (tr("people.new"), str(len(update.added))),
        (tr("people.kept"), str(len(update.kept))),
        (tr("people.filled"), str(len(update.filled))),
        (tr("people.collisions"), str(len(update.collisions))),
        (tr("people.placeholders"), str(len(update.placeholders))),
    ]
    if update.not_in_export:
        rows.append(
            (
                tr("people.not_in_export"),
                tr("people.not_in_export_count", count=len(update.not_in_export)),
            )
        )
    if matching is not None:
        rows += [
            (tr("people.server_accounts"), str(matching.accounts)),
            (tr("people.mapped_sure"), str(len(matching.sure))),
            (tr("people.ambiguous_matches"), str(len(matching.ambiguous))),
            (tr("people.no_match"), str(len(matching.none))),
        ]
    lines = [render_table(rows)]
    if matching is not None and matching.sure:
        lines.append(tr("people.mapped_list", items=_some(matching.sure)))
    if undecided:
        lines.append(tr("people.undecided", items=_some(list(undecided))))
    if update.collisions:
        pairs = [f"{wanted} → {given}" for wanted, given in update.collisions]
        lines.append(tr("people.collision_list", items=_some(pairs)))
    if update.not_in_export:
        lines.append(tr("people.not_in_export_list", items=_some(sorted(update.not_in_export))))
    if people.ambiguous_names:
        names = [
            tr("people.ambiguous_item", name=name, count=len(ids))
            for name, ids in people.ambiguous_names.items()
        ]
        lines.append(tr("people.ambiguous", items=_some(names)))
    if people.unknown_names:
        names = [f'"{name}"' for name in people.unknown_names]
        lines.append(tr("people.unknown", items=_some(names)))
    if update.generated_passwords:
        lines.append(tr("people.passwords", count=update.generated_passwords, config=config_path))
    if saved:
        lines.append(tr("people.saved", config=config_path))
    else:
        lines.append(tr("people.unchanged", config=config_path))
    return "\n".join(lines)
