"""``--repair``: posts the server lost after acknowledging them are sent again, exactly those,
after the others; a post whose message the server still has is never sent again."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from migrator.connector import ServerMessage
from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat
from migrator.engine.cli import parse_args
from migrator.errors import MigratorError
from migrator.ledger import Ledger, PostRecord, PostState, ledger_path_for
from migrator.plan.post import Attribution, Post, PostKey, PostKind
from migrator.verify import compare

from .exports import write_config, write_export
from .helpers import build_options, chat_id_of, read_chat
from .test_crash import crash_export

CHAT_KEY = "tg88"


def migrated(emu: RunningEmulator, tmp_path: Path) -> Path:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="Loss", chat_id=88, messages=crash_export(export, 12)
    )
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    assert build_chat(build_options(config, tmp_path)) == 0
    return config


def records(config: Path, emu: RunningEmulator) -> dict[PostKey, PostRecord]:
    with Ledger(ledger_path_for(config)) as ledger:
        return ledger.chat(server=emu.base_url, chat_key=CHAT_KEY).records()


def key(message: int) -> PostKey:
    return PostKey(CHAT_KEY, message, 0)


def lose(emu: RunningEmulator, chat_id: str, message_ids: list[str], *, by_id: bool = True) -> None:
    """The server forgets messages (a restore from backup); ``by_id=False``: they only drop out
    of the chat's history, the server still knows them."""
    with emu.state.lock:
        chat = emu.state.chats[chat_id]
        chat.message_ids = [m for m in chat.message_ids if m not in message_ids]
        if by_id:
            for message_id in message_ids:
                del emu.state.messages[message_id]


