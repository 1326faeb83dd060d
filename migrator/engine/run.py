"""build_chat's one function: choose the chats, then take one path (dry run, verify or
migration); each path plans, does its work and reports."""

from __future__ import annotations

import sys
from typing import TextIO

from migrator import event_loop
from migrator.config import load_config
from migrator.config.model import Config
from migrator.connector import SessionPool, TrueConfConnector, Uploader
from migrator.engine.chat_plan import check_plan, chosen_chats
from migrator.engine.connection import server_target
from migrator.engine.migrate import migrate_chats
from migrator.engine.options import BuildOptions
from migrator.engine.planning import (
    check_token_identities,
    credentials_from_config,
    kind_mismatch,
)
from migrator.engine.profile_use import follow_server_profile
from migrator.engine.server_run import ServerRun
from migrator.i18n import tr
from migrator.ledger import ledger_path_for
from migrator.logs import configure_logging
from migrator.plan_chats import ChatChoice
from migrator.runlock import run_lock


def build_chat(options: BuildOptions, *, stdout: TextIO | None = None) -> int:
    """Run build_chat; returns the exit code (1 when any message failed). Raises MigratorError."""
    out = stdout or sys.stdout
    # Each path imports what only it needs: a migration starts sooner without the others.
    if options.status:
        from migrator.engine.status import print_status

        return print_status(options, out)
    if options.probe:
        from migrator.engine.probe_run import probe_server

        return probe_server(options, out)
    config = load_config(options.config_path)
    check_token_identities(config, options.config_path)
    choice = chosen_chats(config, options)
    check_plan(config, options, choice)
    chats = [target.chat for target in choice.chats]
    several = choice.several
    log_dir = options.output_for(chats[0].key, several=several)
    log_file = options.log_file or (log_dir.parent if several else log_dir) / "build_chat.log"
    configure_logging(options.verbosity, log_file)
    enforce = not options.dry_run and not options.verify  # a migration (--repair included)
    options = follow_server_profile(config, options, choice.chats, out, enforce=enforce)
    if options.dry_run:  # reads the export only: no ledger, no lock
        return event_loop.run(_run(config, options, choice, out))
    if options.verify or options.repair:
        from migrator.engine.verify_run import require_ledger

        require_ledger(options)
    if not several and choice.chats[0].kind is None and not options.verify and not options.repair:
        warning = kind_mismatch(config, chats[0], config_name=str(options.config_path))
        if warning:  # the dry run shows it in the preflight
            out.write(warning.strip() + "\n")
    ledger_path = options.ledger_path or ledger_path_for(options.config_path)
    with run_lock(
        ledger_path,
        what=tr("lock.what_ledger", path=ledger_path),
        program="build_chat.py",
        purpose="--verify" if options.verify else "--repair" if options.repair else "migration",
        shared=options.verify,
    ):
        return event_loop.run(_run(config, options, choice, out))


async def _run(config: Config, options: BuildOptions, choice: ChatChoice, out: TextIO) -> int:
    if options.dry_run:
        from migrator.engine.dry_run import dry_run_chats

        return dry_run_chats(config, options, choice, out)
    target = server_target(config, options)
    pool = SessionPool(
        target,
        credentials_from_config(config),
        max_open=config.server.max_connections,
        keep_alive=options.keep_alive_seconds if options.keep_alive else None,
    )
    connector = TrueConfConnector(pool, Uploader(target))
    ledger_path = options.ledger_path or ledger_path_for(options.config_path)
    chats = [chosen.chat for chosen in choice.chats]
    targets = {chosen.chat.key: chosen for chosen in choice.chats}
    server_run = ServerRun(
        config, options, chats, connector, target, ledger_path, out, targets, choice.skipped, pool
    )
    try:
        if options.verify:
            from migrator.engine.verify_run import verify_chats

            return await verify_chats(server_run)
        return await migrate_chats(server_run)
    finally:
        await connector.aclose()
