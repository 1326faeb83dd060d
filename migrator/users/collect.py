"""Everyone who acts in a chat, keyed by Telegram id, from the loader's messages. Pure.

Authors of messages and actors of service messages come with an id. Members named in service
messages (``create_group``, ``invite_members``, …) and inviters come as bare names: they are
matched to a collected id when exactly one person used that name, and otherwise only reported —
an account is never invented from a bare name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from migrator.telegram.authors_fast import Authors
from migrator.telegram.model import Message, Peer, PeerId, PeerKind

_SETTLED_LIMIT = 8192
# Details keys of service actions that hold a person's name without an id.
_NAME_DETAILS = ("inviter",)


@dataclass(slots=True)
class Person:
    """One Telegram peer seen in the chat."""

    peer: PeerId
    order: int  # position of first appearance: decides who gets a login first
    names: list[str] = field(default_factory=list)  # every distinct name, in order seen
    messages: int = 0  # ordinary messages sent

    @property
    def name(self) -> str | None:
        """The latest name (a rename during the history keeps one person)."""
        return self.names[-1] if self.names else None

    @property
    def deleted(self) -> bool:
        """A user the export never names: ``from: null``, a deleted account."""
        return self.peer.kind is PeerKind.USER and not self.names


@dataclass(slots=True)
class People:
    """The result of a collection."""

    persons: list[Person]  # in order of first appearance
    matched_names: int = 0  # bare names attributed to exactly one collected person
    ambiguous_names: dict[str, list[PeerId]] = field(default_factory=dict)
    unknown_names: dict[str, int] = field(default_factory=dict)  # name → times mentioned
    unnamed_mentions: int = 0  # null members: deleted or unknown accounts without an id


class _Collector:
    def __init__(self) -> None:
        self.by_peer: dict[PeerId, Person] = {}
        self.bare_names: dict[str, int] = {}
        self.unnamed = 0

    def person(self, peer: PeerId) -> Person:
        found = self.by_peer.get(peer)
        if found is None:
            found = self.by_peer[peer] = Person(peer, order=len(self.by_peer))
        return found

    def peer(self, peer: Peer) -> Person | None:
        if peer.id is None:
            self.bare_name(peer.name)
            return None
        person = self.person(peer.id)
        if peer.name and peer.name not in person.names:
            person.names.append(peer.name)
        elif peer.name and person.names[-1] != peer.name:
            person.names.remove(peer.name)  # the name came back: it is the latest again
            person.names.append(peer.name)
        return person

    def bare_name(self, name: str | None) -> None:
        if name:
            self.bare_names[name] = self.bare_names.get(name, 0) + 1
        else:
            self.unnamed += 1

    def message(self, message: Message) -> None:
        if message.sender is not None:
            person = self.peer(message.sender)
            if person is not None:
                person.messages += 1
        service = message.service
        if service is None:
            return
        if service.actor is not None:
            self.peer(service.actor)
        for member in service.members:
            self.bare_name(member)
        for key in _NAME_DETAILS:
            value = service.details.get(key)
            if isinstance(value, str) or (value is None and key in service.details):
                self.bare_name(value)

    def authors(self, authors: Authors) -> None:
        """The same as ``message`` for what the fast reader gives of a message."""
        if authors.sender is not None:
            person = self.peer(authors.sender)
            if person is not None:
                person.messages += 1
        if authors.actor is not None:
            self.peer(authors.actor)
        for name in authors.names:
            self.bare_name(name)

    def result(self) -> People:
        people = People(persons=sorted(self.by_peer.values(), key=lambda p: p.order))
        people.unnamed_mentions = self.unnamed
        owners: dict[str, list[PeerId]] = {}
        for person in people.persons:
            for name in person.names:
                owners.setdefault(name, []).append(person.peer)
        for name, count in self.bare_names.items():
            candidates = owners.get(name, [])
            if len(candidates) == 1:
                people.matched_names += count
            elif candidates:
                people.ambiguous_names[name] = candidates
            else:
                people.unknown_names[name] = count
        return people


def collect_people(messages: Iterable[Message]) -> People:
    """Everyone the messages show, by Telegram id, plus a report of names without an id."""
    collector = _Collector()
    for message in messages:
        collector.message(message)
    return collector.result()


def collect_authors(batches: Iterable[Iterable[Authors]]) -> People:
    """``collect_people`` over the fast reader's batches (``authors_fast.iter_authors``).

    The reader gives one ``Authors`` value to every message of the same sender (by id and name),
    and once a sender's name is the person's latest, another such message only adds to the
    count: that is done without the lookups (a tenth of the whole reading time otherwise).
    """
    collector = _Collector()
    # id(authors) → (authors, the person, the name): the value is held so its id stays unique
    settled: dict[int, tuple[Authors, Person, str | None]] = {}
    for batch in batches:
        for authors in batch:
            known = settled.get(id(authors))
            if known is not None:
                _, person, name = known
                if not name or person.names[-1] == name:
                    person.messages += 1
                    continue
            collector.authors(authors)
            sender = authors.sender
            only_sent = authors.actor is None and not authors.names
            if known is None and only_sent and sender is not None and sender.id is not None:
                if len(settled) >= _SETTLED_LIMIT:
                    settled.clear()
                settled[id(authors)] = (authors, collector.by_peer[sender.id], sender.name)
    return collector.result()
