"""One Telegram message → its posts (or an explicit skip).

The planner walks the export in order and remembers, for every message id it has seen, who wrote
it and how it began, so a reply can link to an earlier post and still carry a readable header in
case that post never reaches the server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from migrator.config.model import TopicsMode
from migrator.labels import label
from migrator.render import MAX_VISIBLE, render_plain, render_split, visible_length
from migrator.telegram.model import (
    Contact,
    MediaKind,
    Message,
    MessageType,
    ServiceAction,
    TextChunk,
)

from . import lines
from .attachments import render_attachment
from .media import FileNote, FileSpec, SizeLookup, plan_media, plan_vcard
from .options import PlanOptions
from .post import Attribution, MessagePlan, Post, PostKey, PostKind, Skipped, topic_chat_key
from .seen import Seen, SeenMessages
from .service import service_line

_BREAK = "<br>"
# C0 and C1 control characters other than tab and line breaks: invisible, or refused by clients.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TIMED_KINDS = {MediaKind.VOICE_MESSAGE: "🎤", MediaKind.VIDEO_MESSAGE: "📹"}


@dataclass(slots=True)
class _Draft:
    """The pieces of a message's posts before they are cut to the length limit."""

    author: str
    attribution: Attribution
    head: list[str] = field(default_factory=list)  # first post only
    chunks: tuple[TextChunk, ...] = ()  # the user's text, splittable
    blocks: list[str] = field(default_factory=list)  # after the text, last post only
    tail: list[str] = field(default_factory=list)  # after the blocks, last post only
    every: list[str] = field(default_factory=list)  # at the end of every post (original time)
    reply_to: PostKey | None = None
    reply_fallback: str | None = None
    file: FileSpec | None = None
    file_failed: str = ""  # the visible note used when the file cannot be prepared
    reserve: int = 0  # visible characters the sender may add (the attribution of a late author)
    notes: list[str] = field(default_factory=list)
    inline_notes: list[str] = field(default_factory=list)  # notes also written into the text


