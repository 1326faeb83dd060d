"""``--verify``: read each migrated chat back and compare it with the export and the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from migrator import retry
from migrator.connector import Connector, ServerMessage, SessionUnavailable, read_history
from migrator.connector.history import FIRST_PAGE
from migrator.engine.connection import connect_owner, upload_limits
from migrator.engine.exit_codes import EXIT_FAILED_MESSAGES, EXIT_OK
from migrator.engine.options import BuildOptions
from migrator.engine.preparation import plan_in_run
from migrator.engine.server_run import ServerRun
from migrator.engine.topics import check_topics_mode, split_topics
from migrator.errors import MigratorError, ServerError
from migrator.i18n import tr
from migrator.ledger import ChatLedger, Ledger, ledger_path_for
from migrator.plan.post import Post
from migrator.send.failures import owner_error
from migrator.verify import VerifyResult, compare


def require_ledger(options: BuildOptions) -> None:
    ledger_path = options.ledger_path or ledger_path_for(options.config_path)
    flag = "--repair" if options.repair else "--verify"
    if not ledger_path.is_file():
        raise MigratorError(
            tr(f"verify_run.no_ledger_{flag.removeprefix('--')}", path=ledger_path),
            hint=tr("verify_run.no_ledger_hint", flag=flag),
        )


async def verify_chats(run: ServerRun) -> int:
    """``--verify``: read each migrated chat back and compare; creates, adds and posts nothing."""
    config, options, target, out = run.config, run.options, run.target, run.out
    connector = run.connector
    backoff = options.backoff
    export_dir = config.export_dir(options.config_path)
    targets = [run.targets.get(chat.key) for chat in run.chats]
    owners = dict.fromkeys(t.effective_owner(config) if t else config.chat.owner for t in targets)
    differences = 0
    with Ledger(run.ledger_path) as ledger:
        for owner in owners:
            await connect_owner(connector, target, owner)
        # The same plan as the migration's: the server's limits decide which files were posts.
        limits = await upload_limits(connector, next(iter(owners)), backoff)
        for chat, chosen in zip(run.chats, targets, strict=True):
            whole = plan_in_run(
                config, options, export_dir, chat, limits, several=run.several, target=chosen
            )
            parts = split_topics(config, whole)
            check_topics_mode(
                config,
                ledger,
                target.base_url,
                parts,
                config_path=options.config_path,
                start_afresh=False,
            )
            for planned in parts:
                chat_ledger = ledger.chat(server=target.base_url, chat_key=planned.key)
                chat_id = chat_ledger.chat_id()
                if chat_id is None:
                    out.write(
                        tr("verify.not_migrated", label=planned.label, server=target.base_url)
                        + "\n"
                    )
                    differences += 1
                    continue
                result = await _read_back_and_compare(
                    connector,
                    planned.spec.owner,
                    chat_id,
                    chat_ledger,
                    planned.posts,
                    backoff,
                    first_page=options.history_page_size,
                )
                _print_verify(result, planned.label, out)
                differences += len(result.differences)
    return EXIT_FAILED_MESSAGES if differences else EXIT_OK


async def _read_back_and_compare(
    connector: Connector,
    owner: str,
    chat_id: str,
    chat_ledger: ChatLedger,
    posts: Sequence[Post],
    backoff: retry.Backoff,
    *,
    first_page: int,
) -> VerifyResult:
    messages = await read_back(connector, owner, chat_id, backoff, first_page=first_page)
    return compare(posts, chat_ledger.records(), messages)


async def read_back(
    connector: Connector,
    owner: str,
    chat_id: str,
    backoff: retry.Backoff,
    *,
    first_page: int = FIRST_PAGE,  # the server profile's page size
) -> list[ServerMessage]:
    """The chat's history as the owner sees it (what ``--verify`` and ``--repair`` compare)."""
    try:
        return await read_history(connector, owner, chat_id, backoff=backoff, first_page=first_page)
    except SessionUnavailable as exc:
        raise owner_error(exc) from exc
    except retry.RetryFailed as exc:
        raise ServerError(
            tr("verify_run.read_back_failed", error=exc),
            hint=tr("verify_run.read_back_hint"),
        ) from exc


def _print_verify(result: VerifyResult, label: str, out: TextIO) -> None:
    if result.ok:
        out.write(tr("verify.ok", label=label, count=result.found) + "\n")
        return
    out.write(tr("verify.differences", label=label, count=len(result.differences)) + "\n")
    for line in result.differences[:200]:
        out.write(f"  - {line}\n")
