from __future__ import annotations

import string

import pytest

from migrator.config.model import Language
from migrator.labels import LABELS, label
from migrator.plan.service import _SIMPLE_ACTIONS


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_every_language_with_the_same_placeholders(key: str) -> None:
    translations = LABELS[key]
    assert set(translations) == {language.value for language in Language}
    assert all(text.strip() for text in translations.values())
    assert _placeholders(translations["ru"]) == _placeholders(translations["en"])


@pytest.mark.parametrize("key", sorted(LABELS))
def test_labels_hold_no_markup(key: str) -> None:
    for text in LABELS[key].values():
        assert not set(text) & set("<>&\"'"), (key, text)


def test_every_simple_service_action_has_a_label() -> None:
    assert all(f"svc_{name}" in LABELS for name in _SIMPLE_ACTIONS)


def test_label_fills_placeholders_per_language() -> None:
    assert label("forwarded_from", Language.RU, name="X") == "Переслано от X"
    assert label("forwarded_from", Language.EN, name="X") == "Forwarded from X"
