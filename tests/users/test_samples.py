"""parse_users over the real exports in ../shared/samples (skipped when that folder is absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.config import ConfigDocument, load_config
from migrator.telegram.loader import iter_messages, select_chat
from migrator.telegram.model import Message
from migrator.users import logins_by_telegram_id, validate_login
from migrator.users.update import merge_people

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
EXPORTS = sorted(path.parent.name for path in SAMPLES.glob("*/result.json"))

pytestmark = pytest.mark.skipif(not EXPORTS, reason=f"no sample exports in {SAMPLES}")


@pytest.mark.parametrize("name", EXPORTS or ["none"])
def test_every_sample_author_gets_a_valid_login_and_a_rerun_changes_nothing(
    tmp_path: Path, name: str
) -> None:
    export = SAMPLES / name
    path = tmp_path / "config.toml"
    path.write_text(f'telegram_export_dir = "{export}"\n\n[users]\n', encoding="utf-8")

    def messages() -> Iterator[Message]:
        return iter_messages(export, select_chat(export, None))

    first = merge_people(ConfigDocument.load(path), messages())
    config = load_config(path)
    assert all(validate_login(login) is None for login in config.users)
    authors = {str(p.peer) for p in first.people.persons}
    assert set(logins_by_telegram_id(config)) == authors
    text = path.read_text(encoding="utf-8")
    second = merge_people(ConfigDocument.load(path), messages())
    assert not second.saved
    assert path.read_text(encoding="utf-8") == text


def test_the_modern_sample_matches_member_names_to_ids(tmp_path: Path) -> None:
    export = SAMPLES / "ragtgbot-private-group-2025"
    if not export.exists():
        pytest.skip("sample absent")
    path = tmp_path / "config.toml"
    path.write_text(f'telegram_export_dir = "{export}"\n', encoding="utf-8")
    run = merge_people(ConfigDocument.load(path), iter_messages(export, select_chat(export, None)))
    assert str(run.people.persons[0].peer) == "user12345678"
    assert run.people.matched_names >= 1
