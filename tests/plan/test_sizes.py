"""The server's size limit is checked with the export's ``file_size``, or, where the export leaves
it out, with the size the caller's lookup gives (the engine stats the file; here: plain values)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from migrator.config.model import Language
from migrator.plan import Planner
from migrator.plan.post import MessagePlan, PostKind

from .golden import CHAT_KEY, DEFAULT_LOGINS, EXPORT_ROOT, options_for
from .test_planner import message

LIMITS = {"limits": {"max_size": 1000}}
BIG = EXPORT_ROOT / "files" / "big.pdf"
VCARD = EXPORT_ROOT / "contacts" / "contact_1.vcf"


class Sizes:
    """A size lookup over plain values that remembers what it was asked."""

    def __init__(self, sizes: dict[Path, int]) -> None:
        self.sizes = sizes
        self.asked: list[Path] = []

    def __call__(self, path: Path) -> int | None:
        self.asked.append(path)
        return self.sizes.get(path)


def plan(sizes: Sizes | None, raw_message: dict[str, Any], **case: Any) -> MessagePlan:
    planner = Planner(
        chat_key=CHAT_KEY,
        logins=DEFAULT_LOGINS,
        options=options_for(case or LIMITS, Language.EN),
        size_of=sizes,
    )
    return planner.plan(message(1, **raw_message))


def refused(result: MessagePlan) -> bool:
    over = any("exceeds the server limit" in note for note in result.notes)
    assert over == all(post.file is None for post in result.posts)
    return over


def test_an_undeclared_size_over_the_limit_is_found_through_the_lookup() -> None:
    sizes = Sizes({BIG: 5000})
    result = plan(sizes, {"file": "files/big.pdf"})
    assert refused(result)
    assert any("4.9 KB" in note and "1000 B" in note for note in result.notes)
    assert "big.pdf" in result.posts[0].html
    assert sizes.asked == [BIG]


def test_an_undeclared_size_within_the_limit_is_posted() -> None:
    result = plan(Sizes({BIG: 999}), {"file": "files/big.pdf"})
    assert not refused(result)
    assert result.posts[0].kind is PostKind.FILE and result.posts[0].file == BIG


def test_a_declared_size_is_used_and_the_lookup_not_asked() -> None:
    sizes = Sizes({BIG: 5000})
    assert not refused(plan(sizes, {"file": "files/big.pdf", "file_size": 10}))
    assert refused(plan(sizes, {"file": "files/big.pdf", "file_size": 1001}))
    assert sizes.asked == []


def test_without_a_lookup_an_undeclared_size_is_not_checked() -> None:
    assert not refused(plan(None, {"file": "files/big.pdf"}))


def test_a_lookup_that_cannot_tell_leaves_the_file_to_the_server() -> None:
    sizes = Sizes({})
    assert not refused(plan(sizes, {"file": "files/big.pdf"}))
    assert sizes.asked == [BIG]


def test_no_limits_no_lookup() -> None:
    sizes = Sizes({BIG: 5000})
    assert not refused(plan(sizes, {"file": "files/big.pdf"}, limits=None))
    assert sizes.asked == []


def test_a_converted_file_is_not_judged_by_its_source_size() -> None:
    sizes = Sizes({EXPORT_ROOT / "voice_messages" / "a.ogg": 5000})
    voice = {"file": "voice_messages/a.ogg", "media_type": "voice_message"}
    result = plan(sizes, voice, limits={"max_size": 1000}, convert_voice=True)
    assert not refused(result)
    assert result.posts[0].kind is PostKind.VIDEO
    assert sizes.asked == []


def test_a_vcard_is_checked_through_the_lookup() -> None:
    contact = {
        "contact_information": {"first_name": "Ann", "last_name": "", "phone_number": "+1"},
        "contact_vcard": "contacts/contact_1.vcf",
    }
    assert refused(plan(Sizes({VCARD: 4096}), contact))
    assert not refused(plan(Sizes({VCARD: 200}), contact))
