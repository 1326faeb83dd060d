"""Create every ``[users]`` account: bounded concurrency, one result per account, config order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from migrator.accounts.plan import AccountPlan, needs_server_name, plan_accounts
from migrator.config.model import Config
from migrator.errors import AuthError, MigratorError, ServerError
from migrator.i18n import tr
from migrator.retry import Backoff
from migrator.server_api.admin import AdminApi
from migrator.server_api.models import CreateResult, CreateStatus, NewUser

log = logging.getLogger(__name__)

SERVER_NAME_PLACEHOLDER = "<server name>"


@dataclass(frozen=True, slots=True)
class AddUsersOutcome:
    plan: AccountPlan
    results: tuple[CreateResult, ...]  # empty on a dry run
    dry_run: bool = False

    @property
    def display_names(self) -> Mapping[str, str]:
        return {user.login: user.display_name for user in self.plan.users}

    @property
    def failed(self) -> tuple[CreateResult, ...]:
        return tuple(r for r in self.results if r.status is CreateStatus.FAILED)

    @property
    def exit_code(self) -> int:
        if self.plan.undecided:
            return 1
        if self.dry_run:
            return 1 if self.plan.refused else 0
        return 1 if self.failed else 0


async def add_users(
    config: Config,
    *,
    dry_run: bool = False,
    concurrency: int = 4,
    config_dir: Path | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    retry: Backoff | None = None,
) -> AddUsersOutcome:
    """Create the accounts of ``config.users``; ``MigratorError`` only for what stops them all.

    A dry run sends nothing but, when e-mails take the server's name, ``GET /api/v4/server``.
    """
    if concurrency < 1:
        raise MigratorError(
            tr("cli.concurrency_min", value=concurrency), hint=tr("cli.concurrency_min_hint")
        )
    if dry_run:
        server_name = ""
        if needs_server_name(config):
            server_name = await _server_name_for_dry_run(
                config, transport=transport, config_dir=config_dir
            )
        plan = plan_accounts(config, server_name=server_name)
        return AddUsersOutcome(plan=plan, results=(), dry_run=True)
    async with AdminApi(
        config.server, transport=transport, config_dir=config_dir, retry=retry
    ) as api:
        # Read first: it fails fast, before any token request, when the server is unreachable.
        info = await api.server_info()
        log.info("TrueConf Server %s, version %s", info.display_name, info.version)
        plan = plan_accounts(config, server_name=info.display_name)
        for refused in plan.refused:
            log.warning(
                "%s", tr("accounts_run.skipping", login=refused.login, reason=refused.reason)
            )
        created = await _create_all(api, plan.users, concurrency=concurrency)
        created += [await _check_mapped(api, login) for login in plan.mapped]
    refused_results = {r.login: CreateResult.failed(r.login, r.reason) for r in plan.refused}
    by_login = {r.login: r for r in created} | refused_results
    ordered = tuple(by_login[login] for login in config.users if login in by_login)
    return AddUsersOutcome(plan=plan, results=ordered)


async def _server_name_for_dry_run(
    config: Config, *, transport: httpx.AsyncBaseTransport | None, config_dir: Path | None
) -> str:
    try:
        async with AdminApi(
            config.server, transport=transport, config_dir=config_dir, retry=Backoff(attempts=1)
        ) as reader:
            return (await reader.server_info()).display_name
    except ServerError as exc:
        log.warning("%s", tr("accounts_run.no_server_name", error=exc.message))
        return SERVER_NAME_PLACEHOLDER


def mapped_missing_reason(login: str) -> str:
    return tr("accounts_run.mapped_missing", login=login, quoted=repr(login))


async def _check_mapped(api: AdminApi, login: str) -> CreateResult:
    """An entry mapped onto an existing account: make sure the account is there, create nothing."""
    try:
        found = await api.get_user(login)
    except AuthError:
        raise
    except ServerError as exc:
        return CreateResult.failed(login, exc.message)
    if found is None:
        log.warning("%s", tr("accounts_run.mapped_missing_warning", login=login))
        return CreateResult.failed(login, mapped_missing_reason(login))
    log.info("Account %s: exists, mapped", login)
    return CreateResult.mapped(login)


async def _create_all(
    api: AdminApi, users: tuple[NewUser, ...], *, concurrency: int
) -> list[CreateResult]:
    gate = asyncio.Semaphore(concurrency)

    async def create(user: NewUser) -> CreateResult:
        async with gate:
            result = await api.create_user(user)
        if result.status is CreateStatus.FAILED:
            log.warning(
                "%s", tr("accounts_run.not_created", login=user.login, reason=result.reason)
            )
        else:
            log.info("Account %s: %s", user.login, result.status.value)
        return result

    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(create(user)) for user in users]
    except BaseExceptionGroup as failures:
        # Credentials or permissions refused: every other account would fail the same way.
        first = failures.exceptions[0]
        if isinstance(first, MigratorError):
            raise first from None
        raise
    return [task.result() for task in tasks]
