"""The server profile in a migration: said in the preflight, its blocking findings stop the run
(unless ``--ignore-probe``), its choices applied to the run's options."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TextIO

from migrator.config.model import Config
from migrator.engine.options import BuildOptions
from migrator.engine.preparation import migrated_chat_type
from migrator.errors import ConfigError
from migrator.plan_chats import ChosenChat
from migrator.probe.profile import CheckStatus, ServerProfile, profile_path_for, read_profile
from migrator.probe.settings import blocking_findings, settings_from
from migrator.probe.texts import UI, age_text, console_language, text

OLD_AFTER_DAYS = 30


def follow_server_profile(
    config: Config,
    options: BuildOptions,
    chats: Sequence[ChosenChat],
    out: TextIO,
    *,
    enforce: bool,
) -> BuildOptions:
    """Read the profile beside the config, say so, and return the options it implies. With
    ``enforce`` (a migration, not a dry run) a blocking finding raises ``ConfigError``."""
    path = profile_path_for(options.config_path)
    profile = read_profile(path)
    settings = settings_from(profile)
    language = console_language()
    if not options.quiet:
        out.write(_preflight_line(profile, str(path), settings.history_page_size) + "\n")
    several = len(chats) > 1
    types = {migrated_chat_type(config, target, several=several) for target in chats}
    blockers = blocking_findings(profile, types)
    if blockers and profile is not None and enforce:
        if not options.ignore_probe:
            reasons = "; ".join(f"{name}: {profile.checks[name].effect}" for name in blockers)
            raise ConfigError(
                f"The server profile {path} has blocking findings: {reasons}",
                hint="resolve them and run build_chat.py --probe again, or pass --ignore-probe "
                "to migrate anyway (see the README, 'Before you migrate: probe your server')",
            )
        out.write(text(UI, "ignored", language).format(checks=", ".join(blockers)) + "\n")
    return dataclasses.replace(
        options,
        pipeline=options.pipeline and settings.upload_ahead,
        history_page_size=settings.history_page_size,
        keep_alive=options.keep_alive and settings.keep_alive,
    )


def _preflight_line(profile: ServerProfile | None, path: str, page: int) -> str:
    language = console_language()
    if profile is None:
        return text(UI, "profile_none", language).format(path=path, page=page)
    differs = [n for n, c in profile.checks.items() if c.status is not CheckStatus.OK]
    line = text(UI, "profile_used", language).format(
        path=path,
        age=age_text(profile.age(), language),
        differs=", ".join(differs) or text(UI, "none", language),
    )
    if profile.age() > OLD_AFTER_DAYS * 86400:
        line += "\n" + text(UI, "profile_old", language).format(days=OLD_AFTER_DAYS)
    return line
