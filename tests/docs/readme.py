"""Reading the READMEs as the tests need them: which options they attribute to which command, and
the rows of the configuration table. Pure text processing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
READMES = (REPO / "README.md", REPO / "README-ru.md")

# How the READMEs name each command; the first spelling is the one used in headings.
COMMANDS: dict[str, tuple[str, ...]] = {
    "parse_users.py": ("parse_users.py",),
    "add_users_to_server.py": ("add_users_to_server.py",),
    "build_chat.py": ("build_chat.py",),
    "emulator": ("pipenv run emulator", "migrator.emulator"),
    "demo": ("pipenv run demo", "migrator.demo"),
}

_FLAG = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
# Where a command line ends inside a code line: a shell comment, a chain, a pipe.
_COMMAND_END = re.compile(r"\s#|&&|\|\||;|\s\|\s")


def flags_in(text: str) -> set[str]:
    return set(_FLAG.findall(text))


def _commands_named_in(text: str) -> set[str]:
    return {
        command
        for command, spellings in COMMANDS.items()
        if any(spelling in text for spelling in spellings)
    }


def _flags_after_command(line: str) -> dict[str, set[str]]:
    """Options written after a command's name on one command line (``… build_chat.py --verify``)."""
    found: dict[str, set[str]] = {}
    for command, spellings in COMMANDS.items():
        for spelling in spellings:
            start = line.find(spelling)
            while start != -1:
                rest = line[start + len(spelling) :]
                end = _COMMAND_END.search(rest)
                command_part = rest[: end.start()] if end else rest
                found.setdefault(command, set()).update(flags_in(command_part))
                start = line.find(spelling, start + 1)
    return found


def _table_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    # An escaped pipe (NAME\|ID) belongs to its cell.
    cells = re.split(r"(?<!\\)\|", stripped[1:-1])
    return [cell.strip().replace("\\|", "|") for cell in cells]


@dataclass(frozen=True)
class ReadmeOptions:
    """Per command: the options the README attributes to it, and where."""

    by_command: dict[str, dict[str, list[str]]]  # command → flag → places (for messages)

    def flags(self, command: str) -> set[str]:
        return set(self.by_command.get(command, {}))


def attributed_options(text: str) -> ReadmeOptions:
    """Options attributed to a command by a README.

    Two places count: a command line (in a code block, a code span or a heading) that names the
    command and then gives options; and the first cell of a table under a heading that names
    exactly one command (the command reference).
    """
    by_command: dict[str, dict[str, list[str]]] = {command: {} for command in COMMANDS}

    def note(command: str, flags: set[str], where: str) -> None:
        for flag in flags:
            by_command[command].setdefault(flag, []).append(where)

    section_command: str | None = None
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"line {number}"
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        heading = None if in_fence else _HEADING.match(line)
        if heading is not None:
            named = _commands_named_in(heading.group(2))
            section_command = next(iter(named)) if len(named) == 1 else None
            command_lines = [heading.group(2)]
        elif in_fence:
            command_lines = [line]
        else:
            command_lines = _CODE_SPAN.findall(line)
        for command_line in command_lines:
            for command, flags in _flags_after_command(command_line).items():
                note(command, flags, where)
        cells = None if in_fence else _table_cells(line)
        if cells and section_command is not None and cells[0].startswith("`-"):
            note(section_command, flags_in(cells[0]), where + " (option table)")
    return ReadmeOptions(by_command)


_SECTION_CELL = re.compile(r"^(?:—|`\[(?P<section>[\w.<>]+)\]`)$")
_KEY_CELL = re.compile(r"^`(?P<key>[a-z_]+)`$")
_DEFAULT_CELL = re.compile(r"^`(?P<default>[^`]+)`$")


def config_table(text: str) -> dict[tuple[str, str], str | None]:
    """Rows ``| `[section]` (or —) | `key` | `default` | meaning |`` → {(section, key): default}.

    ``section`` is "" for top-level keys; the default is the cell's code text, None if the cell is
    not code.
    """
    rows: dict[tuple[str, str], str | None] = {}
    for line in text.splitlines():
        cells = _table_cells(line)
        if not cells or len(cells) < 4:
            continue
        section = _SECTION_CELL.match(cells[0])
        key = _KEY_CELL.match(cells[1])
        if section is None or key is None:
            continue
        default = _DEFAULT_CELL.match(cells[2])
        name = (section.group("section") or "", key.group("key"))
        assert name not in rows, f"{name} is documented twice"
        rows[name] = default.group("default") if default else None
    return rows
