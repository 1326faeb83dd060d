"""The pure half of every check: what was observed → ``{status, observed, effect}``.

Nothing here talks to a server; ``run.py`` collects the observations through the protocol.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import JsonValue

from migrator.probe.profile import CheckResult, CheckStatus
from migrator.probe.texts import effect_text

EXCERPT = 80  # characters of a differing text kept in the profile
# Versions the client library (python-trueconf-bot 1.5.4) refuses.
REFUSED_VERSIONS = ((5, 5, 0), (5, 5, 5))
MINIMUM_VERSION = (5, 5, 0)


def result(check: str, status: CheckStatus, observed: JsonValue, variant: str = "") -> CheckResult:
    return CheckResult(
        status=status, observed=observed, effect=effect_text(check, variant or status.value)
    )


def not_checked(check: str, reason: str) -> CheckResult:
    return result(check, CheckStatus.DIFFERS, {"not_checked": reason}, "not_checked")


def unfinished(check: str, error: str) -> CheckResult:
    """A request of the check failed, so what it looks at is unknown."""
    return result(check, CheckStatus.DIFFERS, {"error": error}, "not_checked")


# -- messages as the server returns them ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeenMessage:
    message_id: str
    author_id: str
    type: int
    box_id: int | None
    box_position: str | None
    timestamp: int
    text: str | None
    file_name: str | None


def seen_message(raw: Mapping[str, Any]) -> SeenMessage:
    content = raw.get("content") or {}
    box = raw.get("box") or {}
    author = raw.get("author") or {}
    return SeenMessage(
        message_id=str(raw.get("messageId", "")),
        author_id=str(author.get("id", "")),
        type=int(raw.get("type") or 0),
        box_id=int(box["id"]) if isinstance(box, dict) and "id" in box else None,
        box_position=str(box["position"]) if isinstance(box, dict) and "position" in box else None,
        timestamp=int(raw.get("timestamp") or 0),
        text=str(content["text"]) if isinstance(content, dict) and "text" in content else None,
        file_name=str(content["name"]) if isinstance(content, dict) and "name" in content else None,
    )


def _json_list(values: Sequence[str]) -> list[JsonValue]:
    return list[JsonValue](values)


def _excerpt(value: str | None) -> str | None:
    if value is None:
        return None
    return value if len(value) <= EXCERPT else value[:EXCERPT] + "…"


# -- server_version ------------------------------------------------------------------------------


def _version_tuple(version: str) -> tuple[int, ...] | None:
    match = re.match(r"^\s*(\d+)\.(\d+)(?:\.(\d+))?", version)
    if match is None:
        return None
    return tuple(int(part or 0) for part in match.groups())


def evaluate_server_version(version: str | None) -> CheckResult:
    parsed = _version_tuple(version) if version else None
    if parsed is None:
        return result("server_version", CheckStatus.DIFFERS, version)
    low, high = REFUSED_VERSIONS
    if parsed < MINIMUM_VERSION or low <= parsed[:3] <= high:
        return result("server_version", CheckStatus.BLOCKING, version)
    return result("server_version", CheckStatus.OK, version)


# -- text_echo -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EchoSample:
    name: str
    sent: str
    from_history: str | None
    by_id: str | None


def evaluate_text_echo(samples: Sequence[EchoSample]) -> CheckResult:
    differing = [s for s in samples if s.from_history != s.sent or s.by_id != s.sent]
    observed: dict[str, JsonValue] = {
        "samples": len(samples),
        "identical": len(samples) - len(differing),
        "differences": [
            {
                "sample": s.name,
                "sent": _excerpt(s.sent),
                "history": _excerpt(s.from_history),
                "by_id": _excerpt(s.by_id),
            }
            for s in differing
        ],
    }
    status = CheckStatus.DIFFERS if differing or not samples else CheckStatus.OK
    return result("text_echo", status, observed)


# -- history_page_cap ----------------------------------------------------------------------------


def evaluate_history_page_cap(*, asked: int, returned: int) -> CheckResult:
    """``asked`` messages were requested from a chat holding at least that many."""
    if returned >= asked:
        return result("history_page_cap", CheckStatus.OK, None)
    return result("history_page_cap", CheckStatus.DIFFERS, returned)


# -- history_order -------------------------------------------------------------------------------


def _direction(indices: Sequence[int]) -> str:
    if len(indices) < 2:
        return "unknown"
    if all(a > b for a, b in itertools.pairwise(indices)):
        return "newest_first"
    if all(a < b for a, b in itertools.pairwise(indices)):
        return "oldest_first"
    return "mixed"


def _box_ids(messages: Sequence[SeenMessage]) -> str:
    """Box ids of ``messages`` in the order they were sent."""
    ids = [m.box_id for m in messages]
    if any(i is None for i in ids):
        return "missing"
    present = [i for i in ids if i is not None]
    if len(set(present)) != len(present):
        return "shared"
    if any(a >= b for a, b in itertools.pairwise(present)):
        return "not_increasing"
    return "unique_increasing"


def evaluate_history_order(
    *,
    sent_ids: Sequence[str],
    page: Sequence[SeenMessage],
    anchor_id: str,
    anchor_page: Sequence[SeenMessage],
) -> CheckResult:
    """``sent_ids``: every probe post of the chat in the order sent (each awaited, a file and its
    caption included); ``page``: the newest page as returned; ``anchor_page``: the page asked
    with ``fromMessageId = anchor_id``."""
    index = {message_id: i for i, message_id in enumerate(sent_ids)}
    known = [m for m in page if m.message_id in index]
    anchor_at = index[anchor_id]
    anchor_known = [m for m in anchor_page if m.message_id in index]
    around = {index[m.message_id] for m in anchor_known if m.message_id != anchor_id}
    if not around:
        anchor_side = "none"
    elif all(i < anchor_at for i in around):
        anchor_side = "older"
    elif all(i > anchor_at for i in around):
        anchor_side = "newer"
    else:
        anchor_side = "both"
    in_sent_order = sorted(known, key=lambda m: index[m.message_id])
    stamps = [m.timestamp for m in in_sent_order]
    equal = sum(1 for a, b in itertools.pairwise(stamps) if a == b)
    observed: dict[str, JsonValue] = {
        "direction": _direction([index[m.message_id] for m in known]),
        "anchor_included": any(m.message_id == anchor_id for m in anchor_page),
        "anchor_side": anchor_side,
        "box_ids": _box_ids(in_sent_order),
        "equal_timestamps": equal,
    }
    good = (
        observed["direction"] == "newest_first"
        and observed["anchor_included"] is False
        and anchor_side == "older"
        and observed["box_ids"] == "unique_increasing"
        and equal == 0
    )
    return result("history_order", CheckStatus.OK if good else CheckStatus.DIFFERS, observed)


# -- author_id_format ----------------------------------------------------------------------------


def id_format(login: str, user_id: str) -> str:
    local, at, _domain = user_id.rpartition("@")
    if not at:
        return "no_domain"
    if "\\" in local:
        return "domain\\login@server"
    return "login@server" if local.lower() == login.lower() else "other"


def evaluate_author_id_format(
    reported: Mapping[str, str], authors_in_history: Mapping[str, Sequence[str]]
) -> CheckResult:
    """``reported``: login → the id the server gives the account on sign-in;
    ``authors_in_history``: login → the author ids of that account's posts read back."""
    formats = {login: id_format(login, user_id) for login, user_id in reported.items()}
    exact = all(
        fmt == "login@server" and reported[login].rpartition("@")[0] == login
        for login, fmt in formats.items()
    )
    consistent = all(
        all(author == reported.get(login) for author in authors)
        for login, authors in authors_in_history.items()
    )
    observed: dict[str, JsonValue] = {
        "reported": dict(reported),
        "format": _json_list(sorted(set(formats.values()))),
        "case_kept": all(
            reported[login].rpartition("@")[0].rpartition("\\")[2] == login for login in reported
        ),
        "history_matches_sign_in": consistent,
    }
    status = CheckStatus.OK if exact and consistent and reported else CheckStatus.DIFFERS
    return result("author_id_format", status, observed)


