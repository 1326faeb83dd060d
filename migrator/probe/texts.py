"""The probe's texts, looked up in the message catalogue (``migrator/i18n/catalogue/probe.py``).

What the migration does about a finding is ``probe.effect.<check>.<variant>``; the English text
is what the profile file stores, the table shows it in the console's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from migrator.config.model import Language
from migrator.i18n import CATALOGUE, Lang, current_language
from migrator.i18n.locale import language_from_environment

# Every check, in the order the table shows them.
CHECKS: tuple[str, ...] = (
    "server_version",
    "text_echo",
    "history_page_cap",
    "history_order",
    "author_id_format",
    "pipelined_order",
    "temporal_file_scope",
    "idle_drop",
    "caption_shape",
    "p2p_reuse",
    "channel_writer",
    "unknown_user",
    "error_after_effect",
)

VARIANTS: tuple[str, ...] = ("ok", "differs", "blocking", "not_checked")


def text(key: str, language: Language) -> str:
    """The catalogue's ``key`` in ``language`` (a template: ``.format`` fills it)."""
    return CATALOGUE[key].text(Lang(language.value))


def check_title(check: str, language: Language) -> str:
    key = f"probe.check.{check}"
    return text(key, language) if key in CATALOGUE else check


def status_text(status: str, language: Language) -> str:
    return text(f"probe.status.{status}", language)


def effect_variants(check: str) -> tuple[str, ...]:
    """The variants the catalogue has an effect for."""
    return tuple(v for v in VARIANTS if f"probe.effect.{check}.{v}" in CATALOGUE)


def effect_key(check: str, effect: str) -> str | None:
    """The variant whose English text is ``effect`` (the profile stores English)."""
    for variant in effect_variants(check):
        if effect_text(check, variant) == effect:
            return variant
    return None


def effect_text(check: str, variant: str, language: Language = Language.EN) -> str:
    return text(f"probe.effect.{check}.{variant}", language)


def localised_effect(check: str, effect: str, language: Language) -> str:
    variant = effect_key(check, effect)
    return effect if variant is None else effect_text(check, variant, language)


def age_text(seconds: float, language: Language) -> str:
    if seconds < 3600:
        return text("probe.age_minutes", language).format(n=max(0, int(seconds // 60)))
    if seconds < 2 * 86400:
        return text("probe.age_hours", language).format(n=int(seconds // 3600))
    return text("probe.age_days", language).format(n=int(seconds // 86400))


def console_language(environ: Mapping[str, str] | None = None) -> Language:
    """The interface language: the one ``migrator.i18n`` chose for this run (``--lang``, the
    locale, the Windows UI language), or the one ``environ`` names."""
    lang = current_language() if environ is None else language_from_environment(environ)
    return Language(lang.value)