class Planner:
    """Plans the messages of one chat, in export order.

    ``size_of`` gives the size of a file whose ``file_size`` the export leaves out, so that the
    server's size limit is checked for it too (without it, such a file is not size-checked).
    """

    def __init__(
        self,
        *,
        chat_key: str,
        logins: Mapping[str, str],
        options: PlanOptions,
        size_of: SizeLookup | None = None,
    ) -> None:
        self._chat_key = chat_key
        self._logins = logins
        # Every post keeps its author's name for the report: one string per name, not per post.
        self._names: dict[str, str] = {}
        self._options = options
        self._size_of = size_of
        self._seen = SeenMessages()
        self._topics: dict[int, str] = {}  # forum topic id (its creation message) → title
        self._topic_of: dict[int, int] = {}  # message id → the topic it belongs to
        self._chat_of: dict[int, str] = {}  # message id → its topic's own chat ("separate")

    def close(self) -> None:
        """Forget the messages planned (what later replies would quote)."""
        self._seen.close()

    def plan(self, message: Message) -> MessagePlan:
        if message.id in self._seen:
            # A second message with an id already planned would share its post keys, and the
            # ledger would take it for sent: report it instead.
            reason = label("skip_duplicate_id", self._options.interface_language(), id=message.id)
            return MessagePlan(message.id, skipped=Skipped(message.id, reason))
        topic_id = self._topic_for(message)
        result = self._plan(message, topic_id)
        self._remember(message)
        if topic_id is None:
            return result
        self._topic_of[message.id] = topic_id
        if self._options.topics is TopicsMode.SEPARATE:
            self._chat_of[message.id] = self._key_in(topic_id)
        return replace(result, topic_id=topic_id, topic=self._topics[topic_id])

    def _topic_for(self, message: Message) -> int | None:
        """The forum topic of ``message``: a topic is its ``topic_created`` message; a message
        belongs to it when it replies to that message or to a message that belongs to it."""
        service = message.service
        if service is not None and service.action == "topic_created":
            self._topics[message.id] = service.title or ""
            return message.id
        target = message.reply_to_message_id
        if target is None or message.reply_to_peer is not None:
            return None
        # (service messages carry no reply in the export, so a topic's renaming cannot be
        # told apart from another topic's: the title stays the one it was created with)
        return target if target in self._topics else self._topic_of.get(target)

    def _key_in(self, topic_id: int | None) -> str:
        """The chat a message is posted in: its topic's own chat in mode "separate"."""
        if topic_id is None or self._options.topics is not TopicsMode.SEPARATE:
            return self._chat_key
        return topic_chat_key(self._chat_key, topic_id)

    def _plan(self, message: Message, topic_id: int | None) -> MessagePlan:
        options = self._options
        chat_key = self._key_in(topic_id)
        if message.type is MessageType.SERVICE:
            if not options.service_messages:
                reason = label("skip_service_off", options.interface_language())
                return MessagePlan(message.id, skipped=Skipped(message.id, reason))
            draft = self._service_draft(message, chat_key)
        elif message.type is MessageType.UNSUPPORTED:
            draft = _Draft(author=options.owner, attribution=Attribution.SYSTEM)
            draft.blocks.append(f"<i>{label('unsupported_message', options.language)}</i>")
            self._add_time(message, draft)
        else:
            draft = self._message_draft(message, topic_id, chat_key)
        labelled = options.topics is TopicsMode.LABEL  # a topic's own chat needs no label
        if labelled and topic_id is not None and topic_id != message.id:
            title = render_plain(self._topics[topic_id])
            draft.head.insert(0, f"<i>{label('topic_line', options.language, title=title)}</i>")
        return self._finish(message, draft, chat_key)

    def _remember(self, message: Message) -> None:
        language = self._options.language
        if message.type is MessageType.MESSAGE:
            name = lines.display_name(message.sender, language)
            quoted = message.plain_text or (
                label(f"kind_{message.media.kind.value}", language) if message.media else ""
            )
        else:
            name, quoted = label("someone", language), ""
        self._seen.add(message.id, Seen(name, lines.snippet(quoted)))

    # -- drafts -------------------------------------------------------------------------------

    def _service_draft(self, message: Message, chat_key: str) -> _Draft:
        options = self._options
        draft = _Draft(author=options.owner, attribution=Attribution.SYSTEM)
        action = message.service or ServiceAction(action="unknown", known=False)
        text = service_line(action, options.language, timezone=options.timezone)
        draft.blocks.append(f"ℹ️ {text}")
        if action.action == "pin_message" and action.message_id is not None:
            self._link_reply(draft, message.id, action.message_id, chat_key, other_chat=False)
        self._add_time(message, draft)
        return draft

    def _message_draft(self, message: Message, topic_id: int | None, chat_key: str) -> _Draft:
        options = self._options
        language = options.language
        login = self._login_for(message)
        if login is None:
            draft = _Draft(author=options.owner, attribution=Attribution.OWNER)
            name = lines.display_name(message.sender, language)
            draft.head.append(lines.attribution_line(name))
        else:
            draft = _Draft(author=login, attribution=Attribution.AUTHOR)
            # posted by the owner with the author's name if the author cannot sign in after all
            name = lines.display_name(message.sender, language)
            draft.reserve = visible_length(lines.attribution_line(name) + _BREAK)
        draft.head.extend(lines.forward_lines(message, language))
        # Writing in a topic is written as a reply to its creation: that is no real reply.
        reply_to = message.reply_to_message_id
        if reply_to is not None and reply_to != topic_id:
            other_chat = message.reply_to_peer is not None
            self._link_reply(draft, message.id, reply_to, chat_key, other_chat=other_chat)
        draft.chunks = self._clean(message, draft)
        self._add_content(message, draft)
        if message.author_signature:
            draft.tail.append(lines.signature_line(message.author_signature))
        if message.has_inline_buttons:
            draft.tail.append(f"<i>{label('inline_buttons', language)}</i>")
        if message.edited_timestamp is not None:
            draft.tail.append(lines.edited_line(language))
        reactions = lines.reactions_line(message.reactions, language)
        if reactions:
            draft.tail.append(reactions)
        self._add_time(message, draft)
        return draft

    def _clean(self, message: Message, draft: _Draft) -> tuple[TextChunk, ...]:
        """The message's text without control characters (reported when there were any)."""
        removed = sum(len(_CONTROL.findall(chunk.text)) for chunk in message.text)
        if not removed:
            return message.text
        language = self._options.interface_language()
        draft.notes.append(label("note_control_removed", language, count=removed))
        return tuple(replace(chunk, text=_CONTROL.sub("", chunk.text)) for chunk in message.text)

    def _add_content(self, message: Message, draft: _Draft) -> None:
        options = self._options
        media = message.media
        if media is not None and media.kind in _TIMED_KINDS and media.duration_seconds:
            what = label(f"kind_{media.kind.value}", options.language)
            duration = lines.clock_duration(media.duration_seconds)
            draft.blocks.append(f"<i>{_TIMED_KINDS[media.kind]} {what}, {duration}</i>")
        if message.attachment is not None:
            draft.blocks.append(render_attachment(message.attachment, options.language))
            if isinstance(message.attachment, Contact) and message.attachment.vcard is not None:
                self._attach(draft, plan_vcard(message.attachment.vcard, options, self._size_of))
        if media is not None:
            self._attach(draft, plan_media(media, options, self._size_of))
            if draft.file is None and media.kind is MediaKind.STICKER and media.sticker_emoji:
                draft.blocks.insert(0, render_plain(media.sticker_emoji))
            if draft.file is not None:
                emoji = media.sticker_emoji if media.kind is MediaKind.STICKER else None
                draft.file_failed = lines.media_failed_line(
                    draft.file.file_name, emoji, options.language
                )
        has_content = message.plain_text.strip() or draft.blocks or draft.file
        if not has_content:
            draft.blocks.append(f"<i>{label('empty_message', options.language)}</i>")

    def _attach(self, draft: _Draft, planned: FileSpec | FileNote) -> None:
        if isinstance(planned, FileSpec):
            draft.file = planned
        else:
            draft.blocks.append(planned.html)
            draft.notes.append(planned.note)
            draft.inline_notes.append(planned.inline)

    def _add_time(self, message: Message, draft: _Draft) -> None:
        options = self._options
        if options.show_original_time and message.timestamp is not None:
            draft.every.append(
                lines.time_line(
                    message.timestamp, timezone=options.timezone, caption=options.time_caption
                )
            )

    def _link_reply(
        self, draft: _Draft, own_id: int, target: int, chat_key: str, *, other_chat: bool
    ) -> None:
        language = self._options.language
        seen = None if other_chat else self._seen.get(target)
        target_chat = self._chat_of.get(target, self._chat_key)
        if seen is not None and target_chat != chat_key:
            # Posted in another topic's chat (mode "separate"): a link cannot cross chats.
            draft.head.insert(0, lines.reply_header(seen.name, seen.snippet, language))
            return
        if seen is None:
            if other_chat:
                where = "reply_other_chat"
            elif target == own_id:
                where = "reply_self"
            elif target > own_id:
                where = "reply_later"
            else:
                where = "reply_missing"
            draft.head.insert(0, lines.reply_missing_header(target, where, language))
            return
        draft.reply_to = PostKey(chat_key, target, 0)
        # ready to prepend to the post's HTML, hence the trailing line break
        draft.reply_fallback = lines.reply_header(seen.name, seen.snippet, language) + _BREAK

    def _shared(self, name: str | None) -> str | None:
        return None if name is None else self._names.setdefault(name, name)

    def _login_for(self, message: Message) -> str | None:
        sender = message.sender
        if sender is None or sender.id is None:
            return None
        return self._logins.get(str(sender.id))

    # -- posts --------------------------------------------------------------------------------

    def _finish(self, message: Message, draft: _Draft, chat_key: str) -> MessagePlan:
        texts = _compose(draft)
        fallback = None
        if draft.file is not None and draft.file_failed:
            fallback = _compose(draft, file_failed=True)[0]
        posts: list[Post] = []
        for part, html in enumerate(texts):
            file = draft.file if part == 0 else None
            posts.append(
                Post(
                    key=PostKey(chat_key, message.id, part),
                    author=draft.author,
                    attribution=draft.attribution,
                    kind=file.kind if file else _text_kind(draft),
                    html=html,
                    file=file.path if file else None,
                    file_name=file.file_name if file else None,
                    conversion=file.conversion if file else None,
                    reply_to=draft.reply_to if part == 0 else None,
                    reply_fallback_html=draft.reply_fallback if part == 0 else None,
                    media_fallback_html=fallback if part == 0 else None,
                    original_name=self._shared(_original_name(message, self._options)),
                    timestamp=message.timestamp,
                )
            )
        return MessagePlan(
            message.id,
            posts=tuple(posts),
            notes=tuple(draft.notes),
            inline_notes=tuple(draft.inline_notes),
        )


