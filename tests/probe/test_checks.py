"""The pure evaluation of each check: observations in, ``{status, observed, effect}`` out."""

from __future__ import annotations

from migrator.probe import checks
from migrator.probe.checks import EchoSample, FileAttempt, SeenMessage
from migrator.probe.profile import CheckStatus

OK, DIFFERS, BLOCKING = CheckStatus.OK, CheckStatus.DIFFERS, CheckStatus.BLOCKING


def _message(
    n: int, *, box: int | None = None, ts: int | None = None, text: str | None = "t"
) -> SeenMessage:
    return SeenMessage(
        message_id=f"m{n}",
        author_id="alice@x",
        type=200,
        box_id=n if box is None else box,
        box_position="0",
        timestamp=1000 + n if ts is None else ts,
        text=text,
        file_name=None,
    )


def test_server_version() -> None:
    assert checks.evaluate_server_version("5.5.6.1234").status is OK
    assert checks.evaluate_server_version("5.6.0").status is OK
    refused = checks.evaluate_server_version("5.5.3.100")
    assert refused.status is BLOCKING and refused.observed == "5.5.3.100"
    assert checks.evaluate_server_version("5.0.1").status is BLOCKING
    assert checks.evaluate_server_version(None).status is DIFFERS
    assert checks.evaluate_server_version("unknown").status is DIFFERS


def test_text_echo_compares_byte_for_byte_in_history_and_by_id() -> None:
    same = EchoSample("links", '<a href="u">x</a>', '<a href="u">x</a>', '<a href="u">x</a>')
    assert checks.evaluate_text_echo([same]).status is OK
    by_id_differs = EchoSample("spaces", "a  b", "a  b", "a b")
    found = checks.evaluate_text_echo([same, by_id_differs])
    assert found.status is DIFFERS
    assert found.observed == {
        "samples": 2,
        "identical": 1,
        "differences": [{"sample": "spaces", "sent": "a  b", "history": "a  b", "by_id": "a b"}],
    }
    long = EchoSample("long", "ж" * 4096, None, "ж" * 4096)
    differences = checks.evaluate_text_echo([long]).observed
    assert isinstance(differences, dict)
    assert differences["differences"] == [
        {"sample": "long", "sent": "ж" * 80 + "…", "history": None, "by_id": "ж" * 80 + "…"}
    ]


def test_history_page_cap_observes_the_number_or_null() -> None:
    assert checks.evaluate_history_page_cap(asked=100, returned=100).observed is None
    capped = checks.evaluate_history_page_cap(asked=100, returned=20)
    assert (capped.status, capped.observed) == (DIFFERS, 20)


def test_history_order_as_assumed() -> None:
    sent = [f"m{n}" for n in range(10)]
    page = [_message(n) for n in reversed(range(10))]
    anchor_page = [_message(n) for n in (4, 3, 2)]
    found = checks.evaluate_history_order(
        sent_ids=sent, page=page, anchor_id="m5", anchor_page=anchor_page
    )
    assert found.status is OK
    assert found.observed == {
        "direction": "newest_first",
        "anchor_included": False,
        "anchor_side": "older",
        "box_ids": "unique_increasing",
        "equal_timestamps": 0,
    }


