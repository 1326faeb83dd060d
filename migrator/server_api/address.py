"""Where the server is and how to trust it: ``[server] address/port/https/verify_ssl``."""

from __future__ import annotations

import ipaddress
import logging
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from migrator.config.model import ServerConfig
from migrator.errors import ConfigError
from migrator.i18n import tr

log = logging.getLogger(__name__)

HTTP_BRIDGE_PORT = 4309


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """The scheme, host and port every HTTP and WebSocket request of the tool goes to."""

    scheme: str  # "https" or "http"
    host: str  # a domain name or an IP address (IPv6 without brackets)
    port: int

    @property
    def https(self) -> bool:
        return self.scheme == "https"

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default_port = 443 if self.https else 80
        return host if self.port == default_port else f"{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.netloc}"

    @classmethod
    def from_config(cls, server: ServerConfig) -> ServerAddress:
        """Read ``[server]``; an address written as a URL ("https://host:8443/") is accepted too."""
        raw = server.address.strip()
        if not raw:
            raise ConfigError(tr("admin_api.address_empty"), hint=tr("admin_api.address_hint"))
        scheme = "https" if server.https else "http"
        port_given = "port" in server.model_fields_set
        # Without a port, plain HTTP means TrueConf Bridge's own port, as in the client library.
        port = server.port if port_given or server.https else HTTP_BRIDGE_PORT
        if _is_ipv6_literal(raw):
            raw = f"[{raw}]"
        with_scheme = raw if "://" in raw else f"{scheme}://{raw}"
        try:
            parts = urlsplit(with_scheme)
            explicit_port = parts.port
        except ValueError as exc:
            raise _invalid_address(raw) from exc
        if parts.scheme not in ("http", "https"):
            raise ConfigError(
                tr("admin_api.address_scheme", raw=raw, scheme=parts.scheme),
                hint=tr("admin_api.address_scheme_hint"),
            )
        if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
            raise ConfigError(
                tr("admin_api.address_more", raw=raw),
                hint=tr("admin_api.address_hint"),
            )
        host = parts.hostname or ""
        if not host or not _is_valid_host(host):
            raise _invalid_address(raw)
        if "://" in raw:
            if "https" in server.model_fields_set and server.https != (parts.scheme == "https"):
                raise ConfigError(
                    tr(
                        "admin_api.address_https",
                        raw=raw,
                        scheme=parts.scheme,
                        https="true" if server.https else "false",
                    ),
                    hint=tr("admin_api.address_https_hint"),
                )
            scheme = parts.scheme
            if not port_given:
                port = 443 if scheme == "https" else 80
        if explicit_port is not None:
            port = explicit_port
        return cls(scheme=scheme, host=host, port=port)


def _invalid_address(raw: str) -> ConfigError:
    return ConfigError(tr("admin_api.address_invalid", raw=raw), hint=tr("admin_api.address_hint"))


def _is_ipv6_literal(text: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(text), ipaddress.IPv6Address)
    except ValueError:
        return False


def _is_valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        labels = host.rstrip(".").split(".")
        return all(
            0 < len(label) <= 63 and all(ch.isalnum() or ch in "-_" for ch in label)
            for label in labels
        )
    return True


def base_url(server: ServerConfig) -> str:
    """``scheme://host[:port]`` of the server, without a trailing slash."""
    return ServerAddress.from_config(server).base_url


def tls_verify(server: ServerConfig, *, config_dir: Path | None = None) -> bool | ssl.SSLContext:
    """What to pass as httpx ``verify=`` / the bot's ``verify_ssl=``: a bool or a CA-bundle context.

    ``verify_ssl`` may name a PEM file; a relative path is taken from ``config_dir`` (the folder of
    config.toml) when given, else from the current directory.
    """
    value = server.verify_ssl
    if isinstance(value, bool):
        return value or _unverified(server)
    text = value.strip()
    if text.lower() in ("true", "false"):
        return text.lower() == "true" or _unverified(server)
    path = Path(text).expanduser()
    if not path.is_absolute() and config_dir is not None:
        path = config_dir / path
    if not path.is_file():
        raise ConfigError(
            tr("admin_api.ca_missing", path=str(path)), hint=tr("admin_api.ca_missing_hint")
        )
    try:
        return ssl.create_default_context(cafile=str(path))
    except (ssl.SSLError, ValueError) as exc:
        raise ConfigError(
            tr("admin_api.not_pem", path=str(path)), hint=tr("admin_api.not_pem_hint")
        ) from exc


def _unverified(server: ServerConfig) -> bool:
    """Say, on every run, that the server's certificate is not checked; returns False."""
    if server.https or server.address.strip().lower().startswith("https://"):
        log.warning("%s", tr("warn.tls_off"))
    return False
