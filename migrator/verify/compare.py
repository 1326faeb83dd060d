"""``--verify``: the chat read back from the server against the ledger and the export.

Pure: it compares values. Checked: every sent post is on the server exactly once, in export order,
by the recorded author, with the recorded text (or caption), file name and size, and with its reply
link; the server holds nothing else from the migration (a duplicate shows up as an extra message).
Texts and authors are compared as reconciliation compares them: the visible characters, and the
author's server id (or login) whatever its letter case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from migrator.connector import ServerMessage
from migrator.i18n import tr
from migrator.ledger import PostRecord, PostState
from migrator.plan.post import Conversion, Post, PostKey
from migrator.plan.reference import post_reference
from migrator.send.reconcile import same_author, same_text

# Conversions that change the uploaded file, so its size cannot be compared with the export's.
_RESIZED = frozenset({Conversion.VOICE_TO_MP4, Conversion.TGS_TO_GIF})


@dataclass(frozen=True, slots=True)
class Expected:
    message_id: str
    key: PostKey
    author: str | None
    author_id: str | None
    text: str | None
    file_name: str | None
    file_size: int | None
    reply_to: str | None
    # The target was lost and re-sent (--repair): a reply posted before still links the lost copy.
    reply_to_lost: str | None = None


@dataclass(frozen=True, slots=True)
class VerifyResult:
    expected: int
    found: int
    differences: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.differences


def expected_messages(
    posts: Sequence[Post], records: Mapping[PostKey, PostRecord]
) -> list[Expected]:
    """What the server should hold, in order: each sent post (and a file's caption apart)."""
    result: list[Expected] = []
    for post in posts:
        record = records.get(post.key)
        if record is None or record.state is not PostState.SENT or not record.message_id:
            continue
        target = records.get(post.reply_to) if post.reply_to is not None else None
        reply_to = target.message_id if target is not None else None
        reply_to_lost = target.lost_message_id if target is not None else None
        size = None
        if post.file is not None and post.conversion not in _RESIZED and post.file.is_file():
            size = post.file.stat().st_size
        if record.file_name is not None:
            result.append(
                Expected(
                    record.message_id,
                    post.key,
                    record.author,
                    record.author_id,
                    None,
                    record.file_name,
                    size,
                    reply_to,
                    reply_to_lost,
                )
            )
            if record.caption_message_id:
                result.append(
                    Expected(
                        record.caption_message_id,
                        post.key,
                        record.author,
                        record.author_id,
                        record.sent_text,
                        None,
                        None,
                        None,
                    )
                )
        else:
            result.append(
                Expected(
                    record.message_id,
                    post.key,
                    record.author,
                    record.author_id,
                    record.sent_text,
                    None,
                    None,
                    reply_to,
                    reply_to_lost,
                )
            )
    return result


def compare(
    posts: Sequence[Post],
    records: Mapping[PostKey, PostRecord],
    server: Sequence[ServerMessage],
) -> VerifyResult:
    expected = expected_messages(posts, records)
    on_server = [m for m in server if m.is_user_message]
    by_id = {m.message_id: m for m in on_server}
    differences: list[str] = []
    names = {post.key: post_reference(post) for post in posts}
    wanted_ids = {e.message_id for e in expected}

    for item in expected:
        message = by_id.get(item.message_id)
        if message is None:
            differences.append(
                tr("compare.missing", post=names[item.key], message_id=item.message_id)
            )
            continue
        differences.extend(_field_differences(item, message, names[item.key]))

    # Posts --repair sent again stand after everything else: out of order, by design.
    in_order = {e.message_id for e in expected if not _resent(records, e.key)}
    order = [m.message_id for m in on_server if m.message_id in in_order]
    expected_order = [
        e.message_id for e in expected if e.message_id in by_id and e.message_id in in_order
    ]
    if order != expected_order:
        position = next(
            (i for i, (a, b) in enumerate(zip(order, expected_order, strict=False)) if a != b),
            min(len(order), len(expected_order)),
        )
        differences.append(tr("compare.order", position=position + 1))

    for message in on_server:
        if message.message_id not in wanted_ids:
            what = message.text if message.text is not None else message.file_name
            differences.append(
                tr(
                    "compare.unexpected",
                    message_id=message.message_id,
                    login=message.login,
                    what=repr(what),
                )
            )
    for post in posts:
        record = records.get(post.key)
        if record is None or record.state is not PostState.SENT:
            reason = (
                record.reason if record is not None and record.reason else tr("reason.not_sent")
            )
            differences.append(tr("compare.not_migrated", post=names[post.key], reason=reason))
    return VerifyResult(len(expected), len(on_server), tuple(differences))


def _resent(records: Mapping[PostKey, PostRecord], key: PostKey) -> bool:
    record = records.get(key)
    return record is not None and record.lost_message_id is not None


def lost_posts(
    posts: Sequence[Post],
    records: Mapping[PostKey, PostRecord],
    server: Sequence[ServerMessage],
) -> tuple[list[PostKey], list[PostKey]]:
    """Sent posts the server no longer has: (wholly gone, so safe to send again; partly gone).

    A file and its caption are two messages; a post with one of them still on the server is
    never sent again (that would post the other twice)."""
    present = {m.message_id for m in server}
    gone: list[PostKey] = []
    partly: list[PostKey] = []
    for post in posts:
        record = records.get(post.key)
        if record is None or record.state is not PostState.SENT or not record.message_id:
            continue
        ids = [i for i in (record.message_id, record.caption_message_id) if i]
        missing = [i for i in ids if i not in present]
        if len(missing) == len(ids):
            gone.append(post.key)
        elif missing:
            partly.append(post.key)
    return gone, partly


def _field_differences(item: Expected, message: ServerMessage, post: str) -> list[str]:
    found: list[str] = []
    if item.author is not None and not same_author(
        message, author_id=item.author_id, login=item.author
    ):
        found.append(
            tr("compare.author", post=post, found=repr(message.login), wanted=repr(item.author))
        )
    if item.text is not None and not same_text(message.text, item.text):
        found.append(
            tr("compare.text", post=post, found=repr(message.text), wanted=repr(item.text))
        )
    if item.file_name is not None and message.file_name != item.file_name:
        found.append(
            tr(
                "compare.file_name",
                post=post,
                found=repr(message.file_name),
                wanted=repr(item.file_name),
            )
        )
    if item.file_size is not None and message.file_size != item.file_size:
        found.append(
            tr("compare.file_size", post=post, found=message.file_size, wanted=item.file_size)
        )
    accepted = {item.reply_to, item.reply_to_lost} - {None}
    if item.reply_to is not None and message.reply_to not in accepted:
        found.append(
            tr(
                "compare.reply",
                post=post,
                found=repr(message.reply_to),
                wanted=repr(item.reply_to),
            )
        )
    return found
