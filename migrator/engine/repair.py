"""``--repair``: posts the server lost after it acknowledged them are sent again.

The chat is read back as ``--verify`` reads it. A sent post is taken as lost only when none of
its messages (a file and its caption are two) is in the history and the server answers "message
not found" for each of them by id: a post the server still has is never sent again. The lost
posts go back to ``planned`` in the ledger, keeping the lost message id, and the normal sender
sends them after everything else, in their export order; reports mark them "re-sent out of
order".
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from migrator import retry
from migrator.connector import Connector
from migrator.engine.verify_run import read_back
from migrator.i18n import tr
from migrator.ledger import ChatLedger
from migrator.plan.post import Post, PostKey
from migrator.plan.reference import post_reference
from migrator.verify.compare import lost_posts

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Losses:
    gone: tuple[PostKey, ...]  # none of the post's messages is on the server: sent again
    partly: tuple[PostKey, ...]  # a file or its caption is still there: not sent again
    still_there: tuple[PostKey, ...]  # not in the history, yet the server has it by id


async def find_losses(
    connector: Connector,
    owner: str,
    chat_id: str,
    chat_ledger: ChatLedger,
    posts: Sequence[Post],
    backoff: retry.Backoff,
) -> Losses:
    messages = await read_back(connector, owner, chat_id, backoff)
    records = chat_ledger.records()
    gone, partly = lost_posts(posts, records, messages)
    confirmed: list[PostKey] = []
    still_there: list[PostKey] = []
    for key in gone:
        record = records[key]
        ids = [i for i in (record.message_id, record.caption_message_id) if i]
        absent = [await _absent(connector, owner, message_id, backoff) for message_id in ids]
        (confirmed if all(absent) else still_there).append(key)
    return Losses(tuple(confirmed), tuple(partly), tuple(still_there))


async def _absent(
    connector: Connector, owner: str, message_id: str, backoff: retry.Backoff
) -> bool:
    """True only when the server says the message does not exist."""
    try:
        return not await retry.read(lambda: connector.message_exists(owner, message_id), backoff)
    except retry.RetryFailed as exc:  # cannot tell: keep the post as it is, never risk a duplicate
        log.warning("%s", tr("repair.lookup_failed", message_id=message_id, error=exc))
        return False


def describe_losses(losses: Losses, label: str, posts: Sequence[Post]) -> list[str]:
    by_key = {post.key: post for post in posts}

    def named(key: PostKey) -> str:
        post = by_key.get(key)
        return post_reference(post) if post is not None else str(key)

    lines = [tr("repair.partly", label=label, post=named(key)) for key in losses.partly]
    lines += [tr("repair.still_there", label=label, post=named(key)) for key in losses.still_there]
    if losses.gone:
        names = ", ".join(named(key) for key in losses.gone)
        lines.append(tr("repair.resent", label=label, count=len(losses.gone), posts=names))
    elif not lines:
        lines.append(tr("repair.nothing_lost", label=label))
    return lines