# -- pipelined_order -----------------------------------------------------------------------------


def evaluate_pipelined_order(sent: Sequence[str], stored: Sequence[str | None]) -> CheckResult:
    """``sent``: texts in the order they went out together; ``stored``: the texts of the chat's
    messages in the server's order (oldest first)."""
    position = {text: i for i, text in enumerate(sent)}
    order = [position[t] for t in stored if t is not None and t in position]
    in_order = order == list(range(len(sent)))
    observed: dict[str, JsonValue] = {
        "sent": len(sent),
        "stored": len(order),
        "in_order": in_order,
        "stored_order": list(order),
    }
    return result("pipelined_order", CheckStatus.OK if in_order else CheckStatus.DIFFERS, observed)


# -- temporal_file_scope -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileAttempt:
    """One ``sendFile`` of a file uploaded earlier: None when it worked, else the error."""

    case: str  # "after_wait", "after_reconnect", "other_connection"
    error: str | None
    waited_seconds: float | None = None


def evaluate_temporal_file_scope(attempts: Sequence[FileAttempt]) -> CheckResult:
    observed: dict[str, JsonValue] = {}
    for attempt in attempts:
        entry: dict[str, JsonValue] = {"works": attempt.error is None}
        if attempt.error is not None:
            entry["error"] = attempt.error
        if attempt.waited_seconds is not None:
            entry["waited_seconds"] = round(attempt.waited_seconds, 1)
        observed[attempt.case] = entry
    works = bool(attempts) and all(a.error is None for a in attempts)
    return result("temporal_file_scope", CheckStatus.OK if works else CheckStatus.DIFFERS, observed)


