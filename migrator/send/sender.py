"""Sending the posts of one chat, strictly in order, with the ledger as the source of truth.

Crash-safety protocol, per post: mark ``sending`` with the exact text and file name (commit) →
send → mark ``sent(message id)`` (commit). A post found in ``sending`` (a crash, or a request whose
answer was lost) is looked up before anything is sent again: the chat history after the last
``sent`` message is read, and the first message not already in the ledger whose author is the
post's sender and whose text (text posts) or file name (file posts) equals what was recorded is
taken as that post. Found → ``sent`` with that id; not found → sent again. Posts of a chat are sent
one at a time, so at most one post of a chat is ever in ``sending``.

Off the ordered path: media preparation and uploads of the next file posts run ahead in the
background, so a file post costs one ``sendFile`` round trip on the path.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import os
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from trueconf.enums import ParseMode
from trueconf.exceptions import ApiErrorException
from trueconf.methods.send_file import SendFile

from migrator.config.model import ChatType
from migrator.errors import AuthError, MigratorError, ServerError
from migrator.ledger import ChatCreation, ChatLedger, PostRecord, PostState
from migrator.plan.lines import attribution_line
from migrator.plan.post import Post, PostKey, PostKind
from migrator.send.chat_setup import (
    ChatSpec,
    ListedChat,
    admit_participant,
    chat_title,
    chats_named,
    create_chat,
    participants_to_admit,
)
from migrator.send.history import ServerMessage, read_history
from migrator.send.retry import (
    Backoff,
    ConnectionDropped,
    Outcome,
    SessionUnavailable,
    classify,
    describe,
)
from migrator.send.session import AuthorSession, SessionPool
from migrator.send.upload import STICKER_CONTENT_TYPE, Uploader, UploadSource

log = logging.getLogger(__name__)

FILE_KINDS = frozenset({PostKind.PHOTO, PostKind.FILE, PostKind.STICKER, PostKind.VIDEO})
# Test hook for the crash test: "N:phase" kills the process with SIGKILL at post N (0-based,
# counting posts this run sends) in phase before_send | after_send | after_mark, or with
# "0:after_create_chat" once the chat exists on the server but before the ledger records it.
KILL_ENV = "MIGRATOR_TEST_KILL_AT"

PrepareFn = Callable[[Post], Awaitable[UploadSource]]


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


def default_prepare(post: Post) -> UploadSource:
    """A file as it is (no conversion): the name it should carry, the type guessed from it."""
    if post.file is None:
        raise MigratorError(f"post {post.key} has no file")
    name = post.file_name or post.file.name
    if post.kind is PostKind.STICKER:
        content_type = STICKER_CONTENT_TYPE
    else:
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return UploadSource(path=post.file, file_name=name, content_type=content_type)


def attribution_prefix(name: str) -> str:
    """Shown before a post the owner sends for an author who could not sign in (the planner's
    own attribution line, so both cases look the same)."""
    return attribution_line(name) + "<br>"


@dataclass(frozen=True, slots=True)
class _Uploaded:
    temporal_id: str
    file_name: str  # the name the server stores (a converted file may carry a new one)


class ChatSender:
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
    ) -> None:
        self.pool = pool
        self.uploader = uploader
        self.ledger = ledger
        self.spec = spec
        self._prepare = prepare
        self.backoff = backoff or Backoff()
        self._lookahead = max(1, lookahead) if pipeline else 0
        self._upload_slots = asyncio.Semaphore(max(1, upload_concurrency))
        self._on_outcome = on_outcome
        self._uploads: dict[PostKey, asyncio.Task[_Uploaded]] = {}
        self._unavailable: dict[str, str] = {}  # login → why the owner posts for it
        # Participants the server would not add (no account, …) → the server's answer.
        self.not_admitted: dict[str, str] = {}
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
        chat_id = self.ledger.chat_id()
        async with self.pool.lease(self.spec.owner) as owner:
            if chat_id is None:
                chat_id = await self._create_chat(owner)
                self.ledger.set_chat_id(chat_id)
            for login in participants_to_admit(self.spec):
                refusal = await self._admit(owner, chat_id, login)
                if refusal is not None:
                    log.warning(
                        "%s could not be added to the chat (%s): the owner posts their messages "
                        "with their name shown; create the account with add_users_to_server.py "
                        "(then build_chat.py --new-chat to migrate again under their name)",
                        login,
                        refusal,
                    )
                    self.not_admitted[login] = refusal
                    self._unavailable[login] = f"could not be added to the chat: {refusal}"
        self.chat_id = chat_id
        return chat_id

    async def _admit(self, owner: AuthorSession, chat_id: str, login: str) -> str | None:
        """Add one participant; the server's reason when it refuses for good, else None."""
        for attempt in range(self.backoff.attempts):
            try:
                await admit_participant(owner, chat_id, self.spec, login)
                return None
            except SessionUnavailable as exc:
                raise _owner_error(exc) from exc
            except Exception as exc:
                outcome = classify(exc)
                if outcome is Outcome.DEFINITIVE:
                    return describe(exc)
                if attempt == self.backoff.attempts - 1:
                    raise _server_error("Setting up the chat failed", exc) from exc
                if outcome is Outcome.AUTH:
                    await _reauthenticate_or_fail(owner)
                await self._pause(attempt, exc)
        raise AssertionError("unreachable")

    async def _create_chat(self, owner: AuthorSession) -> str:
        """Create the chat exactly once, whatever stops the run or loses the server's answer.

        ``creating`` is committed first, with the ids of the owner's chats that already bear the
        title; after a crash (the marker is still there) or a lost answer, the chat is looked
        for among the owner's chats before another is created.
        """
        marker = self.ledger.creation()
        if marker is not None:
            adopted = await self._find_created(owner, marker)
            if adopted is not None:
                return adopted
        title = chat_title(self.spec.title)
        existing = [chat.chat_id for chat in await self._listed(owner, title)]
        self.ledger.mark_creating(
            title=title, chat_type=self.spec.type.value, existing_ids=existing
        )
        for attempt in range(self.backoff.attempts):
            try:
                chat_id = await create_chat(owner, self.spec)
            except SessionUnavailable as exc:
                raise _owner_error(exc) from exc
            except Exception as exc:
                outcome = classify(exc)
                peer = self.spec.personal_peer if self.spec.type is ChatType.PERSONAL else None
                if outcome is Outcome.DEFINITIVE and peer is not None:
                    raise ServerError(
                        f"Creating the personal chat with {peer!r} failed: {describe(exc)}",
                        hint=f"check that {peer} has a TrueConf account (add_users_to_server.py "
                        "creates the accounts of [users])",
                    ) from exc
                if outcome is Outcome.DEFINITIVE or attempt == self.backoff.attempts - 1:
                    raise _server_error("Creating the chat failed", exc) from exc
                marker = self.ledger.creation()
                if outcome is Outcome.AMBIGUOUS and marker is not None:
                    found = await self._find_created(owner, marker)
                    if found is not None:
                        log.info("the chat was created although its answer was lost")
                        return found
                if outcome is Outcome.AUTH:
                    await _reauthenticate_or_fail(owner)
                await self._pause(attempt, exc)
                continue
            self._maybe_kill("after_create_chat")
            return chat_id
        raise AssertionError("unreachable")

    async def _listed(self, owner: AuthorSession, title: str) -> list[ListedChat]:
        """The owner's chats bearing ``title`` with our type (none for a personal chat: the
        server names a P2P chat after the other person, and gives back the existing one when
        it is created again)."""
        if self.spec.type is ChatType.PERSONAL:
            return []
        listed: list[ListedChat] = await self._with_retries(
            owner, lambda: chats_named(owner, title, self.spec.type)
        )
        return listed

    async def _find_created(self, owner: AuthorSession, marker: ChatCreation) -> str | None:
        """The chat a ``creating`` marker stands for, if the server has it: a chat with the
        marker's title and type that was not there before and that no Telegram chat of the
        ledger claims. Nothing is posted before the chat id is recorded, so it holds none of
        our posts; a chat someone else posted in is taken only when no empty one is there.
        A personal chat is never looked for: createP2PChat gives back the existing one."""
        if self.spec.type is ChatType.PERSONAL and marker.chat_type == ChatType.PERSONAL.value:
            return None
        if marker.title != chat_title(self.spec.title) or marker.chat_type != self.spec.type.value:
            log.warning(
                "an earlier run stopped while creating the %s chat %r; [chat] now asks for the "
                "%s chat %r, so that one is created (remove the other in TrueConf if it exists)",
                marker.chat_type,
                marker.title,
                self.spec.type.value,
                chat_title(self.spec.title),
            )
            return None
        claimed = self.ledger.claimed_chat_ids() | marker.existing_ids
        candidates = [
            c for c in await self._listed(owner, marker.title) if c.chat_id not in claimed
        ]
        if not candidates:
            return None
        candidates.sort(key=lambda chat: chat.has_messages)  # stable: empty ones first
        chosen = candidates[0]
        if len(candidates) > 1:
            log.warning(
                "%d new chats titled %r found after an interrupted run; using %s",
                len(candidates),
                marker.title,
                chosen.chat_id,
            )
        log.info("chat %s was created before its id was recorded: using it", chosen.chat_id)
        return chosen.chat_id

    async def _with_retries(self, owner: AuthorSession, op: Callable[[], Awaitable[Any]]) -> Any:
        for attempt in range(self.backoff.attempts):
            try:
                return await op()
            except SessionUnavailable as exc:
                raise _owner_error(exc) from exc
            except Exception as exc:
                outcome = classify(exc)
                if outcome is Outcome.DEFINITIVE or attempt == self.backoff.attempts - 1:
                    raise _server_error("Setting up the chat failed", exc) from exc
                if outcome is Outcome.AUTH:
                    await _reauthenticate_or_fail(owner)
                await self._pause(attempt, exc)
        raise AssertionError("unreachable")

    # -- posts ---------------------------------------------------------------------------------

    async def send_all(self, posts: Sequence[Post]) -> list[PostOutcome]:
        """Send every post not yet sent, in order; returns one outcome per post."""
        if self.chat_id is None:
            await self.ensure_chat()
        records = self.ledger.records()
        self.ledger.mark_planned((post.key, seq) for seq, post in enumerate(posts))
        await self._reconcile(posts, records)
        records = self.ledger.records()
        outcomes: list[PostOutcome] = []
        try:
            for seq, post in enumerate(posts):
                record = records.get(post.key)
                if record is not None and record.state is PostState.SENT and record.message_id:
                    self._ids[post.key] = record.message_id
                    outcome = PostOutcome(
                        post, Status.ALREADY_SENT, record.message_id, record.author
                    )
                    if record.key in self._reconciled:
                        outcome = PostOutcome(
                            post, Status.RECONCILED, record.message_id, record.author
                        )
                else:
                    self._schedule_uploads(posts, seq, records)
                    outcome = await self._send_one(seq, post)
                outcomes.append(outcome)
                if self._on_outcome is not None:
                    self._on_outcome(outcome)
        finally:
            for task in self._uploads.values():
                task.cancel()
            self._uploads.clear()
        return outcomes

    async def _reconcile(self, posts: Sequence[Post], records: dict[PostKey, PostRecord]) -> None:
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
        assert self.chat_id is not None
        after = self.ledger.last_sent_message_id(before_seq=record.seq)
        known = {
            message_id
            for r in self.ledger.records().values()
            for message_id in (r.message_id, r.caption_message_id)
            if message_id
        }
        chat_id = self.chat_id
        async with self.pool.lease(self.spec.owner) as owner:
            for attempt in range(self.backoff.attempts):
                try:
                    messages = await owner.call(
                        lambda bot: read_history(bot, chat_id, stop_at=after)
                    )
                    break
                except Exception as exc:
                    if classify(exc) is Outcome.DEFINITIVE or attempt == self.backoff.attempts - 1:
                        raise _server_error("Reading the chat back failed", exc) from exc
                    if classify(exc) is Outcome.AUTH:
                        await _reauthenticate_or_fail(owner)
                    await self._pause(attempt, exc)
        fresh = [m for m in messages if m.message_id not in known and m.is_user_message]
        for index, message in enumerate(fresh):
            if not _matches(message, record):
                continue
            caption_id = None
            if record.file_name is not None and record.sent_text:
                following = fresh[index + 1] if index + 1 < len(fresh) else None
                if (
                    following is not None
                    and following.login == message.login
                    and (following.text == record.sent_text)
                ):
                    caption_id = following.message_id
            return message.message_id, caption_id
        return None

    async def _send_one(self, seq: int, post: Post) -> PostOutcome:
        reply_id = self._ids.get(post.reply_to) if post.reply_to is not None else None
        body = post.html
        if post.reply_to is not None and reply_id is None and post.reply_fallback_html:
            body = post.reply_fallback_html + body
        last_error: BaseException | None = None
        for attempt in range(self.backoff.attempts):
            sender, text, note = self._sender_for(post, body)
            if post.file is None and not text.strip():
                return self._fail(post, "empty text")
            try:
                uploaded = await self._temporal_file(post, sender)
            except SessionUnavailable as exc:
                self._mark_unavailable(exc)
                continue
            except MigratorError as exc:
                return self._fail(post, exc.message)
            except Exception as exc:
                last_error = exc
                if classify(exc) is Outcome.DEFINITIVE:
                    return self._fail(post, describe(exc))
                await self._pause(attempt, exc)
                continue
            self.ledger.mark_sending(
                post.key,
                seq=seq,
                author=sender,
                sent_text=text,
                file_name=uploaded.file_name if uploaded else None,
            )
            self._maybe_kill("before_send")
            try:
                message_id, caption_id = await self._deliver(
                    post, sender, text, reply_id, uploaded.temporal_id if uploaded else None
                )
            except SessionUnavailable as exc:
                self._mark_unavailable(exc)
                self.ledger.mark_planned_again(post.key)
                continue
            except Exception as exc:
                last_error = exc
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
                continue
            self._maybe_kill("after_send")
            return self._sent(post, message_id, sender, note, caption_id=caption_id)
        reason = describe(last_error) if last_error else "could not be sent"
        return self._fail(post, f"gave up after {self.backoff.attempts} attempts: {reason}")

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
            raise _owner_error(exc) from exc
        log.warning("%s cannot sign in (%s): the owner posts for them", exc.login, exc.reason)
        self._unavailable[exc.login] = f"cannot sign in ({exc.reason})"

    async def _reauthenticate(self, login: str) -> None:
        async with self.pool.lease(login) as session:
            try:
                await session.reauthenticate()
            except SessionUnavailable as exc:
                self._mark_unavailable(exc)

    async def _deliver(
        self, post: Post, sender: str, text: str, reply_id: str | None, temporal_id: str | None
    ) -> tuple[str, str | None]:
        assert self.chat_id is not None
        chat_id = self.chat_id
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

    # -- uploads ahead of the ordered path -----------------------------------------------------

    def _schedule_uploads(
        self, posts: Sequence[Post], seq: int, records: dict[PostKey, PostRecord]
    ) -> None:
        for ahead in posts[seq + 1 : seq + 1 + self._lookahead]:
            if ahead.file is None or ahead.kind not in FILE_KINDS or ahead.key in self._uploads:
                continue
            record = records.get(ahead.key)
            if record is not None and record.state is PostState.SENT:
                continue
            sender, _, _ = self._sender_for(ahead, ahead.html)
            self._uploads[ahead.key] = asyncio.create_task(self._prepare_and_upload(ahead, sender))

    async def _temporal_file(self, post: Post, sender: str) -> _Uploaded | None:
        if post.file is None or post.kind not in FILE_KINDS:
            return None
        task = self._uploads.pop(post.key, None)
        if task is None:
            return await self._prepare_and_upload(post, sender)
        try:
            return await task
        except SessionUnavailable:
            raise
        except Exception:
            # A background upload failed or went to an author who since lost their session:
            # upload once more on the path, with this attempt's sender.
            return await self._prepare_and_upload(post, sender)

    async def _prepare_and_upload(self, post: Post, sender: str) -> _Uploaded:
        source = await self._prepare(post) if self._prepare else default_prepare(post)
        async with self._upload_slots, self.pool.lease(sender) as session:
            temporal_id = await self.uploader.upload(session, source)
        return _Uploaded(temporal_id, source.file_name)

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


def _matches(message: ServerMessage, record: PostRecord) -> bool:
    if record.author is not None and message.login != record.author:
        return False
    if record.file_name is not None:
        return message.file_name == record.file_name
    return message.text == record.sent_text


async def _reauthenticate_or_fail(session: AuthorSession) -> None:
    try:
        await session.reauthenticate()
    except SessionUnavailable as exc:
        raise AuthError(
            f"{exc.login!r} cannot sign in: {exc.reason}",
            hint="give the account a valid access_token or a password in [users] of config.toml",
        ) from exc


def _owner_error(exc: SessionUnavailable) -> AuthError:
    return AuthError(
        f"The chat owner {exc.login!r} cannot sign in: {exc.reason}",
        hint="give [users.<owner>] a valid access_token or a password in config.toml",
    )


def _server_error(what: str, exc: BaseException) -> MigratorError:
    return ServerError(
        f"{what}: {describe(exc)}",
        hint="check the server is reachable and the owner's account may create chats",
    )


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
    "default_prepare",
]
