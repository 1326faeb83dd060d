"""Links inside the READMEs lead somewhere: anchors name a heading, relative paths exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .readme import READMES, REPO

_HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.MULTILINE)
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_anchor_rule() -> None:
    assert (
        github_anchor("6. Preflight: build_chat.py --dry-run")
        == "6-preflight-build_chatpy---dry-run"
    )
    assert github_anchor("3. Сбор участников: parse_users.py") == "3-сбор-участников-parse_userspy"


@pytest.mark.parametrize("readme", READMES, ids=lambda path: path.name)
def test_every_link_of_the_readme_resolves(readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    without_code = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    anchors = {github_anchor(heading) for heading in _HEADING.findall(without_code)}
    for target in _LINK.findall(without_code):
        if target.startswith(("http://", "https://")):
            continue
        path, _, anchor = target.partition("#")
        if path:
            assert (REPO / path).exists(), f"{readme.name}: {target} does not exist"
        elif anchor:
            assert anchor in anchors, f"{readme.name}: no heading for #{anchor}"
