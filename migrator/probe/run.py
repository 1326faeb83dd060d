"""The probe's steps: each check's requests through ``ProbeServer``, then its pure evaluation.

The idle check runs on its own connection while the others go on; the file that must survive a
wait is sent once that wait is over. Every scratch chat is removed at the end, whatever happened.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from migrator.i18n import tr
from migrator.probe import checks
from migrator.probe.checks import EchoSample, FileAttempt, SeenMessage, seen_message
from migrator.probe.profile import CheckResult
from migrator.probe.scratch import ScratchChats
from migrator.probe.server import MAIN, ProbeRefused, ProbeServer
from migrator.probe.texts import CHECKS

log = logging.getLogger(__name__)
T = TypeVar("T")

HISTORY_POSTS = 100  # the longest page the migration asks for
PIPELINED_POSTS = 8
READ_PAGE = 50
FILE_NAME = "tg2trueconf-probe.txt"
FILE_DATA = b"tg2trueconf probe: a scratch file, removed with its chat\n"
CAPTION = "probe caption"
WRITER_ROLE = "writer"
_LONG_WORDS = "Съешь же ещё этих мягких французских булок, да выпей чаю. "

# Texts with the markup the renderer produces, read back byte for byte.
ECHO_SAMPLES: tuple[tuple[str, str], ...] = (
    (
        "links",
        'see <a href="https://example.org/a?b=1&amp;c=2">example</a> and https://example.org',
    ),
    ("entities", "&lt;tag&gt; &amp; &quot;quoted&quot; &#39;apostrophe&#39;"),
    ("line_breaks", "first line<br>second line\nthird line"),
    (
        "nesting",
        "<b>bold <i>bold italic <u>underlined</u></i></b> <s>struck</s> <code>x = 1</code>",
    ),
    ("emoji", "😀 👍🏽 🇷🇺 ❤️ 👨‍👩‍👧"),
    ("spaces", "two  spaces, a tab\tand a space at the end "),
    ("long_cyrillic", (_LONG_WORDS * 80)[:4095] + "ж"),
)


@dataclass(frozen=True, slots=True)
class ProbeSetup:
    owner: str
    second: str | None  # another account with credentials, for the checks that need two
    peer: str | None  # another login for the personal chat (the second account when there is one)
    idle_seconds: float = 90.0


@dataclass
class Tally:
    """Posts left unsure (300, 301, no answer), and how many of them the chat held after all."""

    unanswered: int = 0
    applied: int = 0


async def send_surely(
    server: ProbeServer, tally: Tally, login: str, chat_id: str, html: str
) -> str:
    """Post ``html`` (unique in its chat) once: after an unsure answer, look for it first."""
    try:
        return await server.send_text(login, chat_id, html)
    except ProbeRefused as exc:
        if not exc.unsure:
            raise
        tally.unanswered += 1
    newest = [seen_message(raw) for raw in await server.history_page(login, chat_id, count=5)]
    stored = next((m for m in newest if m.text == html), None)
    if stored is not None:
        tally.applied += 1
        return stored.message_id
    return await server.send_text(login, chat_id, html)


@dataclass
class ProbeOutcome:
    version: str | None = None
    checks: dict[str, CheckResult] = field(default_factory=dict)
    removed: int = 0
    left: list[str] = field(default_factory=list)


async def run_probe(server: ProbeServer, setup: ProbeSetup, *, started: datetime) -> ProbeOutcome:
    outcome = ProbeOutcome()
    scratch = ScratchChats(server, setup.owner, started)
    await scratch.remove_leftovers()
    try:
        await _run_checks(server, setup, scratch, outcome)
    finally:
        await scratch.remove_all()
        # Also a chat whose creation was applied but not answered (a timeout, a dropped socket).
        await scratch.remove_leftovers()
        outcome.removed, outcome.left = scratch.removed, scratch.left
    outcome.checks = {
        name: outcome.checks.get(name) or checks.unfinished(name, "an earlier step failed")
        for name in CHECKS
    }
    return outcome


async def _run_checks(
    server: ProbeServer, setup: ProbeSetup, scratch: ScratchChats, outcome: ProbeOutcome
) -> None:
    found = outcome.checks
    owner = setup.owner
    tally = Tally()
    outcome.version = await server.server_version()
    found["server_version"] = checks.evaluate_server_version(outcome.version)
    history = await _guarded_value(found, "history_page_cap", scratch.group("history"))
    if history is not None:
        history_check = _history(server, tally, owner, history, found)
        await _guarded(found, "history_page_cap", history_check)
    await _guarded(found, "text_echo", _text_echo(server, tally, owner, scratch))
    await _guarded(found, "pipelined_order", _pipelined(server, owner, scratch))
    waiting = await _guarded_value(found, "temporal_file_scope", _files_now(server, owner, scratch))
    await _guarded(found, "p2p_reuse", _p2p(server, setup, scratch))
    await _guarded(found, "channel_writer", _channel(server, tally, setup, scratch))
    await _guarded(found, "author_id_format", _authors(server, tally, setup, scratch))
    await _guarded(found, "unknown_user", _unknown_user(server, owner, scratch))
    found["error_after_effect"] = checks.evaluate_error_after_effect(
        unanswered=tally.unanswered, applied=tally.applied
    )
    # Last, with nothing else going on: the server's pushes about the other checks (and the
    # client's acknowledgements) would keep the idle connection busy.
    dropped_after = await server.idle(owner, setup.idle_seconds, connection="idle")
    found["idle_drop"] = checks.evaluate_idle_drop(
        waited_seconds=setup.idle_seconds, dropped_after=dropped_after
    )
    if waiting is not None:  # the idle check was the wait
        after_wait = _file_after_wait(server, owner, waiting)
        await _guarded(found, "temporal_file_scope", after_wait)


async def _guarded(found: dict[str, CheckResult], name: str, step: Awaitable[CheckResult]) -> None:
    """Run one check; a refusal the check did not expect is itself its finding."""
    try:
        found[name] = await step
    except ProbeRefused as exc:
        log.warning("%s", tr("warn.probe_refused", check=name, error=exc))
        found[name] = checks.unfinished(name, str(exc))


async def _guarded_value(found: dict[str, CheckResult], name: str, step: Awaitable[T]) -> T | None:
    try:
        return await step
    except ProbeRefused as exc:
        log.warning("%s", tr("warn.probe_refused", check=name, error=exc))
        found[name] = checks.unfinished(name, str(exc))
        return None


# -- reading a whole chat ------------------------------------------------------------------------


def _order_key(message: SeenMessage) -> tuple[int, str, int]:
    box = message.box_id if message.box_id is not None else message.timestamp
    return box, (message.box_position or "").rjust(20, "0"), message.timestamp


async def read_all(server: ProbeServer, login: str, chat_id: str) -> list[SeenMessage]:
    """Every message of the chat, oldest first; pages followed until one brings nothing new
    (never because a page was shorter than asked)."""
    seen: dict[str, SeenMessage] = {}
    from_id: str | None = None
    while True:
        page = [
            seen_message(raw)
            for raw in await server.history_page(login, chat_id, count=READ_PAGE, from_id=from_id)
        ]
        fresh = [m for m in page if m.message_id not in seen]
        if not fresh:
            break
        seen.update((m.message_id, m) for m in fresh)
        from_id = min(fresh, key=_order_key).message_id
    return sorted(seen.values(), key=_order_key)


# -- the checks ----------------------------------------------------------------------------------


async def _history(
    server: ProbeServer, tally: Tally, owner: str, chat_id: str, found: dict[str, CheckResult]
) -> CheckResult:
    """Posts HISTORY_POSTS texts and a file with a caption; evaluates history_order and
    caption_shape on the way, returns history_page_cap."""
    sent = [
        await send_surely(server, tally, owner, chat_id, f"probe {n:03d}")
        for n in range(HISTORY_POSTS)
    ]
    temporal = await server.upload(owner, name=FILE_NAME, data=FILE_DATA)
    file_id, caption_id = await server.send_file(owner, chat_id, temporal, caption=CAPTION)
    pair = [file_id, *([caption_id] if caption_id else [])]
    page = [
        seen_message(raw) for raw in await server.history_page(owner, chat_id, count=HISTORY_POSTS)
    ]
    anchor = sent[HISTORY_POSTS // 2]
    anchor_page = [
        seen_message(raw)
        for raw in await server.history_page(owner, chat_id, count=5, from_id=anchor)
    ]
    found["history_order"] = checks.evaluate_history_order(
        sent_ids=[*sent, *pair], page=page, anchor_id=anchor, anchor_page=anchor_page
    )
    everything = await read_all(server, owner, chat_id)
    ids = [m.message_id for m in everything]
    after_texts = everything[ids.index(sent[-1]) + 1 :] if sent[-1] in ids else []
    found["caption_shape"] = checks.evaluate_caption_shape(
        file_id=file_id,
        caption_id=caption_id,
        file_name=FILE_NAME,
        caption=CAPTION,
        created=[m for m in after_texts if m.type in (200, 202)],
    )
    return checks.evaluate_history_page_cap(asked=HISTORY_POSTS, returned=len(page))


async def _text_echo(
    server: ProbeServer, tally: Tally, owner: str, scratch: ScratchChats
) -> CheckResult:
    chat_id = await scratch.group("texts")
    sent = [
        (name, html, await send_surely(server, tally, owner, chat_id, html))
        for name, html in ECHO_SAMPLES
    ]
    stored = {m.message_id: m.text for m in await read_all(server, owner, chat_id)}
    samples = []
    for name, html, message_id in sent:
        by_id = seen_message(await server.message_by_id(owner, message_id)).text
        samples.append(EchoSample(name, html, stored.get(message_id), by_id))
    return checks.evaluate_text_echo(samples)


async def _pipelined(server: ProbeServer, owner: str, scratch: ScratchChats) -> CheckResult:
    chat_id = await scratch.group("pipelined")
    texts = [f"probe pipelined {n:02d}" for n in range(PIPELINED_POSTS)]
    await server.send_texts_together(owner, chat_id, texts)
    stored = [m.text for m in await read_all(server, owner, chat_id) if m.type == 200]
    return checks.evaluate_pipelined_order(texts, stored)


@dataclass(frozen=True, slots=True)
class _Waiting:
    chat_id: str
    attempts: tuple[FileAttempt, ...]
    temporal_id: str
    uploaded_at: float  # time.monotonic()


async def _try_send(
    server: ProbeServer, owner: str, chat_id: str, temporal_id: str, *, connection: str = MAIN
) -> str | None:
    try:
        await server.send_file(owner, chat_id, temporal_id, connection=connection)
    except ProbeRefused as exc:
        return str(exc)
    return None


async def _files_now(server: ProbeServer, owner: str, scratch: ScratchChats) -> _Waiting:
    chat_id = await scratch.group("files")
    first = await server.upload(owner, name=FILE_NAME, data=FILE_DATA)
    await server.reconnect(owner)
    after_reconnect = await _try_send(server, owner, chat_id, first)
    second = await server.upload(owner, name=FILE_NAME, data=FILE_DATA)
    other = await _try_send(server, owner, chat_id, second, connection="other")
    await server.close(owner, connection="other")
    third = await server.upload(owner, name=FILE_NAME, data=FILE_DATA)
    return _Waiting(
        chat_id,
        (FileAttempt("after_reconnect", after_reconnect), FileAttempt("other_connection", other)),
        third,
        time.monotonic(),
    )


async def _file_after_wait(server: ProbeServer, owner: str, waiting: _Waiting) -> CheckResult:
    waited = time.monotonic() - waiting.uploaded_at
    error = await _try_send(server, owner, waiting.chat_id, waiting.temporal_id)
    return checks.evaluate_temporal_file_scope(
        [*waiting.attempts, FileAttempt("after_wait", error, waited)]
    )


async def _p2p(server: ProbeServer, setup: ProbeSetup, scratch: ScratchChats) -> CheckResult:
    if setup.peer is None:
        return checks.not_checked("p2p_reuse", tr("probe.not_checked.no_peer"))
    before = {chat.chat_id for chat in await server.list_chats(setup.owner)}
    first = await server.create_personal(setup.owner, setup.peer)
    second = await server.create_personal(setup.owner, setup.peer)
    for chat_id in {first, second} - before:  # never remove a personal chat that existed
        scratch.adopt(chat_id, f"personal chat {setup.owner} – {setup.peer}")
    return checks.evaluate_p2p_reuse(first, second)


async def _channel(
    server: ProbeServer, tally: Tally, setup: ProbeSetup, scratch: ScratchChats
) -> CheckResult:
    if setup.second is None:
        return checks.not_checked("channel_writer", tr("probe.not_checked.no_second"))
    chat_id = await scratch.channel("channel")
    await server.add_participant(setup.owner, chat_id, setup.second)
    role_error = await _refusal(
        lambda: server.set_role(setup.owner, chat_id, setup.second or "", WRITER_ROLE)
    )
    text = "probe channel post"
    writer = setup.second
    post_error = await _refusal(lambda: send_surely(server, tally, writer, chat_id, text))
    seen = any(m.text == text for m in await read_all(server, setup.owner, chat_id))
    return checks.evaluate_channel_writer(
        role_error=role_error, post_error=post_error, post_seen=seen
    )


async def _refusal(request: Callable[[], Awaitable[object]]) -> str | None:
    try:
        await request()
    except ProbeRefused as exc:
        return str(exc)
    return None


async def _authors(
    server: ProbeServer, tally: Tally, setup: ProbeSetup, scratch: ScratchChats
) -> CheckResult:
    chat_id = await scratch.group("authors")
    logins = [setup.owner, *([setup.second] if setup.second else [])]
    reported = {login: await server.my_id(login) for login in logins}
    await send_surely(server, tally, setup.owner, chat_id, "probe owner author")
    if setup.second:
        await server.add_participant(setup.owner, chat_id, setup.second)
        await send_surely(server, tally, setup.second, chat_id, "probe second author")
    posts: dict[str, list[str]] = {login: [] for login in logins}
    texts = {"probe owner author": setup.owner, "probe second author": setup.second}
    for message in await read_all(server, setup.owner, chat_id):
        login = texts.get(message.text or "")
        if login is not None:
            posts[login].append(message.author_id)
    return checks.evaluate_author_id_format(reported, posts)


async def _unknown_user(server: ProbeServer, owner: str, scratch: ScratchChats) -> CheckResult:
    chat_id = await scratch.group("unknown user")
    nobody = f"tg2trueconf-probe-nobody-{secrets.token_hex(4)}"
    try:
        await server.add_participant(owner, chat_id, nobody)
    except ProbeRefused as exc:
        return checks.evaluate_unknown_user(exc.code)
    return checks.evaluate_unknown_user(None)
