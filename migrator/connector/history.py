"""Reading a chat back, and the owner's chat list, whatever the server does with page sizes.

History: pages of ``fromMessageId`` (newest first), starting small; a page that fails to arrive
(the client refuses frames over 1 MiB and the socket closes with 1009; a page that timed out)
is asked again at half the size, and after a few good pages the size grows again. Reading stops
only on an empty page, a page with nothing new, or at ``stop_at``, never because a page was
shorter than asked (a server may cap pages). Whether the anchor itself is in the next page
(inclusive) or not (exclusive), messages are de-duplicated by id; they are ordered by
``(box.id, box.position)``, then timestamp, then arrival (a file and its caption may share a box).

Chat list (``getChats`` pages by number): a first page shorter than asked means the server caps
pages; the size follows the cap so that page numbers keep meaning the same offsets. A page that
fails is asked again in pages half the size from the same offset; chats are de-duplicated by id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from migrator.connector.door import Connector
from migrator.connector.model import ListedChat, ServerMessage
from migrator.retry import Backoff, FailureKind, ServerFailure, read

FIRST_PAGE = 20
LARGEST_PAGE = 100
SMALLEST_PAGE = 2  # an inclusive anchor takes a place: 2 still brings one older message
GOOD_PAGES_TO_GROW = 3
FIRST_CHATS_PAGE = 50


@dataclass(slots=True)
class PageSize:
    """The size of the next page: halved after a failed page, grown slowly after good ones."""

    size: int = FIRST_PAGE
    largest: int = LARGEST_PAGE
    smallest: int = SMALLEST_PAGE
    _good: int = 0

    def failed(self, failure: ServerFailure) -> None:
        if failure.kind is FailureKind.UNKNOWN:  # dropped socket (frame too big), timeout
            self.size = max(self.smallest, self.size // 2)
            self._good = 0

    def succeeded(self) -> None:
        self._good += 1
        if self._good >= GOOD_PAGES_TO_GROW:
            self.size = min(self.largest, self.size + max(1, self.size // 2))
            self._good = 0


async def read_history(
    connector: Connector,
    login: str,
    chat_id: str,
    *,
    backoff: Backoff,
    stop_at: str | None = None,
    first_page: int = FIRST_PAGE,
) -> list[ServerMessage]:
    """The chat's messages oldest first; only those after ``stop_at`` when it is given."""
    seen: dict[str, ServerMessage] = {}
    sizes = PageSize(size=max(SMALLEST_PAGE, min(first_page, LARGEST_PAGE)))
    from_id: str | None = None
    arrived = 0
    while True:
        anchor = from_id

        async def fetch(anchor: str | None = anchor) -> list[ServerMessage]:
            return await connector.history_page(login, chat_id, count=sizes.size, from_id=anchor)

        page = await read(
            fetch,
            backoff,
            reauthenticate=lambda: connector.reauthenticate(login),
            on_failure=sizes.failed,
        )
        sizes.succeeded()
        page = [replace(m, arrival=arrived + m.arrival) for m in page]
        arrived += len(page)
        fresh = [m for m in page if m.message_id not in seen]
        seen.update((m.message_id, m) for m in fresh)
        if not fresh or (stop_at is not None and stop_at in seen):
            break
        from_id = min(fresh, key=ServerMessage.order_key).message_id
    ordered = sorted(seen.values(), key=ServerMessage.order_key)
    if stop_at is not None:
        ids = [m.message_id for m in ordered]
        if stop_at in ids:
            ordered = ordered[ids.index(stop_at) + 1 :]
    return ordered


async def list_chats(
    connector: Connector, login: str, *, backoff: Backoff, first_page: int = FIRST_CHATS_PAGE
) -> list[ListedChat]:
    """Every chat of ``login`` (each once), in the order the server lists them."""
    found: dict[str, ListedChat] = {}
    pages = _NumberedPages(size=max(1, first_page))

    async def fetch() -> list[ListedChat]:
        return await connector.list_chats_page(login, count=pages.size, page=pages.number)

    while True:
        chats = await read(
            fetch,
            backoff,
            reauthenticate=lambda: connector.reauthenticate(login),
            on_failure=pages.failed,
        )
        fresh = [chat for chat in chats if chat.chat_id not in found]
        found.update((chat.chat_id, chat) for chat in fresh)
        if not fresh:
            break
        pages.next_after(len(chats))
    return list(found.values())


@dataclass(slots=True)
class _NumberedPages:
    """Pages by number: a failed page is asked again in pages half the size from the same
    offset; a first page shorter than asked sets the size (the server's cap, or everything)."""

    size: int
    number: int = 1

    def failed(self, failure: ServerFailure) -> None:
        if failure.kind is FailureKind.UNKNOWN and self.size > 1:
            offset = (self.number - 1) * self.size
            self.size = max(1, self.size // 2)
            self.number = offset // self.size + 1

    def next_after(self, received: int) -> None:
        if self.number == 1 and 0 < received < self.size:
            self.size = received
        self.number += 1
