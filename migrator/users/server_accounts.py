"""The accounts the server has already, read through the admin REST API (``--match-server``)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from migrator.config.model import Config
from migrator.server_api.admin import AdminApi
from migrator.users.matching import Account

logger = logging.getLogger(__name__)


async def _read(config: Config, config_dir: Path | None) -> list[Account]:
    async with AdminApi(config.server, config_dir=config_dir) as api:
        users = await api.list_users()
    logger.info("The server has %d accounts", len(users))
    return [Account(user.login, user.display_name, user.email) for user in users]


def read_server_accounts(config: Config, *, config_dir: Path | None = None) -> list[Account]:
    """Every account of ``[server]`` (all pages), with the credentials add_users_to_server uses."""
    return asyncio.run(_read(config, config_dir))