# -- idle_drop -----------------------------------------------------------------------------------


def evaluate_idle_drop(*, waited_seconds: float, dropped_after: float | None) -> CheckResult:
    observed: dict[str, JsonValue] = {
        "waited_seconds": round(waited_seconds, 1),
        "dropped_after_seconds": None if dropped_after is None else round(dropped_after, 1),
    }
    status = CheckStatus.OK if dropped_after is None else CheckStatus.DIFFERS
    return result("idle_drop", status, observed)


# -- caption_shape -------------------------------------------------------------------------------


def evaluate_caption_shape(
    *,
    file_id: str,
    caption_id: str | None,
    file_name: str,
    caption: str,
    created: Sequence[SeenMessage],
) -> CheckResult:
    """``created``: the messages the one sendFile created, oldest first as read back."""
    files = [m for m in created if m.file_name is not None]
    texts = [m for m in created if m.text is not None and m.file_name is None]
    order: list[JsonValue] = [("file" if m.file_name is not None else "caption") for m in created]
    boxes = {m.box_id for m in created}
    observed: dict[str, JsonValue] = {
        "messages": len(created),
        "order": order,
        "caption_id_returned": caption_id is not None,
        "file_name_kept": [m.file_name for m in files] == [file_name],
        "caption_separate": bool(texts) and texts[0].message_id == caption_id,
        "box": "shared" if len(boxes) == 1 and len(created) > 1 else "separate",
    }
    good = (
        order == ["file", "caption"]
        and len(files) == 1
        and len(texts) == 1
        and files[0].message_id == file_id
        and observed["caption_id_returned"] is True
        and observed["caption_separate"] is True
        and observed["file_name_kept"] is True
        and texts[0].text == caption
    )
    return result("caption_shape", CheckStatus.OK if good else CheckStatus.DIFFERS, observed)


# -- p2p_reuse -----------------------------------------------------------------------------------


def evaluate_p2p_reuse(first: str, second: str) -> CheckResult:
    same = first == second
    return result("p2p_reuse", CheckStatus.OK if same else CheckStatus.DIFFERS, {"same_chat": same})


# -- channel_writer ------------------------------------------------------------------------------


def evaluate_channel_writer(
    *, role_error: str | None, post_error: str | None, post_seen: bool
) -> CheckResult:
    observed: dict[str, JsonValue] = {
        "role_given": role_error is None,
        "posted": post_error is None,
        "post_seen": post_seen,
    }
    if role_error is not None:
        observed["role_error"] = role_error
    if post_error is not None:
        observed["post_error"] = post_error
    good = post_error is None and post_seen  # an unsure answer to the role change is no matter
    return result("channel_writer", CheckStatus.OK if good else CheckStatus.BLOCKING, observed)


# -- unknown_user --------------------------------------------------------------------------------

# Answers the sender takes for "try again" or "sign in again", not for a refusal of this user.
NOT_A_REFUSAL = frozenset({100, 101, 200, 201, 203, 300, 301, 429, 503})


def evaluate_unknown_user(code: int | None) -> CheckResult:
    """``code``: the error the server answered when asked to add a login it does not know
    (None: it accepted)."""
    good = code is not None and code not in NOT_A_REFUSAL
    return result(
        "unknown_user", CheckStatus.OK if good else CheckStatus.DIFFERS, {"error_code": code}
    )


# -- error_after_effect --------------------------------------------------------------------------


def evaluate_error_after_effect(*, unanswered: int, applied: int) -> CheckResult:
    """``unanswered``: posts answered with 300/301 or not at all; ``applied``: of those, the
    ones found in the chat afterwards."""
    observed: dict[str, JsonValue] = {"unanswered_posts": unanswered, "applied_anyway": applied}
    status = CheckStatus.DIFFERS if applied else CheckStatus.OK
    return result("error_after_effect", status, observed)
