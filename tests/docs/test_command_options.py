"""Each command's --help and the READMEs list the same options, in both languages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from .readme import READMES, REPO, attributed_options, flags_in

HELP_COMMANDS: dict[str, list[str]] = {
    "parse_users.py": ["parse_users.py"],
    "add_users_to_server.py": ["add_users_to_server.py"],
    "build_chat.py": ["build_chat.py"],
    "emulator": ["-m", "migrator.emulator"],
    "demo": ["-m", "migrator.demo"],
}
_OPTION_LINE = re.compile(r"^\s{2}(-.*)$")


@cache
def help_text(command: str, lang: str = "en") -> str:
    """The command's --help, run as the administrator would (the venv's python, repo folder)."""
    result = subprocess.run(
        [sys.executable, *HELP_COMMANDS[command], "--help", "--lang", lang],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "100"},
        check=False,
    )
    assert result.returncode == 0, (
        f"{command} --help exited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


def help_options(text: str) -> set[str]:
    """Every option string --help lists (``-v`` and ``--verbose`` both)."""
    options: set[str] = set()
    for line in text.splitlines():
        match = _OPTION_LINE.match(line)
        if match:
            invocation = re.split(r"\s{2,}", match.group(1))[0]
            options |= flags_in(invocation)
    return options


def test_help_parser_reads_every_option_string() -> None:
    sample = (
        "options:\n"
        "  -h, --help            show this help message and exit\n"
        "  --chat NAME|ID        which chat\n"
        "  --client-id CLIENT_ID\n"
        "                        OAuth client id --not-an-option\n"
    )
    assert help_options(sample) == {"-h", "--help", "--chat", "--client-id"}


def _missing_and_unknown(command: str, readme: Path) -> tuple[set[str], set[str]]:
    listed = help_options(help_text(command))
    documented = attributed_options(readme.read_text(encoding="utf-8")).flags(command)
    if "--help" in documented:
        documented |= {"-h"}  # "-h" is argparse's short form of --help
    return listed - documented, documented - listed


@pytest.mark.parametrize("readme", READMES, ids=lambda path: path.name)
@pytest.mark.parametrize("command", list(HELP_COMMANDS))
def test_readme_documents_exactly_the_options_of_help(command: str, readme: Path) -> None:
    missing, unknown = _missing_and_unknown(command, readme)
    assert not missing, f"{readme.name} does not document these {command} options: {missing}"
    assert not unknown, (
        f"{readme.name} attributes options to {command} that its --help does not list: {unknown}"
    )


@pytest.mark.parametrize("command", ["parse_users.py", "add_users_to_server.py", "build_chat.py"])
def test_every_option_of_the_scripts_has_a_help_text(command: str) -> None:
    lines = help_text(command).splitlines()
    for number, line in enumerate(lines):
        match = _OPTION_LINE.match(line)
        if not match:
            continue
        parts = re.split(r"\s{2,}", match.group(1), maxsplit=1)
        described = len(parts) == 2 or (
            number + 1 < len(lines) and lines[number + 1].startswith(" " * 10)
        )
        assert described, f"{command}: no help text for {parts[0]}"


@pytest.mark.parametrize("command", ["parse_users.py", "add_users_to_server.py", "build_chat.py"])
def test_help_of_the_scripts_gives_the_exit_codes(command: str) -> None:
    assert "Exit codes" in " ".join(help_text(command, "en").split()), command
    assert "Коды выхода" in " ".join(help_text(command, "ru").split()), command


def test_readme_parser_attributes_options_to_the_right_command() -> None:
    text = (
        "## Steps\n"
        "Run `build_chat.py --verify` after `parse_users.py`.\n"
        "```bash\n"
        "pipenv run python parse_users.py --chat X   # then --not-this\n"
        "pipenv run emulator --tls && pipenv run python build_chat.py --quiet\n"
        "```\n"
        "| `--dry-run` | not under a command heading |\n"
        "### `add_users_to_server.py`\n"
        "| `--concurrency N` | … |\n"
        "| `-v`, `--verbose` | … |\n"
        "## Other\n"
        "| `--seed` | not under a command heading |\n"
    )
    options = attributed_options(text)
    assert options.flags("build_chat.py") == {"--verify", "--quiet"}
    assert options.flags("parse_users.py") == {"--chat"}
    assert options.flags("emulator") == {"--tls"}
    assert options.flags("add_users_to_server.py") == {"--concurrency", "-v", "--verbose"}
