from __future__ import annotations

from migrator.telegram.model import PeerId, PeerKind
from migrator.users.collect import collect_people

from .messages import ACCEPTANCE_CHAT, said, service, user


def test_people_are_keyed_by_telegram_id_in_order_of_first_appearance() -> None:
    people = collect_people(ACCEPTANCE_CHAT)
    assert [str(p.peer) for p in people.persons] == [
        "user100",
        "user200",
        "user300",
        "user400",
        "user500",
        "user600",
        "channel900",
        "user700",
    ]
    by_peer = {str(p.peer): p for p in people.persons}
    assert by_peer["user100"].messages == 1
    assert by_peer["user600"].messages == 2
    assert by_peer["user600"].deleted
    assert not by_peer["channel900"].deleted


def test_a_renamed_user_is_one_person_with_the_latest_name() -> None:
    people = collect_people(ACCEPTANCE_CHAT)
    olga = next(p for p in people.persons if p.peer == PeerId(PeerKind.USER, 700))
    assert olga.names == ["Ольга Смирнова", "Ольга Кузнецова"]
    assert olga.name == "Ольга Кузнецова"


def test_bare_member_names_are_matched_or_reported_never_invented() -> None:
    people = collect_people(ACCEPTANCE_CHAT)
    # "Иван Петров" is two people: ambiguous; "Ольга Смирнова" is user700's old name: matched
    assert people.ambiguous_names == {
        "Иван Петров": [PeerId(PeerKind.USER, 100), PeerId(PeerKind.USER, 200)]
    }
    assert people.matched_names == 1
    assert people.unknown_names == {"Ли Мин": 1, "Пётр": 1}
    assert people.unnamed_mentions == 1
    assert len(people.persons) == 8


def test_inviter_names_and_senders_without_id_are_bare_names() -> None:
    from migrator.telegram.model import Message, MessageType, Peer

    messages = [
        said(1, user(1, "Anna")),
        service(2, "join_group_by_link", user(2, "Boris"), inviter="Anna"),
        Message(id=3, type=MessageType.MESSAGE, timestamp=1, sender=Peer(None, "Old Timer")),
    ]
    people = collect_people(messages)
    assert [str(p.peer) for p in people.persons] == ["user1", "user2"]
    assert people.matched_names == 1
    assert people.unknown_names == {"Old Timer": 1}
