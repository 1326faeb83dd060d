"""parse_users.py's fast path finds exactly the people the loader finds, or steps aside.

Each export is read both ways: ``collect_people`` over the loader's messages (the slow path) and
``collect_authors`` over ``authors_fast.iter_authors``. Wherever the fast path gives a result it
must equal the slow path's; where the slow path fails, the fast path must give none.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator.errors import ExportError
from migrator.telegram import authors_fast
from migrator.telegram.authors_fast import NotFast, iter_authors
from migrator.telegram.loader import (
    ExportKind,
    export_kind,
    find_result_json,
    iter_messages,
    list_chats,
    select_chat,
)
from migrator.telegram.media_refs import MediaResolver
from migrator.users import export as users_export
from migrator.users.cli import main
from migrator.users.collect import People, collect_authors, collect_people

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLES = REPO / ".." / "shared" / "samples"
FIXTURE_EXPORTS = sorted(path.parent for path in FIXTURES.rglob("result.json"))
SAMPLE_EXPORTS = sorted(path.parent for path in SAMPLES.glob("*/result.json"))
# Exports the fast path must read itself (so that the comparisons compare something).
READ_FAST = ["escapes", "forum", "old-ids-2019", "old-ids-2020", "very-old-2018"]


def slow(export: Path) -> People | ExportError:
    try:
        chats = list_chats(export)
        if export_kind(export) is ExportKind.SINGLE_CHAT:
            return collect_people(iter_messages(export, select_chat(export, None)))
        return collect_people(message for chat in chats for message in iter_messages(export, chat))
    except ExportError as error:
        return error


def fast(export: Path) -> People | None:
    path = find_result_json(export)
    try:
        return collect_authors(iter_authors(path, MediaResolver(path.parent)))
    except NotFast:
        return None


def assert_same(export: Path) -> People | None:
    expected = slow(export)
    found = fast(export)
    if isinstance(expected, ExportError):
        assert found is None, f"the fast path read {export}, which the loader refuses: {expected}"
    elif found is not None:
        assert found == expected
    return found


@pytest.mark.parametrize("export", FIXTURE_EXPORTS, ids=lambda path: path.name)
def test_every_fixture_export_gives_the_loaders_people(export: Path) -> None:
    found = assert_same(export)
    if export.name in READ_FAST:
        assert found is not None


@pytest.mark.skipif(not SAMPLE_EXPORTS, reason=f"no sample exports in {SAMPLES}")
@pytest.mark.parametrize("export", SAMPLE_EXPORTS or [SAMPLES], ids=lambda path: path.name)
def test_every_shared_sample_gives_the_loaders_people(export: Path) -> None:
    assert_same(export)


def test_most_fixture_and_sample_exports_take_the_fast_path() -> None:
    taken = [export for export in FIXTURE_EXPORTS + SAMPLE_EXPORTS if fast(export) is not None]
    assert {export.name for export in taken} >= set(READ_FAST)


# Hand-made exports in Telegram Desktop's layout (one space per level).


def write_export(folder: Path, messages: list[Any], *, text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    document = {"name": "Отдел", "type": "private_group", "id": 77, "messages": messages}
    if text is None:
        text = json.dumps(document, ensure_ascii=False, indent=1)
    (folder / "result.json").write_text(text, encoding="utf-8")
    return folder


def said(number: int, sender: int | None, name: str | None, text: Any = "") -> dict[str, Any]:
    message: dict[str, Any] = {
        "id": number,
        "type": "message",
        "date": "2024-05-01T10:00:00",
        "date_unixtime": str(1_714_550_400 + number),
    }
    if sender is not None or name is not None:
        message["from"] = name
        message["from_id"] = None if sender is None else f"user{sender}"
    message["text"] = text
    return message


def service(number: int, action: str, actor: int, name: str, **keys: Any) -> dict[str, Any]:
    return {
        "id": number,
        "type": "service",
        "date": "2024-05-01T10:00:00",
        "date_unixtime": str(1_714_550_400 + number),
        "actor": name,
        "actor_id": f"user{actor}",
        "action": action,
        **keys,
        "text": "",
    }


TRICKY_TEXTS = [
    "\n  },\n  {\n",  # the cut point, escaped inside a string
    '"},\n {"id": 1}',
    "},{",
    "[[[ {{{",
    "\\x01 \\ud83d",  # written escaped: a backslash, then the letters
    "\x01 and a real \x7f",
    "NaN Infinity 12345678901234567890 1e999",
    "😀" * 50,
]


def tricky_chat() -> list[Any]:
    messages: list[Any] = [
        service(1, "create_group", 10, "Anna", title="x", members=["Anna", None])
    ]
    for number, text in enumerate(TRICKY_TEXTS, start=2):
        nested = [{"type": "bold", "text": text}, {"type": "plain", "text": {"deep": [text]}}]
        messages.append(said(number, 10 + number % 3, f"Автор {number % 3}", nested))
    messages.append(service(30, "join_group_by_link", 13, "Boris", inviter="Anna"))
    messages.append(service(31, "join_group_by_link", 14, "Vera", inviter=None))
    messages.append(said(32, None, None, "from a deleted account, no id"))
    messages.append(said(33, 11, "Автор 1 (renamed)"))
    messages.append(said(34, 11, "Автор 1"))
    messages.append({"id": 35, "type": "unsupported", "date_unixtime": "1714550435"})
    return messages


def long_tricky_chat() -> list[Any]:
    """The tricky chat, then enough of it again to span many reads (64 KB each)."""
    messages = tricky_chat()
    for round_ in range(1, 120):
        messages += [message | {"id": message["id"] + 100 * round_} for message in tricky_chat()]
    return messages


@pytest.mark.parametrize("batch_size", [1, 3000, 70_000, 1 << 20])
def test_cut_points_never_split_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_size: int
) -> None:
    monkeypatch.setattr(authors_fast, "BATCH_SIZE", batch_size)
    export = write_export(tmp_path / "chat", long_tricky_chat())
    assert (export / "result.json").stat().st_size > 4 * 65536
    batches = list(iter_authors(export / "result.json", MediaResolver(export)))
    assert len(batches) >= (1 if batch_size == 1 << 20 else 4)
    assert sum(len(batch) for batch in batches) == len(long_tricky_chat())
    found = assert_same(export)
    assert found is not None
    assert [str(person.peer) for person in found.persons] == [
        "user10",
        "user12",
        "user11",
        "user13",
        "user14",
    ]
    assert found.unnamed_mentions == 2 * 120  # the None member and the None inviter, 120 times


def test_an_empty_chat_reads_fast(tmp_path: Path) -> None:
    found = assert_same(write_export(tmp_path / "empty", []))
    assert found is not None and found.persons == []


def test_escapes_written_as_backslash_x_are_repaired_in_every_batch(tmp_path: Path) -> None:
    text = json.dumps(
        {"name": "x", "messages": [said(1, 5, "A\u0001B"), said(2, 6, "C\u0002")]}, indent=1
    )
    export = write_export(tmp_path / "x", [], text=text.replace("\\u000", "\\x0"))
    found = assert_same(export)
    assert found is not None and [person.name for person in found.persons] == ["A\x01B", "C\x02"]


FALLS_BACK: dict[str, tuple[list[Any] | None, str | None]] = {
    "NaN": (None, '"width": NaN'),
    "Infinity": (None, '"width": -Infinity'),
    "an integer past 64 bits": (None, '"width": 9223372036854775808'),
    "a float past double": (None, '"width": 1.8e308'),
    "a lone surrogate": (None, '"text": "\\ud83d"'),
    "a bad escape": (None, '"text": "\\q"'),
    "a year 3000 date": ([said(1, 5, "A") | {"date_unixtime": "32503680000"}], None),
    "an edit only as a local date": ([said(1, 5, "A") | {"edited": "1969-12-31T23:59:59"}], None),
    "an id in a string": ([said(1, 5, "A") | {"id": "1"}], None),
    "a name as a number": ([said(1, 5, "A") | {"from": 5}], None),
    "an unknown message type": ([said(1, 5, "A") | {"type": "story"}], None),
    "a message that is not an object": ([said(1, 5, "A"), 7], None),
    "a photo outside the export": ([said(1, 5, "A") | {"photo": "../secret.jpg"}], None),
    "a service photo outside": ([service(1, "edit_group_photo", 5, "A", photo="/etc/x")], None),
    "JSON in a string": ([service(1, "requested_peer", 5, "A", button_id=1, peers="[]")], None),
    "deep nesting": ([said(1, 5, "A", text=json.loads("[" * 300 + "]" * 300))], None),
}


@pytest.mark.parametrize("case", list(FALLS_BACK))
def test_anything_unexpected_falls_back_to_the_loader(tmp_path: Path, case: str) -> None:
    messages, replacement = FALLS_BACK[case]
    if replacement is not None:
        text = json.dumps({"name": "x", "messages": [said(1, 5, "A")]}, indent=1)
        text = text.replace('"text": ""', replacement + ',\n   "text": ""')
        export = write_export(tmp_path / "chat", [], text=text)
    else:
        assert messages is not None
        export = write_export(tmp_path / "chat", messages)
    assert fast(export) is None
    assert_same(export)


def test_layouts_other_than_telegram_desktops_fall_back(tmp_path: Path) -> None:
    messages = tricky_chat()
    for name, text in {
        "compact": json.dumps({"messages": messages}),
        "two spaces": json.dumps({"messages": messages}, indent=2),
        "messages not last": json.dumps({"messages": messages, "tail": [1]}, indent=1),
        "two messages keys": json.dumps({"messages": messages}, indent=1)[:-2]
        + ',\n "messages": []\n}',
        "garbage after": json.dumps({"messages": messages}, indent=1) + "x",
        "truncated": json.dumps({"messages": messages}, indent=1)[:-40],
    }.items():
        export = write_export(tmp_path / name.replace(" ", "-"), [], text=text)
        if name in ("compact", "two spaces"):
            assert fast(export) is None, name
        assert_same(export)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), batch_size=st.sampled_from([1, 200, 4096]))
def test_a_damaged_file_is_never_read_fast_unless_the_loader_reads_it_alike(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
    batch_size: int,
) -> None:
    """Flip, drop or insert a few bytes anywhere: the fast path either steps aside or agrees."""
    monkeypatch.setattr(authors_fast, "BATCH_SIZE", batch_size)
    chance = random.Random(seed)
    data = bytearray(
        json.dumps({"messages": long_tricky_chat()}, ensure_ascii=False, indent=1).encode()
    )
    for _ in range(chance.randint(1, 3)):
        at = chance.randrange(len(data))
        byte = chance.choice(b'{}[],:"\\ \n0123456789eENaIfy-+.ux\x00\xff\xd0')
        action = chance.choice(["flip", "drop", "insert"])
        if action == "flip":
            data[at] = byte
        elif action == "drop":
            del data[at]
        else:
            data.insert(at, byte)
    folder = tmp_path_factory.mktemp("damaged")
    (folder / "result.json").write_bytes(bytes(data))
    assert_same(folder)


# The whole of parse_users.py: the fast path changes nothing it writes or prints.


def run_parse_users(
    folder: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str, str]:
    folder.mkdir()
    config = folder / "config.toml"
    config.write_text(f"telegram_export_dir = {json.dumps(str(export))}\n", encoding="utf-8")
    code = main(["--config", str(config)])
    out, err = capsys.readouterr()
    written = re.sub(r'password = ".*"', "password = <random>", config.read_text(encoding="utf-8"))
    err = re.sub(r"^[0-9-]+ [0-9:,]+ ", "", err.replace(str(folder), "<dir>"), flags=re.MULTILINE)
    return code, out.replace(str(folder), "<dir>"), err, written


@pytest.mark.parametrize("export", ["forum", "old-ids-2020", "truncated", "all-kinds"])
def test_parse_users_writes_and_prints_the_same_either_way(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    export: str,
) -> None:
    source = tmp_path / "export"
    shutil.copytree(FIXTURES / "exports" / export, source)
    fast_run = run_parse_users(tmp_path / "fast", source, capsys)
    monkeypatch.setattr(users_export, "iter_authors", refuse)
    assert run_parse_users(tmp_path / "slow", source, capsys) == fast_run


def refuse(*_: object) -> Any:
    raise NotFast("the slow path, for comparison")
