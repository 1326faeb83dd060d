"""More authors than the session pool holds: each signs in with the password once, and closing
the session needed farthest ahead keeps every message once and in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.emulator.server import RunningEmulator
from migrator.engine import build_chat

from .exports import _message, write_config, write_export
from .helpers import (
    TEAM_CHAT_KEY,
    build_options,
    chat_id_of,
    expected_rows,
    planned_posts,
    read_chat,
    transcript,
)

AUTHORS = [f"author{n}" for n in range(10)]


def _many_authors_chat(
    emu: RunningEmulator, tmp_path: Path, order: list[int], *, connections: int
) -> Path:
    for number, login in enumerate(AUTHORS):
        emu.add_user(login, f"{login}-pass-{number}", display_name=login.title())
    messages = [
        _message(mid, 2000 + author, f"Author {author}", f"message {mid} by author {author}")
        for mid, author in enumerate(order, start=1)
    ]
    export = write_export(
        tmp_path / "export", kind="private_group", name="Many", chat_id=777, messages=messages
    )
    users = {
        login: {"password": f"{login}-pass-{number}", "telegram_id": f"user{2000 + number}"}
        for number, login in enumerate(AUTHORS)
    }
    config = write_config(
        tmp_path / "config.toml",
        export=export,
        port=emu.port,
        chat_type="group",
        owner="author0",
        users=users,
    )
    text = config.read_text(encoding="utf-8")
    server_key = f"[server]\nmax_connections = {connections}\n"
    config.write_text(text.replace("[server]\n", server_key), encoding="utf-8")
    return config


def test_more_authors_than_sessions_sign_in_once_each(emu: RunningEmulator, tmp_path: Path) -> None:
    # Round robin through 10 authors with 4 sessions: a pool that forgot the token of the
    # session it closed would sign in again on nearly every post.
    order = [n % 10 for n in range(40)] + [3, 3, 7, 3, 7, 9, 0, 9]
    config = _many_authors_chat(emu, tmp_path, order, connections=4)
    assert build_chat(build_options(config, tmp_path)) == 0
    # A session the pool closed reconnects with its library bot: the server's version is asked
    # by each author's first connection (and once for the server's name), not again by each of
    # the reconnections (31 requests before bots were kept).
    assert emu.state.version_requests <= len(AUTHORS) + 1
    messages = read_chat(emu, chat_id_of(config, emu, TEAM_CHAT_KEY), owner="author0")
    assert transcript(messages) == expected_rows(planned_posts(config))
    assert [m.text for m in messages] == [
        f"message {mid} by author {author}" for mid, author in enumerate(order, start=1)
    ]
    sign_ins = dict(emu.state.password_sign_ins)
    assert set(sign_ins) == set(AUTHORS)
    assert all(count == 1 for count in sign_ins.values()), sign_ins


def test_a_rerun_with_a_small_pool_sends_nothing_twice(
    emu: RunningEmulator, tmp_path: Path
) -> None:
    order = [n % 10 for n in range(30)]
    config = _many_authors_chat(emu, tmp_path, order, connections=3)
    assert build_chat(build_options(config, tmp_path)) == 0
    assert build_chat(build_options(config, tmp_path)) == 0
    messages = read_chat(emu, chat_id_of(config, emu, TEAM_CHAT_KEY), owner="author0")
    assert [m.text for m in messages] == [
        f"message {mid} by author {author}" for mid, author in enumerate(order, start=1)
    ]


def test_sessions_of_authors_done_posting_are_closed(emu: RunningEmulator, tmp_path: Path) -> None:
    # Each author says hello once, then author0 writes on alone: every later post would be pushed
    # to, and acknowledged by, nine sessions that will never post again if they stayed open.
    order = list(range(10)) + [0] * 150
    config = _many_authors_chat(emu, tmp_path, order, connections=32)
    assert build_chat(build_options(config, tmp_path)) == 0
    pushed, _ = emu.pushes()
    messages = read_chat(emu, chat_id_of(config, emu, TEAM_CHAT_KEY), owner="author0")
    assert [m.text for m in messages] == [
        f"message {mid} by author {author}" for mid, author in enumerate(order, start=1)
    ]
    assert pushed < 9 * 150 // 4, pushed  # far fewer than nine sessions reading every post
    assert all(count == 1 for count in emu.state.password_sign_ins.values())


@pytest.mark.parametrize("first", [False, True], ids=["fourth", "second"])
def test_authors_signed_in_ahead_together_try_a_wrong_password_once(
    emu: RunningEmulator, tmp_path: Path, first: bool
) -> None:
    # The first authors sign in together while the chat is set up and the first posts go;
    # author3's password is wrong: that refusal is what the first of author3's posts meets,
    # not a second attempt, even when that post (the second) waits for the sign-in ahead.
    order = [n % 5 for n in range(20)]
    if first:
        order[1], order[3] = 3, 1
    config = _many_authors_chat(emu, tmp_path, order, connections=32)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("author3-pass-3", "not-the-password"), encoding="utf-8")
    assert build_chat(build_options(config, tmp_path)) == 0
    messages = read_chat(emu, chat_id_of(config, emu, TEAM_CHAT_KEY), owner="author0")
    assert len(messages) == len(order)
    by_author3 = [m for mid, m in enumerate(messages, start=1) if order[mid - 1] == 3]
    assert all(m.author.startswith("author0@") for m in by_author3)  # posted by the owner
    mids = [mid for mid, author in enumerate(order, start=1) if author == 3]
    texts = [f"message {mid} by author 3" for mid in mids]
    assert all(t in m.text for t, m in zip(texts, by_author3, strict=True))
    assert emu.state.password_refusals["author3"] == 1
    assert all(count == 1 for count in emu.state.password_sign_ins.values())
    assert set(emu.state.password_sign_ins) == {f"author{n}" for n in (0, 1, 2, 4)}
