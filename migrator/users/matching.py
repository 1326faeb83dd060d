"""Is this Telegram person one of the server's existing accounts? Pure.

Names are compared across scripts: both sides are transliterated with the project's table
(``logins.transliterate``, so ё and е are one letter) and reduced to a spelling skeleton that
forgives the usual variants of romanised Russian (x/ks, y/i/j, kh/h, doubled letters: "Alexey",
"Aleksei" and "Алексей" are one name). Word order does not count ("Петров Иван" is "Ivan
Petrov"), hyphenated names count as their parts, an extra word on one side (a patronymic) is
allowed, and an initial ("И. Петров") matches only weakly.

A person is matched *sure* only when exactly one account is a strong candidate and no other
account is a candidate at all; any doubt (two candidates, only a weak score) is *ambiguous* and
left to the administrator. Nothing is ever merged on a weak score.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from migrator.users.logins import transliterate

SURE_SCORE = 0.9  # a candidate at least this strong may be mapped without asking
EXACT_NAME, NAME_WITH_EXTRA_WORD, WEAK_NAME, SINGLE_WORD = 1.0, 0.9, 0.6, 0.5

# Letters and digits of any script; a hyphenated name is one group of several words.
_WORD_GROUPS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_LOGIN_PARTS = re.compile(r"[a-z]+")  # a login's words; digits (i.petrov2) only number it
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_VARIANTS = (
    ("x", "ks"),
    ("w", "v"),
    ("kh", "h"),
    ("tz", "ts"),
    ("ph", "f"),
    ("y", "i"),
    ("j", "i"),
)
_DOUBLED = re.compile(r"(.)\1+")


class Grade(StrEnum):
    SURE = "sure"
    AMBIGUOUS = "ambiguous"
    NONE = "none"


class Basis(StrEnum):
    """What a candidate was found by."""

    EMAIL = "e-mail"
    NAME = "name"
    LOGIN = "login"


@dataclass(frozen=True, slots=True)
class Account:
    """An account that exists on the server."""

    login: str
    display_name: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    account: Account
    basis: Basis
    score: float
    name: str  # the person's name (or e-mail) that matched

    @property
    def sure(self) -> bool:
        return self.score >= SURE_SCORE


@dataclass(frozen=True, slots=True)
class Match:
    grade: Grade
    candidates: tuple[Candidate, ...] = ()  # strongest first

    @property
    def account(self) -> Account | None:
        """The account a sure match maps onto."""
        return self.candidates[0].account if self.grade is Grade.SURE else None


@dataclass(frozen=True, slots=True)
class _Word:
    skeleton: str
    initial: bool  # a single letter in the original spelling: "И." of "И. Петров"
    hyphenated: bool = False  # a part of "Анна-Мария": never an extra word on its own


def skeleton(word: str) -> str:
    """The spelling of one Latin word with the usual romanisation variants made equal."""
    for variant, common in _VARIANTS:
        word = word.replace(variant, common)
    return _DOUBLED.sub(r"\1", word)


@functools.lru_cache(maxsize=1 << 16)  # every account name is compared with every person
def _words(name: str) -> tuple[_Word, ...]:
    words: list[_Word] = []
    for group in _WORD_GROUPS.findall(name):
        parts = group.split("-")
        for original in parts:
            latin = "".join(_LOGIN_PARTS.findall(transliterate(original))) or original.lower()
            initial = len(original) == 1 and original.isalpha()
            words.append(_Word(skeleton(latin), initial, hyphenated=len(parts) > 1))
    return tuple(words)


def _take(pool: list[_Word], wanted: _Word, *, exact: bool) -> bool:
    """Remove from ``pool`` a word that matches ``wanted`` (exactly, or as/with an initial)."""
    for index, word in enumerate(pool):
        if exact:
            hit = not word.initial and not wanted.initial and word.skeleton == wanted.skeleton
        elif wanted.initial and not word.initial:
            hit = word.skeleton.startswith(wanted.skeleton)
        elif word.initial and not wanted.initial:
            hit = wanted.skeleton.startswith(word.skeleton)
        else:
            hit = word.initial and wanted.initial and word.skeleton == wanted.skeleton
        if hit:
            del pool[index]
            return True
    return False


def _compare_words(left: Sequence[_Word], right: Sequence[_Word]) -> float:
    """How strongly two word lists name one person: 0 (not at all) to 1 (the same words)."""
    rest_left, rest_right = list(left), list(right)
    exact = 0
    for word in left:
        if _take(rest_right, word, exact=True):
            rest_left.remove(word)
            exact += 1
    for word in list(rest_left):
        if _take(rest_right, word, exact=False):
            rest_left.remove(word)
    loose = len(left) - len(rest_left) - exact
    extra = rest_left + rest_right
    if exact == 0 or (rest_left and rest_right):
        return 0.0  # nothing in common, or each side has a word the other lacks
    if any(word.initial or word.hyphenated for word in extra):
        return 0.0  # only a whole word (a patronymic) may be missing, never half of a name
    if loose:
        return WEAK_NAME  # an initial stood for a word
    if exact >= 2:
        return NAME_WITH_EXTRA_WORD if extra else EXACT_NAME
    return 0.0 if extra else SINGLE_WORD


def compare_names(left: str, right: str) -> float:
    """How strongly two display names, in any script, name one person (0 to 1)."""
    return _compare_words(_words(left), _words(right))


def compare_login(name: str, login: str) -> float:
    """How strongly ``login`` (``i.petrov``, ``ivan_petrov``, ``petrovi``) is made from ``name``."""
    parts = _LOGIN_PARTS.findall(login.lower())
    if not parts:
        return 0.0
    as_words = [_Word(skeleton(part), initial=len(part) == 1) for part in parts]
    score = _compare_words(_words(name), as_words)
    if score or len(parts) > 1:
        return min(score, NAME_WITH_EXTRA_WORD)  # a login alone is never as good as a name
    joined = skeleton(parts[0])
    words = [word for word in _words(name) if not word.initial]
    if len(words) != 2:
        return 0.0
    first, last = (word.skeleton for word in words)
    if joined in (first + last, last + first):
        return NAME_WITH_EXTRA_WORD
    if joined in (first[0] + last, last + first[0], last[0] + first, first + last[0]):
        return WEAK_NAME
    return 0.0


@functools.lru_cache(maxsize=1 << 12)
def emails_in(name: str) -> tuple[str, ...]:
    return tuple(email.lower() for email in _EMAIL.findall(name))


def candidate(names: Sequence[str], account: Account) -> Candidate | None:
    """The strongest reason to think someone called ``names`` owns ``account``, if any."""
    best: Candidate | None = None
    for name in names:
        if account.email and account.email.lower() in emails_in(name):
            return Candidate(account, Basis.EMAIL, EXACT_NAME, name)
        found = [
            Candidate(account, Basis.NAME, compare_names(name, account.display_name), name),
            Candidate(account, Basis.LOGIN, compare_login(name, account.login), name),
        ]
        for option in found:
            if option.score > 0 and (best is None or option.score > best.score):
                best = option
    return best


def match_person(names: Sequence[str], accounts: Iterable[Account]) -> Match:
    """Grade the accounts that may be the person known by ``names`` (latest last)."""
    found = [c for account in accounts if (c := candidate(names, account)) is not None]
    found.sort(key=lambda c: (-c.score, c.account.login))
    if not found:
        return Match(Grade.NONE)
    if len(found) == 1 and found[0].sure:
        return Match(Grade.SURE, tuple(found))
    return Match(Grade.AMBIGUOUS, tuple(found))
