"""The server profile in a migration: said before the run (a dry run says it in its preflight),
its blocking findings stop the run (unless ``--ignore-probe``), its choices applied to the run's
options."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from migrator.config.model import Config
from migrator.engine.options import BuildOptions
from migrator.engine.preparation import migrated_chat_type
from migrator.errors import ConfigError
from migrator.i18n import tr
from migrator.plan_chats import ChosenChat
from migrator.probe.profile import CheckStatus, ServerProfile, profile_path_for, read_profile
from migrator.probe.settings import blocking_findings, settings_from
from migrator.probe.texts import age_text, console_language, localised_effect

OLD_AFTER_DAYS = 30


def follow_server_profile(
    config: Config,
    options: BuildOptions,
    chats: Sequence[ChosenChat],
    out: TextIO,
    *,
    enforce: bool,
) -> BuildOptions:
    """Read the profile beside the config, say so (but for a dry run, whose preflight says it),
    and return the options it implies. With ``enforce`` (a migration, not a dry run) a blocking
    finding raises ``ConfigError``."""
    path = profile_path_for(options.config_path)
    profile = read_profile(path)
    settings = settings_from(profile)
    if not options.quiet and not options.dry_run:
        out.write(_preflight_line(profile, str(path), settings.history_page_size) + "\n")
    several = len(chats) > 1
    types = {migrated_chat_type(config, target, several=several) for target in chats}
    blockers = blocking_findings(profile, types)
    if blockers and profile is not None and enforce:
        if not options.ignore_probe:
            language = console_language()
            reasons = "; ".join(
                f"{name}: {localised_effect(name, profile.checks[name].effect, language)}"
                for name in blockers
            )
            raise ConfigError(
                tr("probe.blocking_error", path=path, reasons=reasons),
                hint=tr("probe.blocking_error_hint"),
            )
        out.write(tr("probe.ignored", checks=", ".join(blockers)) + "\n")
    return dataclasses.replace(
        options,
        pipeline=options.pipeline and settings.upload_ahead,
        history_page_size=settings.history_page_size,
        exact_text_matching=settings.exact_text_matching,
        exact_author_matching=settings.exact_author_matching,
        pipelined_posts=settings.pipelined_posts,
        keep_alive=options.keep_alive and settings.keep_alive,
    )


def server_profile_line(config_path: Path, page: int) -> str:
    """The preflight's line on the profile beside the config (``page``: the history page the
    run reads with)."""
    path = profile_path_for(config_path)
    return _preflight_line(read_profile(path), str(path), page)


def _preflight_line(profile: ServerProfile | None, path: str, page: int) -> str:
    if profile is None:
        return tr("probe.profile_none", path=path, page=page)
    differs = [n for n, c in profile.checks.items() if c.status is not CheckStatus.OK]
    line = tr(
        "probe.profile_used",
        path=path,
        age=age_text(profile.age(), console_language()),
        differs=", ".join(differs) or tr("probe.none"),
    )
    if profile.age() > OLD_AFTER_DAYS * 86400:
        line += "\n" + tr("probe.profile_old", days=OLD_AFTER_DAYS)
    return line
