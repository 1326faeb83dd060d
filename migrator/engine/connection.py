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
from migrator.errors import AuthError, MigratorError, ServerError
from migrator.i18n import tr
from migrator.plan import UploadLimits
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
        # Before add_users_to_server.py has run, the server refuses the owner exactly as it
        # refuses a wrong password: name both causes, the likelier first.
        raise AuthError(
            tr("signin.owner_refused", owner=exc.login, reason=exc.reason),
            hint=tr("signin.owner_hint", config="config.toml", owner=exc.login),
        ) from exc
    except Exception as exc:
        certificate = certificate_error(exc)
        if certificate is not None:
            raise ServerError(
                tr(
                    "server.certificate",
                    url=target.base_url,
                    detail=_certificate_detail(certificate),
                ),
                hint=tr("server.certificate_hint"),
            ) from exc
        cause = _first_cause(exc)
        raise ServerError(
            tr(
                "server.unreachable",
                url=target.base_url,
                error=f"{type(cause).__name__}: {cause}",
            ),
            hint=tr("server.unreachable_hint"),
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
        log.warning("%s", tr("warn.no_upload_limits", error=exc))
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
