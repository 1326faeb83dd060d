"""One catalogue entry: the same text in every interface language."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Lang(StrEnum):
    EN = "en"
    RU = "ru"


@dataclass(frozen=True, slots=True)
class Msg:
    """A ``str.format`` template per language; both must use the same placeholders."""

    en: str
    ru: str

    def text(self, lang: Lang) -> str:
        return self.ru if lang is Lang.RU else self.en
