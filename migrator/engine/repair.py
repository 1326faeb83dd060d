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
from migrator.ledger import ChatLedger
from migrator.plan.post import Post, PostKey
from migrator.verify.compare import lost_posts

log = logging.getLogger(__name__)

# What the administrator reads (kept together for the message catalogue).
RESENT = "{label}: {count} posts the server had lost are sent again, after the others: {keys}"
PARTLY = (
    "{label}: {key}: the server lost the file or its caption, not both; not sent again "
    "(that would post the other part twice)"
)
STILL_THERE = (
    "{label}: {key}: missing from the chat history, but the server still has its message; "
    "not sent again"
)
NOTHING_LOST = "{label}: the server has every post the ledger records as sent"


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
        log.warning("could not look up message %s (%s): not sent again", message_id, exc)
        return False


def describe_losses(losses: Losses, label: str) -> list[str]:
    lines = [PARTLY.format(label=label, key=key) for key in losses.partly]
    lines += [STILL_THERE.format(label=label, key=key) for key in losses.still_there]
    if losses.gone:
        keys = ", ".join(str(key) for key in losses.gone)
        lines.append(RESENT.format(label=label, count=len(losses.gone), keys=keys))
    elif not lines:
        lines.append(NOTHING_LOST.format(label=label))
    return lines
