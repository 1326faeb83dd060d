"""The run lock, --repair, --verify's differences and the sender's warnings and reasons in the
interface language: nothing English under a Russian locale, posts named by Telegram id and
first words (never by internal keys such as ``tg777:4:0``)."""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from migrator.connector import ServerMessage
from migrator.emulator.server import RunningEmulator
from migrator.engine.repair import Losses, describe_losses
from migrator.i18n import Lang, set_language
from migrator.ledger import PostRecord, PostState, ledger_path_for
from migrator.plan.post import Attribution, Post, PostKey, PostKind
from migrator.runlock import run_lock
from migrator.verify.compare import compare

from .support import emoji_chat, migrate_with_problems, run_as_admin
from .test_russian_workflow import english_words


@pytest.fixture
def russian() -> Iterator[None]:
    set_language(Lang.RU)
    yield
    set_language(Lang.EN)


def _post(message: int, text: str) -> Post:
    return Post(PostKey("tg777", message, 0), "bob", Attribution.AUTHOR, PostKind.TEXT, text)


def _record(post: Post, message_id: str, state: PostState = PostState.SENT) -> PostRecord:
    return PostRecord(post.key, post.key.message_id, state, "bob", post.html, None, message_id)


def _english(lines: list[str] | tuple[str, ...]) -> list[tuple[str, list[str]]]:
    return [(line, words) for line in lines if (words := english_words(line))]


_HELD = [("ru_RU.UTF-8", "занят другим запуском"), ("en_US.UTF-8", "is in use by another run")]


@pytest.mark.parametrize(("lang", "held"), _HELD)
def test_the_lock_message_follows_the_locale_on_a_cp1251_console(
    tmp_path: Path, lang: str, held: str
) -> None:
    config = emoji_chat(tmp_path)
    with run_lock(
        ledger_path_for(config), what="ledger", program="build_chat.py", purpose="migration"
    ):
        run = run_as_admin("build_chat.py", cwd=tmp_path, encoding="cp1251", lang=lang)
    assert run.code == 2, run
    assert held in run.stderr and "Traceback" not in run.output, run
    if lang.startswith("ru"):
        assert "перенос, процесс" in run.stderr, run
        data = re.compile(rf"\S+\.ledger\.sqlite(?:\.lock)?|\b{re.escape(socket.gethostname())}\b")
        assert not _english([data.sub(" ", line) for line in run.stderr.splitlines()]), run


def test_repair_lines_name_posts_by_telegram_id_and_excerpt_in_russian(russian: None) -> None:
    posts = [_post(4, "<b>Bob</b>: first words of a long message that goes on"), _post(5, "")]
    losses = Losses(gone=(posts[0].key,), partly=(posts[1].key,), still_there=(posts[0].key,))
    lines = describe_losses(losses, "Команда", posts)
    assert lines == [
        "Команда: №5: сервер потерял файл или подпись к нему, но не оба; заново не отправляется "
        "(иначе другая часть появилась бы дважды)",
        "Команда: №4 «Bob: first words of a long message that…»: нет в истории чата, но "
        "сервер всё ещё хранит это сообщение; заново не отправляется",
        "Команда: публикации, которые сервер потерял (1), отправляются заново, после остальных: "
        "№4 «Bob: first words of a long message that…»",
    ]
    nothing = describe_losses(Losses((), (), ()), "Команда", posts)
    assert nothing == ["Команда: на сервере есть все публикации, которые журнал отмечает как "
                       "отправленные"]  # fmt: skip


def test_verify_differences_in_russian_name_posts_not_keys(russian: None) -> None:
    posts = [_post(1, "hello"), _post(2, "second"), _post(3, "third")]
    records = {
        posts[0].key: _record(posts[0], "m1"),
        posts[1].key: _record(posts[1], "m2"),
        posts[2].key: PostRecord(posts[2].key, 3, PostState.FAILED, reason="пустой текст"),
    }
    server = [
        ServerMessage("m1", "alice@s", 200, 1, 1, text="hello"),
        ServerMessage("m9", "bob@s", 200, 2, 2, text="duplicate?"),
    ]
    differences = compare(posts, records, server).differences
    assert differences == (
        "№1 «hello»: автор 'alice', ожидался 'bob'",
        "№2 «second»: сообщения m2 нет на сервере",
        "лишнее сообщение m9 от bob: 'duplicate?' (дубликат или опубликовано кем-то другим)",
        "№3 «third»: не перенесено (пустой текст)",
    )
    assert not any("tg777" in line for line in differences)


def test_sender_warnings_and_reasons_in_russian(
    emu: RunningEmulator, tmp_path: Path, russian: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="migrator.send.sender"):
        out = migrate_with_problems(emu, tmp_path)
    warnings = [r.getMessage() for r in caplog.records if r.name == "migrator.send.sender"]
    failed = [line for line in warnings if "№4 «the minutes»" in line]
    assert failed and "не отправлено: не удалось (попыток: 2)" in failed[0], warnings
    assert not any("tg777" in line for line in warnings), warnings
    # After "попыток: 2):" comes the client library's own words for the failure: data, not ours.
    assert not _english([line.split("попыток:")[0] for line in warnings]), warnings
    report = (out / "report.json").read_text("utf-8")
    assert "не удалось (попыток: 2)" in report and "gave up" not in report


