"""Building loader-shaped messages for the users tests."""

from __future__ import annotations

from migrator.telegram.model import Message, MessageType, Peer, PeerId, PeerKind, ServiceAction


def user(number: int, name: str | None) -> Peer:
    return Peer(PeerId(PeerKind.USER, number), name)


def channel(number: int, name: str | None) -> Peer:
    return Peer(PeerId(PeerKind.CHANNEL, number), name)


def said(message_id: int, sender: Peer) -> Message:
    return Message(id=message_id, type=MessageType.MESSAGE, timestamp=1_700_000_000, sender=sender)


def service(
    message_id: int, action: str, actor: Peer | None, *members: str | None, **details: object
) -> Message:
    return Message(
        id=message_id,
        type=MessageType.SERVICE,
        timestamp=1_700_000_000,
        service=ServiceAction(action=action, actor=actor, members=members, details=details),
    )


# The acceptance cast: two "Иван Петров", one "Ivan Petrov", a Chinese name, an emoji-only name,
# a deleted account, a channel posting in the group, and a user renamed halfway.
ACCEPTANCE_CHAT = [
    service(1, "create_group", user(100, "Иван Петров"), "Иван Петров", "Ли Мин", None),
    said(2, user(100, "Иван Петров")),
    said(3, user(200, "Иван Петров")),
    said(4, user(300, "Ivan Petrov")),
    said(5, user(400, "王小明")),
    said(6, user(500, "🚀🔥")),
    said(7, user(600, None)),
    said(8, channel(900, "Новости компании")),
    said(9, user(700, "Ольга Смирнова")),
    service(10, "invite_members", user(400, "王小明"), "Ольга Смирнова", "Пётр"),
    said(11, user(700, "Ольга Кузнецова")),
    said(12, user(600, None)),
]
