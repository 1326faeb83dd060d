"""A forum supergroup (tests/fixtures/exports/forum, plus a pin in General of a topic's message)
migrated against the emulator with ``[chat] topics = "separate"`` and read back: the General
topic in the main chat, each topic in its own chat titled ``<chat name> / <topic title>``,
replies inside their chat, a reply across chats quoted; ``--verify``, ``--repair``,
``--status`` per topic chat; the mode cannot change once posts exist."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from migrator.config import load_config
from migrator.config.model import ChatType
from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat
from migrator.engine.plan_spool import PlanSpool
from migrator.engine.planning import PlannedChat
from migrator.engine.topics import split_topics, topic_chat_title
from migrator.errors import ConfigError
from migrator.plan.post import MessagePlan
from migrator.send import ChatSpec
from migrator.send.chat_setup import TITLE_LIMIT
from migrator.telegram.model import ChatInfo, LoadStats
from migrator.telegram.model import ChatType as TelegramChatType

from .exports import group_messages, write_config
from .helpers import build_options, chat_id_of, read_back

FORUM = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "forum"
MAIN, HELP_DESK, RELEASES = "tg888", "tg888-topic1", "tg888-topic3"
CHATS = (MAIN, HELP_DESK, RELEASES)


def _config(
    emu: RunningEmulator, tmp_path: Path, *, topics: str = "separate", language: str = "en"
) -> Path:
    export = tmp_path / "export"
    shutil.copytree(FORUM, export)
    result = export / "result.json"
    data = json.loads(result.read_text(encoding="utf-8"))
    pin = {
        "id": 9,
        "type": "service",
        "date": "2025-09-01T14:09:00",
        "date_unixtime": "1756735740",
        "actor": "Alice",
        "actor_id": "user1001",
        "action": "pin_message",
        "message_id": 5,  # in the topic "Help desk": another chat in mode "separate"
        "text": "",
        "text_entities": [],
    }
    data["messages"].append(pin)
    result.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    path = write_config(
        tmp_path / "config.toml",
        export=export,
        port=emu.port,
        chat_type="group",
        name="Company forum",
        extra=f'topics = "{topics}"',
    )
    if language != "en":
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('language = "en"', f'language = "{language}"'), "utf-8")
    return path


def _ids(emu: RunningEmulator, config: Path) -> dict[str, list[str]]:
    return {key: [m.message_id for m in read_back(emu, config, key)] for key in CHATS}


def test_each_topic_is_its_own_chat_and_reads_back(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(emu, tmp_path)
    options = build_options(config, tmp_path)
    assert build_chat(replace(options, dry_run=True)) == 0
    preflight = capsys.readouterr().out
    assert (
        '  forum topics, each its own chat ([chat] topics = "separate"): 2\n'
        "    «Company forum / Help desk»: 2 messages\n"
        "    «Company forum / Releases»: 2 messages\n"
    ) in preflight
    assert "Telegram chat Company forum / Help desk (tg888-topic1): 3 messages" in preflight
    assert "from the export: [chat] type is empty" not in preflight
    assert "(--all-chats)" not in preflight  # one export chat: its type as [chat] says
    assert "migrated with topics" not in preflight  # nothing in the ledger yet

    assert build_chat(options) == 0
    read = {key: read_back(emu, config, key) for key in CHATS}
    assert {key: [(m.login, m.text) for m in messages] for key, messages in read.items()} == {
        MAIN: [
            ("alice", "Lunch at 13:00?"),
            ("bob", "Yes, see you there"),
            (
                "alice",
                "<i>↩ In reply to <b>Alice</b>: “Rebooted it, works again”</i><br>"
                "ℹ️ <b>Alice</b> pinned a message",
            ),
        ],
        HELP_DESK: [
            ("alice", "ℹ️ <b>Alice</b> created the topic “Help desk”"),
            ("bob", "The printer on floor 3 is down"),
            ("alice", "Rebooted it, works again"),
        ],
        RELEASES: [
            ("alice", "ℹ️ <b>Bob</b> created the topic “Releases”"),
            ("alice", "<b>Dave NoAccount</b>:<br>Version 2.0 is out"),
            ("bob", "Great news"),
        ],
    }
    main, help_desk, releases = read[MAIN], read[HELP_DESK], read[RELEASES]
    assert main[1].reply_to == main[0].message_id
    assert main[2].reply_to is None  # the pinned message is in another chat: quoted
    assert help_desk[1].reply_to is None  # writing in a topic is no reply to its creation
    assert help_desk[2].reply_to == help_desk[1].message_id
    assert releases[2].reply_to == releases[1].message_id
    titles = {chat_id_of(config, emu, key): key for key in CHATS}
    assert {titles[i]: str(c.title) for i, c in emu.state.chats.items()} == {
        MAIN: "Company forum",
        HELP_DESK: "Company forum / Help desk",
        RELEASES: "Company forum / Releases",
    }
    for key in CHATS:
        report = json.loads((tmp_path / "out" / key / "report.json").read_text("utf-8"))
        assert len(report["messages"]) == 3
    index = json.loads((tmp_path / "out" / "index.json").read_text("utf-8"))
    assert [(c["chat_key"], c["title"], c["status"]) for c in index["chats"]] == [
        (MAIN, "Company forum", "migrated"),
        (HELP_DESK, "Company forum / Help desk", "migrated"),
        (RELEASES, "Company forum / Releases", "migrated"),
    ]

    # a second run posts nothing; --verify and --status see every topic chat
    before = _ids(emu, config)
    assert build_chat(options) == 0
    assert _ids(emu, config) == before
    capsys.readouterr()
    assert build_chat(replace(options, verify=True)) == 0
    verified = capsys.readouterr().out
    for label in (
        "Company forum (tg888)",
        "Company forum / Help desk (tg888-topic1)",
        "Company forum / Releases (tg888-topic3)",
    ):
        assert f"{label}: verified, 3 messages match the export and the ledger" in verified
    assert build_chat(replace(options, status=True)) == 0
    status = capsys.readouterr().out
    assert all(key in status for key in CHATS)


def test_russian_labels_in_topic_chats(emu: RunningEmulator, tmp_path: Path) -> None:
    config = _config(emu, tmp_path, language="ru")
    assert build_chat(build_options(config, tmp_path)) == 0
    texts = {key: [m.text for m in read_back(emu, config, key)] for key in CHATS}
    assert texts[MAIN][2] == (
        "<i>↩ В ответ на <b>Alice</b>: «Rebooted it, works again»</i><br>"
        "ℹ️ <b>Alice</b> закрепил(а) сообщение"
    )
    assert texts[HELP_DESK][0] == "ℹ️ <b>Alice</b> создал(а) тему «Help desk»"
    assert texts[RELEASES][:2] == [
        "ℹ️ <b>Bob</b> создал(а) тему «Releases»",
        "<b>Dave NoAccount</b>:<br>Version 2.0 is out",
    ]


def test_repair_sends_again_what_a_topic_chat_lost(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(emu, tmp_path)
    options = build_options(config, tmp_path)
    assert build_chat(options) == 0
    chat_id = chat_id_of(config, emu, RELEASES)
    lost = read_back(emu, config, RELEASES)[2]  # "Great news"
    with emu.state.lock:
        chat = emu.state.chats[chat_id]
        chat.message_ids = [m for m in chat.message_ids if m != lost.message_id]
        del emu.state.messages[lost.message_id]
    others = {key: _ids(emu, config)[key] for key in (MAIN, HELP_DESK)}
    capsys.readouterr()

    assert build_chat(replace(options, verify=True)) == 1
    verified = capsys.readouterr().out
    assert f"#7 «Great news»: message {lost.message_id} is missing on the server" in verified
    assert build_chat(replace(options, repair=True)) == 0
    repaired = capsys.readouterr().out
    assert "1 posts the server had lost are sent again, after the others: #7 «Great news»" in (
        repaired
    )
    again = read_back(emu, config, RELEASES)
    assert [(m.login, m.text) for m in again][2] == ("bob", "Great news")
    assert again[2].reply_to == again[1].message_id
    assert {key: _ids(emu, config)[key] for key in (MAIN, HELP_DESK)} == others


@pytest.mark.parametrize(("first", "then"), [("label", "separate"), ("separate", "label")])
def test_changing_the_mode_after_posts_exist_is_refused(
    emu: RunningEmulator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    first: str,
    then: str,
) -> None:
    config = _config(emu, tmp_path, topics=first)
    options = build_options(config, tmp_path)
    assert build_chat(options) == 0
    chats = dict(emu.state.chats)
    messages = len(emu.state.messages)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f'topics = "{first}"', f'topics = "{then}"'), "utf-8")

    capsys.readouterr()
    assert build_chat(replace(options, dry_run=True)) == 0  # says so before anything is tried
    preflight = capsys.readouterr().out
    assert f'migrated with topics = "{first}"' in preflight
    assert f'set [chat] topics = "{first}" again' in preflight
    for refused in (options, replace(options, verify=True)):
        with pytest.raises(ConfigError) as caught:
            build_chat(refused)
        assert (
            f'[chat] topics = "{then}", but the ledger holds posts of Company forum (tg888) '
            f'migrated with topics = "{first}"'
        ) in caught.value.message
        assert f'set [chat] topics = "{first}" again' in (caught.value.hint or "")
        assert "--new-chat" in (caught.value.hint or "")
    assert emu.state.chats == chats  # nothing created
    assert len(emu.state.messages) == messages  # nothing posted

    # --new-chat starts afresh, in new chats; after it the new mode goes on as any run
    assert build_chat(replace(options, new_chat=True)) == 0
    made = len(emu.state.chats) - len(chats)
    assert made == (3 if then == "separate" else 1)
    assert build_chat(options) == 0
    assert len(emu.state.chats) - len(chats) == made


def test_titles_past_the_limit_are_shortened_with_an_ellipsis() -> None:
    assert topic_chat_title("Company forum", "Help desk") == "Company forum / Help desk"
    shortened = topic_chat_title("C" * 250, "Help desk")
    assert shortened == "C" * 243 + "… / Help desk"  # the chat's name gives way: topics differ
    assert len(shortened) == TITLE_LIMIT
    long_topic = topic_chat_title("Company forum", "T" * 300)
    assert long_topic == ("Company forum / " + "T" * 300)[: TITLE_LIMIT - 1] + "…"
    assert len(long_topic) == TITLE_LIMIT


def _planned(plans: list[MessagePlan]) -> PlannedChat:
    chat = ChatInfo(name="Forum", type=TelegramChatType.PRIVATE_SUPERGROUP, id=5)
    spec = ChatSpec(title="Forum", type=ChatType.GROUP, owner="alice")
    spool = PlanSpool(owner="alice")
    for plan in plans:
        spool.add(plan)
    return PlannedChat(chat=chat, plans=spool, spec=spec, stats=LoadStats(messages=4))


def test_topics_of_the_same_name_get_chats_told_apart(tmp_path: Path) -> None:
    config = load_config(
        write_config(
            tmp_path / "config.toml",
            export=tmp_path,
            port=1,
            chat_type="group",
            extra='topics = "separate"',
        )
    )
    plans = [
        MessagePlan(1, topic_id=1, topic="Help"),
        MessagePlan(2, topic_id=2, topic="help"),
        MessagePlan(3, topic_id=1, topic="Help"),
        MessagePlan(4),
    ]
    parts = split_topics(config, _planned(plans))
    assert [(p.key, p.spec.title, [m.message_id for m in p.plans]) for p in parts] == [
        ("tg5", "Forum", [4]),
        ("tg5-topic1", "Forum / Help", [1, 3]),
        ("tg5-topic2", "Forum / help (2)", [2]),
    ]
    assert [p.stats.messages for p in parts] == [4, 0, 0]  # the loader's findings once
    assert split_topics(config, _planned(plans[:3]))[0].stats.messages == 4  # no General


def test_a_forum_among_all_chats_becomes_its_topic_chats(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    export = tmp_path / "export"
    forum = json.loads((FORUM / "result.json").read_text(encoding="utf-8"))
    project = {"name": "Project", "type": "private_group", "id": 3001}
    chats = [{**project, "messages": group_messages(export)}, forum]
    data = {"chats": {"list": chats}, "left_chats": {"list": []}}
    (export / "result.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    config = write_config(
        tmp_path / "config.toml",
        export=export,
        port=emu.port,
        chat_type="group",
        extra='topics = "separate"',
    )
    options = replace(build_options(config, tmp_path), all_chats=True)
    assert build_chat(options) == 0
    index = json.loads((tmp_path / "out" / "index.json").read_text("utf-8"))
    assert [(c["chat_key"], c["title"], c["report"]) for c in index["chats"]] == [
        ("tg3001", "Project", "tg3001/report.html"),
        (MAIN, "Company forum", "tg888/report.html"),
        (HELP_DESK, "Company forum / Help desk", "tg888-topic1/report.html"),
        (RELEASES, "Company forum / Releases", "tg888-topic3/report.html"),
    ]
    assert [m.text for m in read_back(emu, config, HELP_DESK)] == [
        "ℹ️ <b>Alice</b> created the topic “Help desk”",
        "The printer on floor 3 is down",
        "Rebooted it, works again",
    ]
    assert len(emu.state.chats) == 4