def test_history_order_with_shared_boxes_equal_times_and_inclusive_anchor() -> None:
    sent = [f"m{n}" for n in range(6)]
    page = [_message(n, box=min(n, 4), ts=1000 + n // 2) for n in reversed(range(6))]
    found = checks.evaluate_history_order(
        sent_ids=sent, page=page, anchor_id="m3", anchor_page=[_message(3), _message(2)]
    )
    assert found.status is DIFFERS
    observed = found.observed
    assert isinstance(observed, dict)
    assert observed["box_ids"] == "shared"
    assert observed["equal_timestamps"] == 3
    assert observed["anchor_included"] is True
    oldest_first = checks.evaluate_history_order(
        sent_ids=sent, page=[_message(n) for n in range(6)], anchor_id="m3", anchor_page=[]
    )
    assert isinstance(oldest_first.observed, dict)
    assert oldest_first.observed["direction"] == "oldest_first"
    assert oldest_first.observed["anchor_side"] == "none"


def test_author_ids() -> None:
    plain = checks.evaluate_author_id_format(
        {"alice": "alice@tc.local", "bob": "bob@tc.local"},
        {"alice": ["alice@tc.local"], "bob": ["bob@tc.local"]},
    )
    assert plain.status is OK
    ldap = checks.evaluate_author_id_format(
        {"alice": "EMULATOR\\Alice@tc.local"}, {"alice": ["EMULATOR\\Alice@tc.local"]}
    )
    assert ldap.status is DIFFERS
    assert isinstance(ldap.observed, dict)
    assert ldap.observed["format"] == ["domain\\login@server"]
    assert ldap.observed["case_kept"] is False
    upper = checks.evaluate_author_id_format({"alice": "ALICE@tc.local"}, {})
    assert upper.status is DIFFERS
    history_other = checks.evaluate_author_id_format(
        {"alice": "alice@tc.local"}, {"alice": ["alice@other"]}
    )
    assert history_other.status is DIFFERS


def test_pipelined_order() -> None:
    sent = ["a", "b", "c"]
    assert checks.evaluate_pipelined_order(sent, ["a", "b", "c"]).status is OK
    swapped = checks.evaluate_pipelined_order(sent, ["a", "c", None, "b"])
    assert swapped.status is DIFFERS
    assert isinstance(swapped.observed, dict)
    assert swapped.observed["stored_order"] == [0, 2, 1]


def test_temporal_file_scope() -> None:
    works = [FileAttempt("after_reconnect", None), FileAttempt("after_wait", None, 90.0)]
    assert checks.evaluate_temporal_file_scope(works).status is OK
    lost = checks.evaluate_temporal_file_scope(
        [FileAttempt("after_reconnect", "404: File not found"), FileAttempt("after_wait", None)]
    )
    assert lost.status is DIFFERS
    assert lost.observed == {
        "after_reconnect": {"works": False, "error": "404: File not found"},
        "after_wait": {"works": True},
    }


def test_idle_drop() -> None:
    assert checks.evaluate_idle_drop(waited_seconds=90, dropped_after=None).status is OK
    dropped = checks.evaluate_idle_drop(waited_seconds=90, dropped_after=15.04)
    assert dropped.status is DIFFERS
    assert dropped.observed == {"waited_seconds": 90, "dropped_after_seconds": 15.0}


def test_caption_shape() -> None:
    file = SeenMessage("f", "a", 202, 7, "0", 1, None, "probe.txt")
    caption = SeenMessage("c", "a", 200, 7, "1", 1, "cap", None)
    shared = checks.evaluate_caption_shape(
        file_id="f", caption_id="c", file_name="probe.txt", caption="cap", created=[file, caption]
    )
    assert shared.status is OK  # a shared box is history_order's finding, not this one's
    assert isinstance(shared.observed, dict) and shared.observed["box"] == "shared"
    reversed_pair = checks.evaluate_caption_shape(
        file_id="f", caption_id="c", file_name="probe.txt", caption="cap", created=[caption, file]
    )
    assert reversed_pair.status is DIFFERS
    renamed = checks.evaluate_caption_shape(
        file_id="f", caption_id="c", file_name="other.txt", caption="cap", created=[file, caption]
    )
    assert renamed.status is DIFFERS
    caption_inside = checks.evaluate_caption_shape(
        file_id="f", caption_id=None, file_name="probe.txt", caption="cap", created=[file]
    )
    assert caption_inside.status is DIFFERS


def test_p2p_channel_and_unknown_user() -> None:
    assert checks.evaluate_p2p_reuse("c1", "c1").status is OK
    assert checks.evaluate_p2p_reuse("c1", "c2").status is DIFFERS
    assert checks.not_checked("p2p_reuse", "no other account").status is DIFFERS
    refused = checks.evaluate_channel_writer(
        role_error=None, post_error="303: Not enough rights", post_seen=False
    )
    assert refused.status is BLOCKING
    assert checks.evaluate_unknown_user(399).status is OK
    assert checks.evaluate_unknown_user(301).status is DIFFERS
    assert checks.evaluate_unknown_user(None).status is DIFFERS


def test_error_after_effect() -> None:
    assert checks.evaluate_error_after_effect(unanswered=0, applied=0).status is OK
    assert checks.evaluate_error_after_effect(unanswered=3, applied=0).status is OK
    applied = checks.evaluate_error_after_effect(unanswered=3, applied=2)
    assert applied.status is DIFFERS
    assert applied.observed == {"unanswered_posts": 3, "applied_anyway": 2}
    unsure_role = checks.evaluate_channel_writer(
        role_error="301: Operation timeout", post_error=None, post_seen=True
    )
    assert unsure_role.status is OK
