"""Sending the posts of one chat, strictly in order, with the ledger as the source of truth.

Crash-safety protocol, per post: mark ``sending`` with the exact text and file name (commit) →
send → mark ``sent(message id)`` (commit). A post found in ``sending`` (a crash, or a request whose
answer was lost) is looked up in the chat history before anything is sent again (``reconcile``):
found → ``sent`` with that id; not found → sent again. Posts of a chat are sent one at a time, so
at most one post of a chat is ever in ``sending``.

Off the ordered path, the next file posts are prepared and uploaded ahead (``pipeline``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from trueconf.enums import ParseMode
from trueconf.exceptions import ApiErrorException
from trueconf.methods.send_file import SendFile

from migrator.errors import MigratorError
from migrator.ledger import ChatLedger, PostRecord, PostState
from migrator.plan.lines import attribution_line
from migrator.plan.post import Post, PostKey
from migrator.send.chat_open import ChatOpener
from migrator.send.chat_setup import ChatSpec
from migrator.send.failures import owner_error, reauthenticate_or_fail, server_error
from migrator.send.history import PAGE_SIZE, ServerMessage, read_history
from migrator.send.pipeline import PrepareFn, Uploaded, UploadPipeline
from migrator.send.reconcile import find_in_history, known_message_ids
from migrator.send.retry import (
    Backoff,
    ConnectionDropped,
    Outcome,
    SessionUnavailable,
    classify,
    describe,
)
from migrator.send.session import SessionPool
from migrator.send.upload import Uploader

log = logging.getLogger(__name__)

# Test hook for the crash test: "N:phase" kills the process with SIGKILL at post N (0-based,
# counting posts this run sends) in phase before_send | after_send | after_mark, or with
# "0:after_create_chat" once the chat exists on the server but before the ledger records it.
KILL_ENV = "MIGRATOR_TEST_KILL_AT"


class Status(StrEnum):
    SENT = "sent"  # sent in this run
    ALREADY_SENT = "already_sent"  # sent by an earlier run (ledger)
    RECONCILED = "reconciled"  # found on the server after a crash or a lost answer
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class PostOutcome:
    post: Post
    status: Status
    message_id: str | None = None
    sent_by: str | None = None
    reason: str | None = None
    note: str | None = None  # e.g. "author could not sign in: posted by the owner"


def attribution_prefix(name: str) -> str:
    """Shown before a post the owner sends for an author who could not sign in (the planner's
    own attribution line, so both cases look the same)."""
    return attribution_line(name) + "<br>"


@dataclass(frozen=True, slots=True)
class _Retry:
    """An attempt that did not settle the post; ``error`` is what went wrong, if worth reporting."""

    error: BaseException | None


class ChatSender:
    """Migrates one chat: opens it on the server, then sends its posts in order."""

    def __init__(
        self,
        *,
        pool: SessionPool,
        uploader: Uploader,
        ledger: ChatLedger,
        spec: ChatSpec,
        prepare: PrepareFn | None = None,
        backoff: Backoff | None = None,
        lookahead: int = 8,
        upload_concurrency: int = 3,
        pipeline: bool = True,
        on_outcome: Callable[[PostOutcome], None] | None = None,
        history_page_size: int = PAGE_SIZE,  # the server profile's (build_chat.py --probe)
    ) -> None:
        self.pool = pool
        self._history_page_size = history_page_size
        self.ledger = ledger
        self.spec = spec
        self.backoff = backoff or Backoff()
        self._uploads = UploadPipeline(
            pool=pool,
            uploader=uploader,
            prepare=prepare,
            lookahead=max(1, lookahead) if pipeline else 0,
            upload_concurrency=upload_concurrency,
        )
        self._on_outcome = on_outcome
        self._unavailable: dict[str, str] = {}  # login → why the owner posts for it
        # Participants the server would not add (no account, …) → the server's answer.
        self._ids: dict[PostKey, str] = {}
        self._sent_this_run = 0
        self._reconciled: frozenset[PostKey] = frozenset()
        self.chat_id: str | None = None
        self._kill_at = _parse_kill(os.environ.get(KILL_ENV))

    # -- chat ----------------------------------------------------------------------------------

    async def ensure_chat(self) -> str:
        """Reuse the chat the ledger knows, or create it; then admit every participant.

        A participant the server refuses for good (no such account, …) does not stop the run:
        their posts go out as the owner's, with their name shown, and the report says so.
        """
        opener = ChatOpener(
            pool=self.pool,
            ledger=self.ledger,
            spec=self.spec,
            backoff=self.backoff,
            pause=self._pause,
            after_create=lambda: self._maybe_kill("after_create_chat"),
        )
        self.chat_id = await opener.open(on_refused=self._not_admitted)
        return self.chat_id

    def _not_admitted(self, login: str, refusal: str) -> None:
        log.warning(
            "%s could not be added to the chat (%s): the owner posts their messages "
            "with their name shown; create the account with add_users_to_server.py "
            "(then build_chat.py --new-chat to migrate again under their name)",
            login,
            refusal,
        )
        self._unavailable[login] = f"could not be added to the chat: {refusal}"

    # -- posts ---------------------------------------------------------------------------------

    async def send_all(self, posts: Sequence[Post]) -> list[PostOutcome]:
        """Send every post not yet sent, in order; returns one outcome per post."""
        if self.chat_id is None:
            await self.ensure_chat()
        records = self.ledger.records()
        self.ledger.mark_planned((post.key, seq) for seq, post in enumerate(posts))
        await self._reconcile(records)
        records = self.ledger.records()
        outcomes: list[PostOutcome] = []
        try:
            for seq, post in enumerate(posts):
                record = records.get(post.key)
                if record is not None and record.state is PostState.SENT and record.message_id:
                    outcome = self._earlier_outcome(post, record, record.message_id)
                else:
                    self._uploads.schedule_after(posts, seq, records, self._uploader_of)
                    outcome = await self._send_one(seq, post)
                outcomes.append(outcome)
                if self._on_outcome is not None:
                    self._on_outcome(outcome)
        finally:
            self._uploads.cancel_all()
        return outcomes

    def _earlier_outcome(self, post: Post, record: PostRecord, message_id: str) -> PostOutcome:
        """A post the ledger has as sent: by an earlier run, or found by ``_reconcile``."""
        self._ids[post.key] = message_id
        status = Status.RECONCILED if record.key in self._reconciled else Status.ALREADY_SENT
        return PostOutcome(post, status, message_id, record.author)

    async def _reconcile(self, records: dict[PostKey, PostRecord]) -> None:
        """Settle every post left in ``sending``: sent if the server has it, else planned."""
        pending = [r for r in records.values() if r.state is PostState.SENDING]
        found: set[PostKey] = set()
        for record in pending:
            on_server = await self._find_on_server(record)
            if on_server is not None:
                message_id, caption_id = on_server
                self.ledger.mark_sent(record.key, message_id, caption_message_id=caption_id)
                found.add(record.key)
                log.info("post %s was already on the server as %s", record.key, message_id)
            else:
                self.ledger.mark_planned_again(record.key)
        self._reconciled = frozenset(found)

    async def _find_on_server(self, record: PostRecord) -> tuple[str, str | None] | None:
        """The post's message id on the server (and its caption's), or None if not there."""
        after = self.ledger.last_sent_message_id(before_seq=record.seq)
        known = known_message_ids(self.ledger.records().values())
        messages = await self._history_after(after)
        return find_in_history(messages, record, known)

    async def _history_after(self, after: str | None) -> list[ServerMessage]:
        assert self.chat_id is not None
        chat_id = self.chat_id
        async with self.pool.lease(self.spec.owner) as owner:
            for attempt in range(self.backoff.attempts):
                try:
                    messages: list[ServerMessage] = await owner.call(
                        lambda bot: read_history(
                            bot, chat_id, stop_at=after, page_size=self._history_page_size
                        )
                    )
                    return messages
                except Exception as exc:
                    if classify(exc) is Outcome.DEFINITIVE or attempt == self.backoff.attempts - 1:
                        raise server_error("Reading the chat back failed", exc) from exc
                    if classify(exc) is Outcome.AUTH:
                        await reauthenticate_or_fail(owner)
                    await self._pause(attempt, exc)
        raise AssertionError("unreachable")

    async def _send_one(self, seq: int, post: Post) -> PostOutcome:
        body = self._body_of(post)
        last_error: BaseException | None = None
        for attempt in range(self.backoff.attempts):
            result = await self._attempt(seq, post, body, attempt)
            if isinstance(result, PostOutcome):
                return result
            last_error = result.error or last_error
        reason = describe(last_error) if last_error else "could not be sent"
        return self._fail(post, f"gave up after {self.backoff.attempts} attempts: {reason}")

    def _body_of(self, post: Post) -> str:
        """The post's HTML, led by the quoted original when the reply target is not on the
        server."""
        if post.reply_to is not None and self._reply_id(post) is None and post.reply_fallback_html:
            return post.reply_fallback_html + post.html
        return post.html

    def _reply_id(self, post: Post) -> str | None:
        return self._ids.get(post.reply_to) if post.reply_to is not None else None

    async def _attempt(self, seq: int, post: Post, body: str, attempt: int) -> PostOutcome | _Retry:
        """One try: upload (if a file), mark ``sending``, send, mark ``sent``."""
        sender, text, note = self._sender_for(post, body)
        if post.file is None and not text.strip():
            return self._fail(post, "empty text")
        try:
            uploaded = await self._uploads.temporal_file(post, sender)
        except Exception as exc:
            return await self._upload_failed(post, attempt, exc)
        self.ledger.mark_sending(
            post.key,
            seq=seq,
            author=sender,
            sent_text=text,
            file_name=uploaded.file_name if uploaded else None,
        )
        self._maybe_kill("before_send")
        try:
            message_id, caption_id = await self._deliver(post, sender, text, uploaded)
        except Exception as exc:
            return await self._delivery_failed(post, sender, note, attempt, exc)
        self._maybe_kill("after_send")
        return self._sent(post, message_id, sender, note, caption_id=caption_id)

    async def _upload_failed(
        self, post: Post, attempt: int, exc: Exception
    ) -> PostOutcome | _Retry:
        if isinstance(exc, SessionUnavailable):
            self._mark_unavailable(exc)
            return _Retry(None)
        if isinstance(exc, MigratorError):
            return self._fail(post, exc.message)
        if classify(exc) is Outcome.DEFINITIVE:
            return self._fail(post, describe(exc))
        await self._pause(attempt, exc)
        return _Retry(exc)

    async def _delivery_failed(
        self, post: Post, sender: str, note: str | None, attempt: int, exc: Exception
    ) -> PostOutcome | _Retry:
        if isinstance(exc, SessionUnavailable):
            self._mark_unavailable(exc)
            self.ledger.mark_planned_again(post.key)
            return _Retry(None)
        outcome = classify(exc)
        if outcome is Outcome.DEFINITIVE:
            return self._fail(post, describe(exc))
        if outcome is Outcome.AMBIGUOUS:
            record = self.ledger.record(post.key)
            found = await self._find_on_server(record) if record else None
            if found is not None:
                return self._sent(post, found[0], sender, note, caption_id=found[1])
        if outcome is Outcome.AUTH:
            await self._reauthenticate(sender)
        self.ledger.mark_planned_again(post.key)
        await self._pause(attempt, exc)
        return _Retry(exc)

    def _uploader_of(self, post: Post) -> str:
        """Who would send ``post`` now, so its file is uploaded by that account ahead of time."""
        sender, _, _ = self._sender_for(post, post.html)
        return sender

    def _sender_for(self, post: Post, body: str) -> tuple[str, str, str | None]:
        """Who sends the post and with what text: the author, or the owner on their behalf."""
        if post.author == self.spec.owner or (
            post.author not in self._unavailable and self.pool.can_sign_in(post.author)
        ):
            return post.author, body, None
        why = self._unavailable.get(
            post.author, "cannot sign in (no valid token and no password in [users])"
        )
        name = post.original_name or post.author
        note = f"{post.author} {why}: posted by the owner"
        return self.spec.owner, attribution_prefix(name) + body, note

    def _mark_unavailable(self, exc: SessionUnavailable) -> None:
        if exc.login == self.spec.owner:
            raise owner_error(exc) from exc
        log.warning("%s cannot sign in (%s): the owner posts for them", exc.login, exc.reason)
        self._unavailable[exc.login] = f"cannot sign in ({exc.reason})"

    async def _reauthenticate(self, login: str) -> None:
        async with self.pool.lease(login) as session:
            try:
                await session.reauthenticate()
            except SessionUnavailable as exc:
                self._mark_unavailable(exc)

    async def _deliver(
        self, post: Post, sender: str, text: str, uploaded: Uploaded | None
    ) -> tuple[str, str | None]:
        assert self.chat_id is not None
        chat_id = self.chat_id
        reply_id = self._reply_id(post)
        temporal_id = uploaded.temporal_id if uploaded else None
        async with self.pool.lease(sender) as session:
            if temporal_id is None:
                sent = await session.call(
                    lambda bot: bot.send_message(chat_id, text, ParseMode.HTML, reply_id)
                )
                return str(sent.message_id), None
            else:
                response = await session.call(
                    lambda bot: bot(
                        SendFile(
                            chat_id=chat_id,
                            temporal_file_id=temporal_id,
                            text=text or None,
                            parse_mode=ParseMode.HTML.value if text else None,
                            reply_message_id=reply_id,
                        )
                    )
                )
        caption_id = response.caption_message_id
        return str(response.message_id), str(caption_id) if caption_id else None

    # -- helpers -------------------------------------------------------------------------------

    def _sent(
        self,
        post: Post,
        message_id: str,
        sender: str,
        note: str | None,
        *,
        caption_id: str | None = None,
    ) -> PostOutcome:
        self.ledger.mark_sent(post.key, message_id, caption_message_id=caption_id)
        self._maybe_kill("after_mark")
        self._ids[post.key] = message_id
        self._sent_this_run += 1
        return PostOutcome(post, Status.SENT, message_id, sender, note=note)

    def _fail(self, post: Post, reason: str) -> PostOutcome:
        self.ledger.mark_failed(post.key, reason)
        log.warning("post %s failed: %s", post.key, reason)
        return PostOutcome(post, Status.FAILED, reason=reason)

    async def _pause(self, attempt: int, error: BaseException) -> None:
        delay = self.backoff.delay(attempt)
        if isinstance(error, ApiErrorException) and isinstance(error.payload, dict):
            retry_after = error.payload.get("retryAfter")
            if isinstance(retry_after, int | float) and retry_after > 0:
                delay = max(delay, retry_after / 1000)
        log.info("retrying in %.2f s after %s", delay, describe(error))
        await asyncio.sleep(delay)

    def _maybe_kill(self, phase: str) -> None:
        if self._kill_at is not None and self._kill_at == (self._sent_this_run, phase):
            os.kill(os.getpid(), signal.SIGKILL)


def _parse_kill(value: str | None) -> tuple[int, str] | None:
    if not value:
        return None
    count, _, phase = value.partition(":")
    return int(count), phase or "after_send"


__all__ = [
    "ChatSender",
    "ConnectionDropped",
    "PostOutcome",
    "Status",
    "attribution_prefix",
]
