"""parse_users.py --match-server against an emulator seeded with a company directory."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.config import load_config
from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator
from migrator.emulator.directory import parse_users_csv, seed_users
from migrator.users.cli import main
from tests.admin.test_russian_workflow import english_words

from .seeded import DIRECTORY, entry_text, squash, write_config


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as running:
        seed_users(running.state, parse_users_csv(DIRECTORY, source="directory.csv"))
        yield running


def test_sure_matches_are_mapped_ambiguous_left_and_the_rest_new(
    tmp_path: Path, emu: RunningEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, emu)
    # The comments are in the interface language (Russian here).
    assert main(["--config", str(path), "--match-server", "--lang", "ru"]) == 1
    users = load_config(path).users
    assert {login: user.telegram_id for login, user in users.items()} == {
        "i.petrov": "user101",
        "a.smirnova": "user102",
        "olga_kuznetsova": "user103",
        "mariia_ivanova": "user104",
    }
    for mapped in ("i.petrov", "a.smirnova"):
        assert users[mapped].existing
        assert users[mapped].password == ""
    assert users["olga_kuznetsova"].match == "check"
    assert not users["olga_kuznetsova"].existing
    assert users["olga_kuznetsova"].password == ""
    assert users["mariia_ivanova"].password and not users["mariia_ivanova"].existing

    text = path.read_text(encoding="utf-8")
    assert '# сопоставлено по имени: Иван Петров ↔ i.petrov "Петров Иван Сергеевич"' in entry_text(
        text, '"i.petrov"'
    )
    assert '# сопоставлено по имени: Anna Smirnova ↔ a.smirnova "Смирнова Анна"' in text
    olga = entry_text(text, "olga_kuznetsova")
    assert 'o.kuznetsova "Кузнецова Ольга" (по имени)' in olga
    assert 'ok.kuznetsova "Olga Kuznetsova" (по имени)' in olga
    assert "#" not in entry_text(text, "mariia_ivanova")

    raw = capsys.readouterr().out
    data = re.compile(r'\b[a-z]+\.[a-z]+\b|\b[a-z]+ = (?:"[a-z]+"|true)')  # logins, settings
    english = [line for line in raw.splitlines() if english_words(data.sub(" ", line))]
    assert not english, raw  # the --match-server summary in Russian has no English
    out = squash(raw)
    assert "Прочитано учётных записей 5" in out
    assert "Сопоставлено с существующими (точно) 2" in out
    assert "Неоднозначно (решать вам) 1" in out
    assert "Без пары (новые учётные записи) 1" in out
    assert "Создано случайных паролей: 1" in out
    assert 'Ждут вашего решения (match = "check"): olga_kuznetsova' in out


def test_re_runs_keep_the_administrators_decisions(
    tmp_path: Path, emu: RunningEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, emu, language="en")
    main(["--config", str(path), "--match-server"])
    first = path.read_text(encoding="utf-8")
    assert '# matched by name: Иван Петров ↔ i.petrov "Петров Иван Сергеевич"' in first
    assert main(["--config", str(path), "--match-server"]) == 1
    assert path.read_text(encoding="utf-8") == first  # nothing changes by itself

    # The administrator drops a comment and decides that Olga is a new person.
    edited = re.sub(r"# matched by name: Anna Smirnova[^\n]*\n", "", first)
    olga = entry_text(edited, "olga_kuznetsova")
    decided = olga.replace('match = "check"', 'match = "no"')
    decided = "\n".join(line for line in decided.split("\n") if not line.startswith("#"))
    edited = edited.replace(olga, decided)
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["--config", str(path), "--match-server"]) == 0
    after = path.read_text(encoding="utf-8")
    assert "matched by name: Anna Smirnova" not in after
    assert "possible existing accounts" not in after
    users = load_config(path).users
    assert users["olga_kuznetsova"].match == "no"
    assert users["olga_kuznetsova"].password  # now an account to create: auto gave it one
    assert users["a.smirnova"].existing and users["a.smirnova"].password == ""
    out = squash(capsys.readouterr().out)
    assert "Mapped onto existing (sure) 0" in out
    assert "Waiting for your decision" not in out


def test_entries_of_an_earlier_run_are_mapped_unless_hand_edited(
    tmp_path: Path, emu: RunningEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, emu)
    assert main(["--config", str(path)]) == 0  # the old workflow: generated logins
    text = path.read_text(encoding="utf-8")
    assert "[users.ivan_petrov]" in text and "[users.anna_smirnova]" in text
    # The administrator renamed one key by hand; that is their decision.
    path.write_text(text.replace("[users.anna_smirnova]", "[users.anna]"), encoding="utf-8")
    assert main(["--config", str(path), "--match-server", "--lang", "ru"]) == 1
    users = load_config(path).users
    assert set(users) == {"i.petrov", "anna", "olga_kuznetsova", "mariia_ivanova"}
    petrov = users["i.petrov"]
    assert (petrov.telegram_id, petrov.existing, petrov.password) == ("user101", True, "")
    assert petrov.display_name == "Иван Петров"
    renamed = entry_text(path.read_text(encoding="utf-8"), '"i.petrov"')
    assert renamed.startswith(
        '[users."i.petrov"]\n# сопоставлено по имени: Иван Петров ↔ i.petrov "Петров Иван '
        'Сергеевич"\ndisplay_name = "Иван Петров"\n'
    )
    assert 'type = "user"\nexisting = true\n' in renamed
    assert "password" not in renamed
    assert not users["anna"].existing
    assert users["olga_kuznetsova"].match == "check"
    out = squash(capsys.readouterr().out)
    assert "Сопоставлено с существующими (точно) 1" in out


def test_no_secret_reaches_the_console_or_a_debug_log(
    tmp_path: Path, emu: RunningEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, emu)
    log = tmp_path / "parse_users.log"
    main(["--config", str(path), "--match-server", "-vv", "--log-file", str(log)])
    captured = capsys.readouterr()
    logged = log.read_text(encoding="utf-8")
    assert "GET /api/v4/users" in logged  # the requests were logged, at debug level
    for text in (captured.out, captured.err, logged):
        assert emu.config.client_secret not in text
        assert "eyJ" not in text  # no admin token (a JWT), in a URL or anywhere else
        for user in load_config(path).users.values():
            assert not user.password or user.password not in text


def test_an_unreachable_server_is_a_server_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as stopped_later:
        path = write_config(tmp_path, stopped_later)
    before = path.read_text(encoding="utf-8")
    assert main(["--config", str(path), "--match-server"]) == 3
    assert path.read_text(encoding="utf-8") == before
    err = capsys.readouterr().err
    assert "Error:" in err and "Traceback" not in err
