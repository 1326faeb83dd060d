"""The fast constructor gives genuine frozen model values, indistinguishable from ``cls(...)``."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from collections.abc import Callable

import pytest

from migrator.telegram import model
from migrator.telegram.fast_new import fast_constructor
from migrator.telegram.model import (
    EntityType,
    LoadStats,
    Message,
    MessageType,
    Peer,
    PeerId,
    PeerKind,
    ServiceAction,
    TextChunk,
)

FROZEN_MODEL_CLASSES = [
    value
    for value in vars(model).values()
    if isinstance(value, type)
    and dataclasses.is_dataclass(value)
    and value.__dataclass_params__.frozen  # type: ignore[attr-defined]
]


def sample_message(build: Callable[..., Message]) -> Message:
    chunk = TextChunk(EntityType.TEXT_LINK, "docs", href="https://example.org")
    sender = Peer(PeerId(PeerKind.USER, 7), "Анна")
    return build(
        5,
        MessageType.MESSAGE,
        1_600_000_000,
        "2020-09-13",
        sender=sender,
        text=(chunk,),
        reply_to_message_id=4,
    )


def test_value_is_a_real_frozen_instance_equal_to_the_normal_one() -> None:
    fast = sample_message(fast_constructor(Message))
    normal = sample_message(Message)
    assert type(fast) is Message
    assert fast == normal and hash(fast) == hash(normal) and repr(fast) == repr(normal)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.id = 6  # type: ignore[misc]
    assert dataclasses.replace(fast, id=6).id == 6
    assert pickle.loads(pickle.dumps(fast)) == normal
    assert {fast: 1}[normal] == 1


def test_defaults_and_default_factories_match() -> None:
    build = fast_constructor(ServiceAction)
    first, second = build("pin_message"), build("pin_message")
    assert first == ServiceAction("pin_message")
    assert first.details == {} and first.details is not second.details
    assert fast_constructor(TextChunk)(EntityType.PLAIN, "x") == TextChunk(EntityType.PLAIN, "x")


@pytest.mark.parametrize("cls", FROZEN_MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_frozen_model_class_has_the_same_signature(cls: type) -> None:
    assert inspect.signature(fast_constructor(cls)) == inspect.signature(cls)


def test_classes_it_cannot_build_faithfully_are_refused() -> None:
    with pytest.raises(TypeError, match="not a frozen slotted dataclass"):
        fast_constructor(LoadStats)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError(self.value)

    with pytest.raises(TypeError, match="__post_init__"):
        fast_constructor(Checked)
