"""The table parse_users.py prints after merging an export into ``[users]``. Pure."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

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
        "deleted accounts" if p.deleted else f"{p.peer.kind.value}s" for p in people.persons
    )
    found = f"{len(people.persons)}"
    if kinds:
        found += " (" + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) + ")"
    rows = [
        ("People found", found),
        ("New entries", str(len(update.added))),
        ("Kept entries", str(len(update.kept))),
        ("  with empty keys filled", str(len(update.filled))),
        ("Collisions resolved", str(len(update.collisions))),
        ("Placeholders (deleted)", str(len(update.placeholders))),
    ]
    if update.not_in_export:
        rows.append(("Not in this export", f"{len(update.not_in_export)} (kept, not removed)"))
    if matching is not None:
        rows += [
            ("Server accounts read", str(matching.accounts)),
            ("Mapped onto existing (sure)", str(len(matching.sure))),
            ("Ambiguous (left to you)", str(len(matching.ambiguous))),
            ("No match (new accounts)", str(len(matching.none))),
        ]
    lines = [render_table(rows)]
    if matching is not None and matching.sure:
        lines.append(f"Mapped onto existing accounts: {_some(matching.sure)}")
    if undecided:
        lines.append(
            f'Waiting for your decision (match = "check"): {_some(list(undecided))}; the '
            "comment in each entry names the possible accounts: rename the key to the right "
            'login and set existing = true, or set match = "no" for a new account.'
        )
    if update.collisions:
        pairs = [f"{wanted} → {given}" for wanted, given in update.collisions]
        lines.append(f"Collisions: {_some(pairs)}")
    if update.not_in_export:
        lines.append(f"In [users] but not in this export: {_some(sorted(update.not_in_export))}")
    if people.ambiguous_names:
        names = [f'"{name}" ({len(ids)} people)' for name, ids in people.ambiguous_names.items()]
        lines.append(
            "Names in service messages shared by several people (not attributed): " + _some(names)
        )
    if people.unknown_names:
        names = [f'"{name}"' for name in people.unknown_names]
        lines.append(
            "Names in service messages with no Telegram id (no account created): " + _some(names)
        )
    if update.generated_passwords:
        lines.append(
            f"Generated {update.generated_passwords} random passwords: "
            f"passwords are in [users] of {config_path}."
        )
    if saved:
        lines.append(f"File '{config_path}' updated successfully.")
    else:
        lines.append(f"Nothing to change in '{config_path}'.")
    return "\n".join(lines)
