"""The whole workflow (the demo: parse_users.py, add_users_to_server.py, --import-tokens, the dry
run, the migration, --verify) under a Russian locale and a cp1251 console: no crash, and no English
interface text in what the catalogue covers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# What may stay Latin in a Russian line: names of things, not words of the interface.
_DATA = (
    re.compile(r"^\$ .*"),  # the command the demo runs
    re.compile(r"(?:https?://|/)\S*"),  # URLs and paths
    re.compile(r"\[[\w.<>]+\](?: [a-z_]+)?"),  # config tables and keys: [chat] owner
    re.compile(r"--[a-z-]+"),  # options
    re.compile(r"\b[\w-]+\.(?:py|toml|html|json|log|csv|png|jpg|webp|mp4)\b"),  # file names
    re.compile(r"\b[a-z]+_[a-z0-9_]+\b"),  # logins and identifiers (anna_smirnova)
    re.compile(r"«[^»]*»+|'[^']*'"),  # names quoted from the export or the config
)
_ALLOWED = {"TrueConf", "Server", "Telegram", "UTC", "python", "group", "tg", "demo", "Claire",
            "Martin", "ffmpeg", "imageio", "gif"}  # fmt: skip
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(line: str) -> list[str]:
    for pattern in _DATA:
        line = pattern.sub(" ", line)
    return [word for word in _LATIN_WORD.findall(line) if word not in _ALLOWED]


def test_the_checker_sees_english_and_spares_data() -> None:
    assert english_words("  will post: 3 posts") == ["will", "post", "posts"]
    assert english_words("Файл «/tmp/x/config.toml» обновлён.") == []
    assert english_words("  anna_smirnova: токен, [chat] owner, build_chat.py --dry-run") == []


def test_the_demo_in_russian_on_a_cp1251_console(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "ru_RU.UTF-8", "PYTHONIOENCODING": "cp1251"}
    for name in ("LC_ALL", "LC_MESSAGES", "PYTHONPATH"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "migrator.demo", "--workdir", str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=600,
        check=False,
    )
    output = (result.stdout + result.stderr).decode("cp1251")
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert "Проверка: на сервер ничего не отправлено." in output
    assert "Куда: TrueConf Server" in output and "учётные записи:" in output
    english = [(line, words) for line in output.splitlines() if (words := english_words(line))]
    assert not english, "\n".join(f"{words}: {line}" for line, words in english)
    page = (tmp_path / "migration-output" / "report.html").read_text("utf-8")
    assert "Отчёт о переносе" in page and "Сводка" in page
