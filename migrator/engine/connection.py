"""Reaching the server before a run: the address, the owner's sign-in, the upload limits."""

from __future__ import annotations

import logging
import ssl

from migrator import retry
from migrator.config.model import Config
from migrator.connector import (
    Connector,
    ServerTarget,
    SessionUnavailable,
    certificate_error,
    check_certificate,
)
from migrator.engine.options import BuildOptions
from migrator.errors import MigratorError, ServerError
from migrator.plan import UploadLimits
from migrator.send.failures import owner_error
from migrator.server_api import ServerAddress, tls_verify

log = logging.getLogger(__name__)


def server_target(config: Config, options: BuildOptions) -> ServerTarget:
    address = ServerAddress.from_config(config.server)
    return ServerTarget(
        host=address.host,
        port=address.port,
        https=address.https,
        verify=tls_verify(config.server, config_dir=options.config_path.parent),
        request_timeout=options.request_timeout,
    )


async def connect_owner(connector: Connector, target: ServerTarget, owner: str) -> None:
    """Sign the owner in first: a wrong address or refused account stops the run at once."""
    try:
        await check_certificate(target)
        await connector.open(owner)
    except SessionUnavailable as exc:  # exc.login is the owner: the only lease here
        raise owner_error(exc) from exc
    except Exception as exc:
        certificate = certificate_error(exc)
        if certificate is not None:
            raise ServerError(
                f"The TLS certificate of {target.base_url} could not be verified "
                f"({_certificate_detail(certificate)})",
                hint="set [server] verify_ssl in config.toml to the path of the CA bundle (PEM) "
                "that signed the server's certificate, or keep verify_ssl = true once the server "
                "has a certificate this computer trusts (verify_ssl = false: trusted test "
                "networks only)",
            ) from exc
        cause = _first_cause(exc)
        raise ServerError(
            f"Cannot reach TrueConf Server at {target.base_url}: {type(cause).__name__}: {cause}",
            hint="check [server] address, port and https in config.toml and that the server runs",
        ) from exc


def _first_cause(error: BaseException) -> BaseException:
    """What went wrong below the classified failure and the session's ``ConnectionDropped``."""
    cause = error
    while isinstance(cause, retry.ServerFailure) and cause.__cause__ is not None:
        cause = cause.__cause__
    return cause.__cause__ or cause


def _certificate_detail(error: BaseException) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"CERTIFICATE_VERIFY_FAILED: {error.verify_message}"
    text = str(error)
    return text if "CERTIFICATE_VERIFY_FAILED" in text else "CERTIFICATE_VERIFY_FAILED"


async def upload_limits(
    connector: Connector, owner: str, backoff: retry.Backoff
) -> UploadLimits | None:
    """The server's upload limits (``getFileUploadLimits``, and a size the server pushed with
    ``changedFileUploadLimits``), so the planner reports the files it would refuse."""
    try:
        limits = await retry.read(
            lambda: connector.upload_limits(owner),
            backoff,
            reauthenticate=lambda: connector.reauthenticate(owner),
        )
    except MigratorError:
        raise
    except (retry.RetryFailed, SessionUnavailable) as exc:
        log.warning("upload limits unavailable (%s); files are checked by the server", exc)
        return None
    names = frozenset(e.lower().lstrip(".") for e in limits.extensions)
    mode = limits.extensions_mode
    sizes = [size for size in (limits.max_size, limits.pushed_size) if size]
    result = UploadLimits(
        max_size=min(sizes) if sizes else None,
        allowed_extensions=names if mode == "allow" and names else None,
        blocked_extensions=names if mode == "block" else frozenset(),
    )
    log.info(
        "server upload limits: max size %s, %s extensions %s",
        result.max_size or "none",
        mode or "no",
        ", ".join(sorted(names)) or "none",
    )
    return result
