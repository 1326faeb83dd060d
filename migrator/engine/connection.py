"""Reaching the server before a run: the address, the owner's sign-in, the upload limits."""

from __future__ import annotations

import logging
import ssl

from trueconf import Bot
from trueconf.types.responses import GetFileUploadLimitsResponse

from migrator.config.model import Config
from migrator.engine.options import BuildOptions
from migrator.errors import AuthError, MigratorError, ServerError
from migrator.i18n import tr
from migrator.plan import UploadLimits
from migrator.send import ServerTarget, SessionPool
from migrator.send.retry import SessionUnavailable, certificate_error
from migrator.send.session import check_certificate
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


async def connect_owner(pool: SessionPool, owner: str) -> None:
    """Sign the owner in first: a wrong address or refused account stops the run at once."""
    try:
        await check_certificate(pool.target)
        async with pool.lease(owner) as session:
            await session.open()
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
                    url=pool.target.base_url,
                    detail=_certificate_detail(certificate),
                ),
                hint=tr("server.certificate_hint"),
            ) from exc
        cause = exc.__cause__ or exc
        raise ServerError(
            tr(
                "server.unreachable",
                url=pool.target.base_url,
                error=f"{type(cause).__name__}: {cause}",
            ),
            hint=tr("server.unreachable_hint"),
        ) from exc


def _certificate_detail(error: BaseException) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"CERTIFICATE_VERIFY_FAILED: {error.verify_message}"
    text = str(error)
    return text if "CERTIFICATE_VERIFY_FAILED" in text else "CERTIFICATE_VERIFY_FAILED"


async def upload_limits(pool: SessionPool, owner: str) -> UploadLimits | None:
    """The server's upload limits (``getFileUploadLimits``, and a size the server pushed with
    ``changedFileUploadLimits``), so the planner reports the files it would refuse."""

    async def fetch(bot: Bot) -> tuple[GetFileUploadLimitsResponse, int | None]:
        return await bot.get_file_info_upload_limits(), bot.max_file_size

    try:
        async with pool.lease(owner) as session:
            limits, pushed_size = await session.call(fetch)
    except MigratorError:
        raise
    except Exception as exc:
        log.warning("upload limits unavailable (%s); files are checked by the server", exc)
        return None
    extensions = limits.extensions
    names = frozenset(e.lower().lstrip(".") for e in (extensions.list if extensions else []))
    mode = extensions.mode if extensions else None
    sizes = [size for size in (limits.max_size, pushed_size) if size]
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
