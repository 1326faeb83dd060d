"""Admitting the participants of a new chat: the adds go out together, a bounded number at a time;
what failed is settled one by one under the retry policy."""

from __future__ import annotations

import asyncio

from migrator.config.model import ChatType
from migrator.ledger import Ledger
from migrator.retry import Backoff, FailureKind, ServerFailure
from migrator.send import ChatSpec
from migrator.send.chat_open import ADMITS_IN_FLIGHT, ChatOpener

from .fake_connector import FakeConnector, FakeServer
from .posts import CHAT

QUICK = Backoff(base_seconds=0.001, cap_seconds=0.002, attempts=4, settle_seconds=0.0)
PEOPLE = tuple(f"user{n:02}" for n in range(1, 21))


class AdmittingServer(FakeConnector):
    """Each add takes a turn of the event loop; the owner's token can be refused until renewed;
    some accounts do not exist."""

    def __init__(
        self, *, token_refused: bool = False, missing: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(FakeServer(), ("alice", *PEOPLE))
        self.token_refused = token_refused
        self.missing = missing
        self.in_flight = 0
        self.most_in_flight = 0
        self.admitted: list[str] = []
        self.asked: dict[str, int] = {}
        self.renewals = 0

    async def add_participant(self, login: str, chat_id: str, user: str) -> None:
        self.asked[user] = self.asked.get(user, 0) + 1
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.001)
            if self.token_refused:
                raise ServerFailure(FailureKind.AUTH, "server error 203: credentials expired")
            if user in self.missing:
                raise ServerFailure(FailureKind.REFUSED, "server error 304: no such user")
            self.admitted.append(user)
        finally:
            self.in_flight -= 1

    async def reauthenticate(self, login: str) -> None:
        self.renewals += 1
        self.token_refused = False


async def open_group(connector: AdmittingServer, ledger: Ledger) -> list[tuple[str, str]]:
    refused: list[tuple[str, str]] = []
    opener = ChatOpener(
        connector=connector,
        ledger=ledger.chat(server="fake", chat_key=CHAT),
        spec=ChatSpec("Team", ChatType.GROUP, "alice", PEOPLE, frozenset(PEOPLE)),
        backoff=QUICK,
    )
    await opener.open(lambda login, reason: refused.append((login, reason)))
    return refused


async def test_participants_are_admitted_together_a_bounded_number_at_a_time(
    ledger: Ledger,
) -> None:
    server = AdmittingServer()
    assert await open_group(server, ledger) == []
    assert sorted(server.admitted) == list(PEOPLE)
    assert set(server.asked.values()) == {1}
    assert 1 < server.most_in_flight <= ADMITS_IN_FLIGHT


async def test_a_token_refused_to_every_add_in_flight_is_renewed_once(ledger: Ledger) -> None:
    server = AdmittingServer(token_refused=True)
    assert await open_group(server, ledger) == []
    assert server.renewals == 1
    assert sorted(server.admitted) == list(PEOPLE)
    # Each refused in the first round; the first settled is refused again and renews the token.
    assert sum(server.asked.values()) <= 2 * len(PEOPLE) + 1


async def test_an_account_refused_for_good_is_reported_in_order_and_asked_once(
    ledger: Ledger,
) -> None:
    server = AdmittingServer(missing=frozenset({"user07", "user03"}))
    refused = await open_group(server, ledger)
    assert refused == [
        ("user03", "server error 304: no such user"),
        ("user07", "server error 304: no such user"),
    ]
    assert server.asked["user03"] == server.asked["user07"] == 1
    assert sorted(server.admitted) == [p for p in PEOPLE if p not in {"user03", "user07"}]
