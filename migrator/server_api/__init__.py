"""TrueConf Server REST API: the server's address and TLS trust (here), and the admin users API
(``admin``, ``models``: imported where used, so that a migration starts without the HTTP
client under them)."""

from migrator.server_api.address import ServerAddress, base_url, tls_verify

__all__ = ["ServerAddress", "base_url", "tls_verify"]
