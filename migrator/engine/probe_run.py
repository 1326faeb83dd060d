"""``build_chat.py --probe``: sign in, run the checks, write the server profile, print the table.

Exit code 0 when nothing is blocking, 1 when something is (the migration would refuse to start).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from migrator.config import load_config
from migrator.config.model import Config
from migrator.connector import Credentials, SessionPool, TrueConfConnector, Uploader
from migrator.connector.probe import ProbeConnector
from migrator.engine.connection import connect_owner, server_target
from migrator.engine.options import BuildOptions
from migrator.engine.planning import check_owner, credentials_from_config
from migrator.i18n import tr
from migrator.logs import configure_logging
from migrator.probe.profile import ServerInfo, ServerProfile, profile_path_for, write_profile
from migrator.probe.run import ProbeSetup, run_probe
from migrator.probe.table import render_table
from migrator.probe.texts import console_language


def probe_server(options: BuildOptions, out: TextIO) -> int:
    config = load_config(options.config_path)
    owner = check_owner(config)
    log_dir = options.output_dir or Path("migration-output")
    configure_logging(options.verbosity, options.log_file or log_dir / "probe.log")
    credentials = credentials_from_config(config)
    setup = probe_setup(owner, credentials, idle_seconds=options.probe_idle_seconds)
    profile, removed, left = asyncio.run(_probe(config, options, setup, credentials))
    path = profile_path_for(options.config_path)
    write_profile(path, profile)
    out.write(render_table(profile, console_language()) + "\n")
    out.write(tr("probe.removed", count=removed) + "\n")
    if left:
        out.write(tr("probe.left", titles=", ".join(left)) + "\n")
    out.write(tr("probe.written", path=path) + "\n")
    return 1 if profile.blocking else 0


def probe_setup(
    owner: str, credentials: dict[str, Credentials], *, idle_seconds: float
) -> ProbeSetup:
    """The owner, a second account that can sign in (for the checks that need two) and a peer
    for the personal chat: the second account, else any other account of ``[users]``."""
    others = [login for login in credentials if login != owner]
    second = next((login for login in others if credentials[login].can_sign_in), None)
    peer = second or (others[0] if others else None)
    return ProbeSetup(owner=owner, second=second, peer=peer, idle_seconds=idle_seconds)


async def _probe(
    config: Config,
    options: BuildOptions,
    setup: ProbeSetup,
    credentials: dict[str, Credentials],
) -> tuple[ServerProfile, int, list[str]]:
    target = server_target(config, options)
    pool = SessionPool(target, {setup.owner: credentials[setup.owner]}, max_open=1)
    door = TrueConfConnector(pool, Uploader(target))
    try:  # a wrong address, certificate or account stops here, worded as for a migration
        await connect_owner(door, target, setup.owner)
    finally:
        await door.aclose()
    started = datetime.now(UTC)
    connector = ProbeConnector(target, credentials, owner=setup.owner)
    try:
        outcome = await run_probe(connector, setup, started=started.astimezone())
    finally:
        await connector.aclose()
    profile = ServerProfile(
        server=ServerInfo(version=outcome.version, address=target.base_url),
        probed_at=started,
        checks=outcome.checks,
    )
    return profile, outcome.removed, outcome.left