def test_repair_sends_exactly_the_lost_posts_again_after_the_others(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = migrated(emu, tmp_path)
    options = build_options(config, tmp_path)
    chat_id = chat_id_of(config, emu, CHAT_KEY)
    before = records(config, emu)
    file_post = before[key(4)]  # a file with its caption: two messages
    assert file_post.caption_message_id is not None
    lost = [key(2), key(4), key(6)]  # 6 replies to 5, which stays
    lost_ids = [before[key(2)].message_id, file_post.message_id, file_post.caption_message_id]
    lost_ids.append(before[key(6)].message_id)
    lose(emu, chat_id, [i for i in lost_ids if i])
    kept = [m.message_id for m in read_chat(emu, chat_id)]
    capsys.readouterr()

    assert build_chat(replace(options, verify=True)) == 1
    out = capsys.readouterr().out
    for post in lost:
        what = "file" if post.message_id == 4 else "message"
        named = f"#{post.message_id} «{what} {post.message_id}»"
        assert f"{named}: message {before[post].message_id} is missing on the server" in out

    assert build_chat(replace(options, repair=True)) == 0
    out = capsys.readouterr().out
    assert (
        "3 posts the server had lost are sent again, after the others: "
        "#2 «message 2», #4 «file 4», #6 «message 6»" in out
    )

    after = read_chat(emu, chat_id)
    assert [m.message_id for m in after[: len(kept)]] == kept  # nothing else was touched
    again = after[len(kept) :]
    assert [(m.login, m.text, m.file_name) for m in again] == [
        ("bob", "message 2", None),
        ("bob", None, "part4.txt"),
        ("bob", "file 4", None),
        ("bob", "message 6", None),
    ]
    assert again[3].reply_to == before[key(5)].message_id  # the reply link the ledger knows
    now = records(config, emu)
    for post in lost:
        assert now[post].state is PostState.SENT
        assert now[post].lost_message_id == before[post].message_id
        assert now[post].message_id not in lost_ids
    assert {k: r for k, r in now.items() if k not in lost} == {
        k: r for k, r in before.items() if k not in lost
    }
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["re-sent out of order"] == 3
    noted = [m["message_id"] for m in report["messages"] if any("re-sent" in n for n in m["notes"])]
    assert noted == [2, 4, 6]

    assert build_chat(replace(options, verify=True)) == 0  # clean, re-sent posts out of order
    assert build_chat(replace(options, repair=True)) == 0  # nothing lost any more
    assert "the server has every post the ledger records as sent" in capsys.readouterr().out
    assert len(read_chat(emu, chat_id)) == len(after)


def test_repair_never_sends_again_what_the_server_still_has(
    emu: RunningEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = migrated(emu, tmp_path)
    options = build_options(config, tmp_path)
    chat_id = chat_id_of(config, emu, CHAT_KEY)
    before = records(config, emu)
    caption_only = before[key(8)].caption_message_id
    assert caption_only is not None
    lose(emu, chat_id, [caption_only])  # the file stays: sending the post again would double it
    hidden = before[key(3)].message_id
    assert hidden is not None
    lose(emu, chat_id, [hidden], by_id=False)  # not in the history, yet the server has it
    count = len(emu.state.messages)
    capsys.readouterr()

    assert build_chat(replace(options, repair=True)) == 1  # needs attention: not repaired
    out = capsys.readouterr().out
    assert "#8 «file 8»: the server lost the file or its caption, not both; not sent again" in out
    assert "#3 «message 3»: missing from the chat history, but the server still has its" in out
    assert len(emu.state.messages) == count  # nothing was posted
    assert records(config, emu) == before


def _text_post(message: int, reply_to: int | None = None) -> Post:
    return Post(
        key(message),
        "bob",
        Attribution.AUTHOR,
        PostKind.TEXT,
        f"m{message}",
        reply_to=key(reply_to) if reply_to else None,
    )


def _on_server(message_id: str, position: int, reply_to: str | None = None) -> ServerMessage:
    text = f"m{message_id.removeprefix('new-')}"
    return ServerMessage(message_id, "bob@s", 200, position, position, text=text, reply_to=reply_to)


def _sent(message: int, message_id: str, lost: str | None = None) -> PostRecord:
    return PostRecord(
        key(message),
        message,
        PostState.SENT,
        "bob",
        f"m{message}",
        None,
        message_id,
        None,
        None,
        lost,
    )


def test_verify_takes_re_sent_posts_out_of_the_order_check_and_nothing_else() -> None:
    posts = [_text_post(1), _text_post(2), _text_post(3, reply_to=2)]
    ledger = {key(1): _sent(1, "1"), key(2): _sent(2, "new-2", lost="2"), key(3): _sent(3, "3")}
    # 3 was posted before 2 was lost: its link names the lost copy; 2 now stands last.
    server = [_on_server("1", 1), _on_server("3", 3, reply_to="2"), _on_server("new-2", 4)]
    assert compare(posts, ledger, server).ok
    unlinked = [_on_server("1", 1), _on_server("3", 3), _on_server("new-2", 4)]
    assert compare(posts, ledger, unlinked).differences == (
        "#3 «m3»: reply link None, expected 'new-2'",
    )
    swapped = [_on_server("3", 1, reply_to="2"), _on_server("1", 2), _on_server("new-2", 4)]
    assert not compare(posts, ledger, swapped).ok  # the others' order still counts
    plain = {**ledger, key(2): _sent(2, "new-2")}
    assert not compare(posts, plain, server).ok  # without the ledger's word, it is out of order


@pytest.mark.parametrize("other", ["--dry-run", "--verify", "--new-chat"])
def test_repair_goes_with_no_other_mode(other: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        parse_args(["--repair", other])
    assert caught.value.code == 2
    assert "--repair cannot be combined" in capsys.readouterr().err
    assert parse_args(["--repair"]).repair


def test_repair_before_any_migration_says_so(emu: RunningEmulator, tmp_path: Path) -> None:
    export = tmp_path / "export"
    write_export(
        export, kind="private_group", name="L", chat_id=88, messages=crash_export(export, 2)
    )
    config = write_config(tmp_path / "config.toml", export=export, port=emu.port, chat_type="group")
    with pytest.raises(MigratorError, match="Nothing to repair") as caught:
        build_chat(build_options(config, tmp_path, repair=True))
    assert "without --repair" in str(caught.value)
    assert emu.state.chats == {}
