"""Sending the posts of one chat, strictly in order, with the ledger as the source of truth.

Crash-safety protocol, per post: mark ``sending`` with what identifies the post (text, file name
and size, the sender's server id) (commit) → send → mark ``sent(message id)``, committed with the
next transaction or at the end. The next text posts are marked ``sending`` together, before their
turn (one commit for up to ``_MARK_AHEAD`` posts); a post whose text or sender changed by its turn
is marked again then. A post found
in ``sending`` (a crash, or a request whose outcome is unknown) is looked up in the chat history
before anything is sent again (``reconcile``): found → ``sent`` with that id; not found → sent
again. Failures are classified and retried by the one policy of ``migrator.retry``.

Posts go one at a time, unless ``pipelined`` (the server profile found that one connection's
requests are applied in the order sent): then a window of consecutive text posts by the same
sender is marked ``sending`` in one transaction and sent without awaiting each answer. A post of
the window that failed is settled (reconciled, or sent again) before anything after the window
goes out; another sender's post waits until every earlier post is answered.

Off the ordered path, the next file posts are prepared and uploaded ahead (``pipeline``).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from migrator import retry
from migrator.connector import Connector, ServerMessage, SessionUnavailable, read_history
from migrator.connector.history import FIRST_PAGE
from migrator.errors import MediaError, MigratorError
from migrator.i18n import tr
from migrator.ledger import ChatLedger, LedgerError, PostRecord, PostState, SendingEntry
from migrator.plan.lines import attribution_line
from migrator.plan.post import FILE_KINDS, Post, PostKey
from migrator.plan.reference import post_reference
from migrator.send.chat_open import ChatOpener
from migrator.send.chat_setup import ChatSpec
from migrator.send.failures import owner_error, server_error
from migrator.send.pipeline import PrepareFn, Uploaded, UploadPipeline
from migrator.send.reconcile import CAREFUL, Matching, find_in_history

log = logging.getLogger(__name__)

# Posts in flight together on one connection (pipelined): enough to hide a WAN round trip
# behind the next posts, few enough that a failure leaves little to settle.
WINDOW = 32
# Posts sent one at a time but marked ``sending`` together (``_mark_ahead``): one commit for
# them all; after a crash, at most as many are looked up in the history.
_MARK_AHEAD = 32
# The first authors signed in together as the chat is set up (``open_first_authors``): as many,
# found among as many posts not yet sent; the pool signs in later ones as posts go.
_OPEN_AHEAD = 16
_OPEN_AHEAD_SCAN = 2000


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
class _Attempt:
    """Who sends a post in one attempt, with what text, and the note for the report."""

    sender: str
    text: str
    note: str | None


class ChatSender:
    """Migrates one chat: opens it on the server, then sends its posts in order."""

    def __init__(
        self,
        *,
        connector: Connector,
        ledger: ChatLedger,
        spec: ChatSpec,
        prepare: PrepareFn | None = None,
        backoff: retry.Backoff | None = None,
        lookahead: int = 8,
        upload_concurrency: int = 3,
        pipeline: bool = True,
        on_outcome: Callable[[PostOutcome], None] | None = None,
        history_page_size: int = FIRST_PAGE,  # the first page read back (the server profile's)
        matching: Matching = CAREFUL,  # how an interrupted post is found (the server profile's)
        pipelined: bool = False,  # the server keeps the order of requests in flight together
        window: int = WINDOW,
    ) -> None:
        self.connector = connector
        self._history_page_size = history_page_size
        self._matching = matching
        self.ledger = ledger
        self.spec = spec
        self.backoff = backoff or retry.Backoff()
        self._uploads = UploadPipeline(
            connector=connector,
            prepare=prepare,
            lookahead=max(1, lookahead) if pipeline else 0,
            upload_concurrency=upload_concurrency,
        )
        self._on_outcome = on_outcome
        self._window = max(1, window) if pipelined else 1
        self._unavailable: dict[str, str] = {}  # login → why the owner posts for it
        self._author_ids: dict[str, str] = {}  # login → the server's id of its session
        self._reconciled: frozenset[PostKey] = frozenset()
        self.chat_id: str | None = None

    # -- chat ----------------------------------------------------------------------------------

    async def ensure_chat(self) -> str:
        """Reuse the chat the ledger knows, or create it; then admit every participant.

        A participant the server refuses for good (no such account, …) does not stop the run:
        their posts go out as the owner's, with their name shown, and the report says so.
        """
        opener = ChatOpener(
            connector=self.connector, ledger=self.ledger, spec=self.spec, backoff=self.backoff
        )
        self.chat_id = await opener.open(on_refused=self._not_admitted)
        return self.chat_id

    def _not_admitted(self, login: str, refusal: str) -> None:
        log.warning("%s", tr("sender.not_admitted", login=login, refusal=refusal))
        self._unavailable[login] = tr("why.not_admitted", refusal=refusal)

    async def open_first_authors(self, posts: Iterable[Post]) -> None:
        """Sign in together the accounts that send the first posts not sent yet, so that the
        first posts do not wait for their sign-ins one after another. Posts may go meanwhile:
        a post whose author is still signing in waits for that sign-in only."""
        # Every post is sent by its author or the owner: once all who can are found, the rest
        # of the scan would find no one new (a chat of three authors would read 2,000 posts).
        possible = {self._sender_for(author) for author in self.spec.authors}
        wanted = min(_OPEN_AHEAD, len(possible | {self.spec.owner}))
        senders: dict[str, None] = {}
        scanned = itertools.islice(posts, _OPEN_AHEAD_SCAN)
        while len(senders) < wanted and (chunk := list(itertools.islice(scanned, _CHUNK))):
            records = self.ledger.records_of(post.key for post in chunk)
            for post in chunk:
                record = records.get(post.key)
                if record is None or record.state is not PostState.SENT:
                    senders[self._attempt_for(post, post.html).sender] = None
                    if len(senders) == wanted:
                        break
        await self.connector.open_ahead(list(senders))

    # -- posts ---------------------------------------------------------------------------------

    async def send_all(self, posts: Sequence[Post]) -> list[PostOutcome]:
        """Send every post not yet sent, in order; returns one outcome per post."""
        outcomes: list[PostOutcome] = []
        await self.send_each(posts, outcomes.append)
        return outcomes

    async def send_each(
        self, posts: Iterable[Post], keep: Callable[[PostOutcome], None] | None = None
    ) -> None:
        """Send every post not yet sent, in order, reading ``posts`` as it goes (a long chat is
        never whole in memory); each outcome goes to ``keep``, then to ``on_outcome``."""
        if self.chat_id is None:
            await self.ensure_chat()
        await self._reconcile(self.ledger.in_state(PostState.SENDING))
        ahead = _Ahead(posts, self.ledger)
        try:
            seq = 0
            while (post := ahead.at(seq)) is not None:
                records = ahead.records
                record = records.get(post.key)
                if record is not None and record.state is PostState.SENT and record.message_id:
                    done = [self._earlier_outcome(post, record, record.message_id)]
                else:
                    window = await self._window_from(ahead.slice(seq, self._window), records)
                    last = seq + max(0, len(window) - 1)
                    self._uploads.schedule_after(
                        ahead.slice(last, _AHEAD), 0, records, self._uploader_of
                    )
                    if len(window) > 1:
                        done = await self._send_window(seq, window)
                    else:
                        self._mark_ahead(seq, ahead.slice(seq, _MARK_AHEAD), records)
                        done = [await self._send_one(seq, post)]
                for outcome in done:
                    if keep is not None:
                        keep(outcome)
                    if self._on_outcome is not None:
                        self._on_outcome(outcome)
                seq += len(done)
                ahead.release(seq)
        except BaseException:
            # Stopping (Ctrl+C, an error): what cannot be written now stays ``sending`` and is
            # reconciled by the next run; the reason the run stops is the one to report.
            with contextlib.suppress(LedgerError):
                self.ledger.flush()
                self.ledger.release_ahead()
            raise
        finally:
            self._uploads.cancel_all()
        self.ledger.flush()
        self.ledger.release_ahead()

    # -- posts in flight together --------------------------------------------------------------

    async def _window_from(
        self, posts: Sequence[Post], records: dict[PostKey, PostRecord]
    ) -> list[tuple[Post, _Attempt]]:
        """The posts from ``posts[0]`` that may go out together: consecutive unsent text posts
        of one sender, none replying to another of them (its reply link needs that one's id),
        and last a file post of that sender whose file is uploaded already (last: a server may
        take longer over a file than over a text, so nothing of the window is sent after it)."""
        if self._window == 1 or not self._pipelinable(posts[0]):
            return []
        first = self._attempt_for(posts[0], self._body_of(posts[0]))
        try:
            await self._author_id(first.sender)
        except (SessionUnavailable, retry.ServerFailure):
            return []  # the one-at-a-time path decides who posts instead, or retries
        window = [(posts[0], first)]
        keys = {posts[0].key}
        for post in posts[1 : self._window]:
            record = records.get(post.key)
            if record is not None and record.state is PostState.SENT:
                break
            file_last = post.kind in FILE_KINDS and self._uploads.ready(post)
            if not (self._pipelinable(post) or file_last) or post.reply_to in keys:
                break
            attempt = self._attempt_for(post, self._body_of(post))
            if attempt.sender != first.sender:
                break
            window.append((post, attempt))
            keys.add(post.key)
            if file_last:
                break
        return window

    def _mark_ahead(
        self, seq: int, posts: Sequence[Post], records: dict[PostKey, PostRecord]
    ) -> None:
        """``sending`` for the text posts from ``posts[0]`` on, in one transaction, as each
        would be marked in its turn (what ``_attempt`` marks then differs only if something
        changed meanwhile, and is written then). Stops at a file post: its name and size are
        known once it is uploaded."""
        if self.ledger.marked_ahead(posts[0].key):
            return
        entries: list[SendingEntry] = []
        for offset, post in enumerate(posts):
            record = records.get(post.key)
            if record is not None and record.state is PostState.SENT:
                continue
            if not self._pipelinable(post):
                break
            attempt = self._attempt_for(post, self._body_of(post))
            author_id = self._author_ids.get(attempt.sender)
            if author_id is None:
                break  # asked of the server in the post's turn
            entries.append(
                SendingEntry(post.key, seq + offset, attempt.sender, attempt.text, None, author_id)
            )
        if len(entries) > 1:
            self.ledger.mark_sending_ahead(entries)

    def _pipelinable(self, post: Post) -> bool:
        return post.kind not in FILE_KINDS and bool(post.html.strip())

    async def _send_window(
        self, start: int, window: list[tuple[Post, _Attempt]]
    ) -> list[PostOutcome]:
        """Send the window's posts without awaiting each answer; settle the failed ones in
        order afterwards."""
        sender = window[0][1].sender
        author_id = self._author_ids[sender]
        # Uploaded already (``_window_from``): no wait here.
        files = [await self._uploads.temporal_file(post, sender) for post, _ in window]
        self.ledger.mark_sending_all(
            SendingEntry(
                post.key,
                start + i,
                sender,
                attempt.text,
                file_name=uploaded.file_name if uploaded else None,
                author_id=author_id,
                file_size=uploaded.file_size if uploaded else None,
            )
            for i, ((post, attempt), uploaded) in enumerate(zip(window, files, strict=True))
        )
        # Created in order, the requests reach the session's socket in order.
        sends = [
            asyncio.ensure_future(self._deliver(post, attempt, uploaded))
            for (post, attempt), uploaded in zip(window, files, strict=True)
        ]
        answers = await asyncio.gather(*sends, return_exceptions=True)
        for (post, _), answer in zip(window, answers, strict=True):
            if isinstance(answer, tuple):
                self.ledger.mark_sent_soon(post.key, answer[0], caption_message_id=answer[1])
        outcomes: list[PostOutcome] = []
        for i, ((post, attempt), answer) in enumerate(zip(window, answers, strict=True)):
            if isinstance(answer, tuple):
                outcomes.append(
                    PostOutcome(post, Status.SENT, answer[0], attempt.sender, note=attempt.note)
                )
                continue
            outcome, in_order = await self._settle(start + i, post, attempt, answer)
            later = answers[i + 1 :]
            if not in_order and any(isinstance(a, tuple) for a in later):
                # Posts after it were stored before it: the server does not keep the order
                # through such failures, so the rest of the chat goes one post at a time, and
                # the report says where the order differs.
                log.warning("%s", tr("sender.out_of_order", post=post_reference(post)))
                outcome = replace(outcome, note=tr("sender.out_of_order_note"))
                self._window = 1
            outcomes.append(outcome)
        return outcomes

    async def _settle(
        self, seq: int, post: Post, attempt: _Attempt, error: BaseException
    ) -> tuple[PostOutcome, bool]:
        """A post of a window whose send failed, settled; True when the chat's order is kept
        (it was on the server after all, or the server refused it for good)."""
        if isinstance(error, SessionUnavailable):
            self.ledger.mark_planned_again(post.key)
            self._mark_unavailable(error)
            return await self._send_one(seq, post), False
        if not isinstance(error, retry.ServerFailure):
            raise error
        if error.kind is retry.FailureKind.UNKNOWN:
            await self.backoff.pause(0, error, settle=True)
            record = self.ledger.record(post.key)
            found = await self._find_on_server(record) if record is not None else None
            if found is not None:
                log.info(
                    "%s", tr("sender.took_effect", post=post_reference(post), reason=error.reason)
                )
                return self._sent(post, found[0], attempt, caption_id=found[1]), True
        self.ledger.mark_planned_again(post.key)
        if error.kind is retry.FailureKind.REFUSED:
            return self._fail(post, error.reason), True
        if error.kind is retry.FailureKind.AUTH:
            await self._reauthenticate(attempt.sender)
        return await self._send_one(seq, post), False

    def _earlier_outcome(self, post: Post, record: PostRecord, message_id: str) -> PostOutcome:
        """A post the ledger has as sent: by an earlier run, or found by ``_reconcile``."""
        status = Status.RECONCILED if record.key in self._reconciled else Status.ALREADY_SENT
        if status is Status.RECONCILED:
            post_named = post_reference(post)
            log.info("%s", tr("sender.already_there", post=post_named, message_id=message_id))
        return PostOutcome(post, status, message_id, record.author)

    async def _reconcile(self, pending: Sequence[PostRecord]) -> None:
        """Settle every post left in ``sending``: sent if the server has it, else planned."""
        found: set[PostKey] = set()
        for record in pending:
            on_server = await self._find_on_server(record)
            if on_server is not None:
                message_id, caption_id = on_server
                self.ledger.mark_sent(record.key, message_id, caption_message_id=caption_id)
                found.add(record.key)
            else:
                self.ledger.mark_planned_again(record.key)
        self._reconciled = frozenset(found)

    async def _find_on_server(self, record: PostRecord) -> tuple[str, str | None] | None:
        """The post's message id on the server (and its caption's), or None if not there."""
        after = self.ledger.last_sent_message_id(before_seq=record.seq)
        known = self.ledger.sent_message_ids()
        messages = await self._history_after(after)
        return find_in_history(messages, record, known, self._matching)

    async def _history_after(self, after: str | None) -> list[ServerMessage]:
        assert self.chat_id is not None
        try:
            return await read_history(
                self.connector,
                self.spec.owner,
                self.chat_id,
                backoff=self.backoff,
                stop_at=after,
                first_page=self._history_page_size,
            )
        except SessionUnavailable as exc:
            raise owner_error(exc) from exc
        except retry.RetryFailed as exc:
            raise server_error(tr("sender.read_back_failed"), exc) from exc

    async def _send_one(self, seq: int, post: Post) -> PostOutcome:
        body = self._body_of(post)
        current = self._attempt_for(post, body)

        async def attempt() -> PostOutcome:
            nonlocal current
            current = self._attempt_for(post, body)
            return await self._attempt(seq, post, current)

        async def reconcile() -> PostOutcome | None:
            record = self.ledger.record(post.key)
            if record is None or record.state is not PostState.SENDING:
                return None  # the request that failed was not a send of this post
            found = await self._find_on_server(record)
            if found is None:
                self.ledger.mark_planned_again(post.key)
                return None
            return self._sent(post, found[0], current, caption_id=found[1])

        async def reauthenticate() -> None:
            await self._reauthenticate(current.sender)

        try:
            return await retry.change(
                attempt, self.backoff, reconcile=reconcile, reauthenticate=reauthenticate
            )
        except retry.RetryFailed as exc:
            return self._fail(post, str(exc))

    def _body_of(self, post: Post) -> str:
        """The post's HTML, led by the quoted original when the reply target is not on the
        server."""
        if post.reply_to is not None and self._reply_id(post) is None and post.reply_fallback_html:
            return post.reply_fallback_html + post.html
        return post.html

    def _reply_id(self, post: Post) -> str | None:
        return self.ledger.message_id_of(post.reply_to) if post.reply_to is not None else None

    async def _attempt(self, seq: int, post: Post, attempt: _Attempt) -> PostOutcome:
        """One try: upload (if a file), mark ``sending``, send, mark ``sent``."""
        if post.file is None and not attempt.text.strip():
            return self._fail(post, tr("reason.empty_text"))
        try:
            uploaded = await self._uploads.temporal_file(post, attempt.sender)
        except SessionUnavailable as exc:
            self._mark_unavailable(exc)
            raise retry.TryAgain from exc
        except MediaError as exc:
            # A file gone since planning may come back: that post fails and a re-run retries it.
            if post.media_fallback_html is None or post.file is None or not post.file.is_file():
                return self._fail(post, exc.message)
            # The file cannot be prepared (damaged, not an image or audio): the text goes out
            # with the planner's visible note, and the reason goes to the report.
            uploaded = None
            textual = replace(post, html=post.media_fallback_html)
            fallback = self._attempt_for(textual, self._body_of(textual))
            not_migrated = tr("note.file_not_migrated", error=exc.message)
            note = "; ".join(filter(None, [not_migrated, fallback.note]))
            attempt = replace(fallback, note=note)
        except MigratorError as exc:
            return self._fail(post, exc.message)
        try:
            author_id = await self._author_id(attempt.sender)
        except SessionUnavailable as exc:
            self._mark_unavailable(exc)
            raise retry.TryAgain from exc
        self.ledger.mark_sending(
            post.key,
            seq=seq,
            author=attempt.sender,
            sent_text=attempt.text,
            file_name=uploaded.file_name if uploaded else None,
            author_id=author_id,
            file_size=uploaded.file_size if uploaded else None,
        )
        try:
            message_id, caption_id = await self._deliver(post, attempt, uploaded)
        except SessionUnavailable as exc:
            self._mark_unavailable(exc)
            self.ledger.mark_planned_again(post.key)
            raise retry.TryAgain from exc
        return self._sent(post, message_id, attempt, caption_id=caption_id)

    async def _author_id(self, login: str) -> str:
        if login not in self._author_ids:
            self._author_ids[login] = await self.connector.my_id(login)
        return self._author_ids[login]

    def _uploader_of(self, post: Post) -> str:
        """Who would send ``post`` now, so its file is uploaded by that account ahead of time."""
        return self._attempt_for(post, post.html).sender

    def _sender_for(self, author: str) -> str:
        """Who sends an author's posts: the author, or the owner on their behalf."""
        if author == self.spec.owner or (
            author not in self._unavailable and self.connector.can_sign_in(author)
        ):
            return author
        return self.spec.owner

    def _attempt_for(self, post: Post, body: str) -> _Attempt:
        """Who sends the post and with what text: the author, or the owner on their behalf."""
        if self._sender_for(post.author) == post.author:
            return _Attempt(post.author, body, None)
        why = self._unavailable.get(post.author) or tr("why.no_credentials")
        name = post.original_name or post.author
        note = tr("note.posted_by_owner", author=post.author, why=why)
        return _Attempt(self.spec.owner, attribution_prefix(name) + body, note)

    def _mark_unavailable(self, exc: SessionUnavailable) -> None:
        if exc.login == self.spec.owner:
            raise owner_error(exc) from exc
        log.warning("%s", tr("sender.cannot_sign_in", login=exc.login, reason=exc.reason))
        self._unavailable[exc.login] = tr("why.cannot_sign_in", reason=exc.reason)

    async def _reauthenticate(self, login: str) -> None:
        try:
            await self.connector.reauthenticate(login)
        except SessionUnavailable as exc:
            self._mark_unavailable(exc)

    async def _deliver(
        self, post: Post, attempt: _Attempt, uploaded: Uploaded | None
    ) -> tuple[str, str | None]:
        assert self.chat_id is not None
        reply_id = self._reply_id(post)
        if uploaded is None:
            message_id = await self.connector.send_text(
                attempt.sender, self.chat_id, attempt.text, reply_to=reply_id
            )
            return message_id, None
        sent = await self.connector.send_file(
            attempt.sender,
            self.chat_id,
            uploaded.temporal_id,
            caption=attempt.text or None,
            reply_to=reply_id,
        )
        return sent.message_id, sent.caption_message_id

    # -- helpers -------------------------------------------------------------------------------

    def _sent(
        self, post: Post, message_id: str, attempt: _Attempt, *, caption_id: str | None = None
    ) -> PostOutcome:
        self.ledger.mark_sent_soon(post.key, message_id, caption_message_id=caption_id)
        return PostOutcome(post, Status.SENT, message_id, attempt.sender, note=attempt.note)

    def _fail(self, post: Post, reason: str) -> PostOutcome:
        self.ledger.mark_failed(post.key, reason)
        log.warning("%s", tr("sender.post_failed", post=post_reference(post), reason=reason))
        return PostOutcome(post, Status.FAILED, reason=reason)


