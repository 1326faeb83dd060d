"""TrueConf Server REST API: the server's address and TLS trust, and the admin users API."""

from migrator.server_api.address import ServerAddress, base_url, tls_verify
from migrator.server_api.admin import AdminApi
from migrator.server_api.models import CreateResult, CreateStatus, NewUser, ServerInfo
from migrator.server_api.retry import ADMIN_BACKOFF

__all__ = [
    "ADMIN_BACKOFF",
    "AdminApi",
    "CreateResult",
    "CreateStatus",
    "NewUser",
    "ServerAddress",
    "ServerInfo",
    "base_url",
    "tls_verify",
]