def _text_kind(draft: _Draft) -> PostKind:
    return PostKind.SYSTEM if draft.attribution is Attribution.SYSTEM else PostKind.TEXT


def _original_name(message: Message, options: PlanOptions) -> str | None:
    if message.type is not MessageType.MESSAGE:
        return None
    return lines.display_name(message.sender, options.language)


def _join(parts: Iterable[str]) -> str:
    return _BREAK.join(part for part in parts if part)


def _compose(draft: _Draft, *, file_failed: bool = False) -> list[str]:
    """The HTML of each post: head on the first, blocks and tail on the last, time on all.

    ``file_failed``: the same with the note that replaces a file which cannot be prepared
    (the budget always leaves room for it, so both cut the text alike).
    """
    head, blocks, tail, every = (
        _join(draft.head),
        _join(draft.blocks),
        _join(draft.tail),
        _join(draft.every),
    )
    fixed = [head, blocks, tail, every, draft.reply_fallback or "", draft.file_failed]
    # every separator may cost a visible character in our conservative count
    overhead = sum(visible_length(piece) for piece in fixed) + len(fixed) + draft.reserve
    budget = MAX_VISIBLE - overhead
    text_parts = render_split(draft.chunks, budget)
    last = len(text_parts) - 1
    return [
        _join(
            [
                head if index == 0 else "",
                text,
                blocks if index == last else "",
                draft.file_failed if file_failed and index == 0 else "",
                tail if index == last else "",
                every,
            ]
        )
        for index, text in enumerate(text_parts)
    ]


def plan_messages(
    messages: Iterable[Message],
    *,
    chat_key: str,
    logins: Mapping[str, str],
    options: PlanOptions,
    size_of: SizeLookup | None = None,
) -> Iterator[MessagePlan]:
    """Plan every message of one chat, in order."""
    planner = Planner(chat_key=chat_key, logins=logins, options=options, size_of=size_of)
    try:
        for message in messages:
            yield planner.plan(message)
    finally:
        planner.close()