def test_planner_notes_and_skips_follow_the_interface_not_the_chat_language(
    russian: None,
) -> None:
    """A chat posted in English, run under a Russian interface: the visible note stays English
    (it is part of the chat), the preflight/report note and the skip reason are Russian."""
    from migrator.config.model import Language
    from migrator.plan import Planner
    from migrator.report.excerpt import excerpt
    from tests.plan.golden import CHAT_KEY, DEFAULT_LOGINS, options_for, to_message

    planner = Planner(
        chat_key=CHAT_KEY,
        logins=DEFAULT_LOGINS,
        # report_language None: the interface language (the golden files fix it to the chat's)
        options=replace(
            options_for({"service_messages": False}, Language.EN), report_language=None
        ),
    )
    raw = {"id": 29, "type": "message", "date_unixtime": "1756725000", "from": "Alice",
           "from_id": "user100", "text": "look",
           "photo": "(File not included. Change data exporting settings to download.)"}  # fmt: skip
    plan = planner.plan(to_message(raw))
    assert "📎 <i>File not migrated: photo (the file type was not selected" in plan.posts[0].html
    assert plan.notes == ("Файл не перенесён: фото (файл не был выбран при экспорте из Telegram)",)
    assert excerpt(plan) == "look"  # the English line in the text is left out all the same
    service = {"id": 30, "type": "service", "date_unixtime": "1756725000", "actor": "Alice",
               "actor_id": "user100", "action": "pin_message", "text": ""}  # fmt: skip
    skipped = planner.plan(to_message(service)).skipped
    assert skipped is not None
    assert (
        skipped.reason == "служебное сообщение: перенос отключён ([chat] service_messages = false)"
    )


def test_verify_without_a_ledger_and_a_mapped_account_missing_in_russian(
    tmp_path: Path, russian: None
) -> None:
    from migrator.accounts.run import mapped_missing_reason
    from migrator.engine.options import BuildOptions
    from migrator.engine.verify_run import require_ledger
    from migrator.errors import MigratorError

    with pytest.raises(MigratorError) as caught:
        require_ledger(BuildOptions(config_path=tmp_path / "config.toml", verify=True))
    assert caught.value.message.startswith("Проверять нечего: журнала переноса нет"), caught.value
    assert (
        caught.value.hint
        == "сначала запустите build_chat.py без --verify (или укажите журнал: --ledger PATH)"
    )
    reason = mapped_missing_reason("i.petrov")
    assert reason.startswith("у [users.i.petrov] задано existing = true, но на сервере нет"), reason


def test_config_edit_errors_in_russian(tmp_path: Path, russian: None) -> None:
    from migrator.config.document import ConfigDocument
    from migrator.errors import ConfigError

    path = tmp_path / "config.toml"
    path.write_text('[chat]\nowner = "alice"\n\n[users]\n', encoding="utf-8")
    document = ConfigDocument.load(path)
    document.set_user("ivan", telegram_id="user1")
    path.write_text('[chat]\nowner = "bob"\n\n[users]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        document.save()
    assert caught.value.message == f"{path} изменили со стороны, пока выполнялась команда"
    assert caught.value.hint == "ничего не записано; запустите команду ещё раз"


def test_a_broken_sticker_is_reported_in_russian(tmp_path: Path, russian: None) -> None:
    """What the media stage says becomes the report's "file not migrated" note."""
    import gzip

    from migrator.errors import MediaError
    from migrator.media.stickers import render_tgs

    source = tmp_path / "broken.tgs"
    source.write_bytes(gzip.compress(b"[1, 2, 3]"))
    with pytest.raises(MediaError) as caught:
        render_tgs(source, tmp_path / "out.gif")
    assert caught.value.message == f"{source}: в анимированном стикере нет слоёв Lottie"


def test_admin_api_errors_in_russian(russian: None) -> None:
    """add_users_to_server.py's server errors: the sentence and the action are both Russian."""
    import httpx

    from migrator.server_api.errors import response_error, transport_error

    response = httpx.Response(503, json={"error": "busy"})
    failed = response_error(response, action="создание учётной записи 'anna'")
    assert (
        failed.message == "ошибка TrueConf Server: создание учётной записи 'anna' (HTTP 503: busy)"
    )
    assert failed.hint == "посмотрите журналы сервера; повторите команду позже (повтор безопасен)"
    down = transport_error(
        httpx.ConnectError("refused"), server="https://tc.example:443", action="чтение"
    )
    assert down.message == "TrueConf Server по адресу https://tc.example:443 недоступен: чтение"