# Posts read ahead of the one being sent: a window, and the file posts uploaded before their turn.
_AHEAD = 64
_CHUNK = 256  # posts marked ``planned`` and looked up in the ledger together


class _Ahead:
    """The posts from the one being sent onwards, read from the stream a chunk at a time:
    each chunk is marked ``planned`` (its place in the chat) and its records read in one go."""

    def __init__(self, posts: Iterable[Post], ledger: ChatLedger) -> None:
        self._posts: Iterator[Post] = iter(posts)
        self._ledger = ledger
        self._buffer: list[Post] = []
        self._first = 0  # the seq of ``_buffer[0]``
        self._ended = False
        self.records: dict[PostKey, PostRecord] = {}

    def at(self, seq: int) -> Post | None:
        self._fill(seq + 1)
        index = seq - self._first
        return self._buffer[index] if index < len(self._buffer) else None

    def slice(self, seq: int, count: int) -> list[Post]:
        self._fill(seq + count)
        start = seq - self._first
        return self._buffer[start : start + count]

    def release(self, seq: int) -> None:
        """Forget the posts before ``seq``: they are done."""
        done = seq - self._first
        if done >= _CHUNK:
            for post in self._buffer[:done]:
                self.records.pop(post.key, None)
            del self._buffer[:done]
            self._first = seq

    def _fill(self, end: int) -> None:
        while not self._ended and self._first + len(self._buffer) < end + _AHEAD:
            chunk = [post for _, post in zip(range(_CHUNK), self._posts, strict=False)]
            if len(chunk) < _CHUNK:
                self._ended = True
            if not chunk:
                return
            start = self._first + len(self._buffer)
            self._ledger.mark_planned((post.key, start + i) for i, post in enumerate(chunk))
            self.records.update(self._ledger.records_of(post.key for post in chunk))
            self._buffer.extend(chunk)


__all__ = ["ChatSender", "PostOutcome", "Status", "attribution_prefix"]
