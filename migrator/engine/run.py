"""build_chat's one function: plan, (dry run | send | verify), report.

Chats of a full-account export run concurrently (each strictly in order, each into its own
TrueConf chat); the sessions, the upload pool and the ledger are shared.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from trueconf import Bot
from trueconf.types.responses import GetFileUploadLimitsResponse

from migrator.config import load_config
from migrator.config.model import ChatType, Config
from migrator.engine.options import BuildOptions
from migrator.engine.planning import (
    PlannedChat,
    check_owner,
    credentials_from_config,
    plan_chat,
    sign_in_summary,
)
from migrator.engine.progress import Progress
from migrator.errors import AuthError, ConfigError, MediaError, MigratorError, ServerError
from migrator.ledger import ChatLedger, Ledger, ledger_path_for
from migrator.logs import configure_logging
from migrator.media import MediaPreparer, resolve_cover_image
from migrator.media.covers import COVER_KEY
from migrator.plan import PlanOptions, UploadLimits
from migrator.plan.post import Conversion, Post, PostKind
from migrator.report import (
    build_preflight,
    build_report,
    unknown_content,
    write_preview,
    write_report,
)
from migrator.send import (
    Backoff,
    ChatSender,
    PostOutcome,
    ServerTarget,
    SessionPool,
    Uploader,
    UploadSource,
    read_history,
)
from migrator.send.retry import SessionUnavailable, certificate_error, classify, describe
from migrator.send.session import check_certificate
from migrator.send.upload import STICKER_CONTENT_TYPE
from migrator.server_api import ServerAddress, tls_verify
from migrator.telegram.loader import list_chats, select_chat
from migrator.telegram.model import ChatInfo
from migrator.telegram.model import ChatType as TelegramChatType
from migrator.verify import VerifyResult, compare

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED_MESSAGES = 0, 1
DRY_RUN_LIMITS_NOTE = (
    "not checked by a dry run (it does not contact the server); build_chat.py reads the "
    "server's size limit and blocked extensions before sending and reports the files it would "
    "refuse instead of trying them"
)

_PERSONAL = {TelegramChatType.PERSONAL_CHAT, TelegramChatType.BOT_CHAT}
_CHANNELS = {TelegramChatType.PRIVATE_CHANNEL, TelegramChatType.PUBLIC_CHANNEL}


@dataclass(slots=True)
class ChatRun:
    planned: PlannedChat
    out_dir: Path
    failed: int = 0
    outcomes: list[PostOutcome] = field(default_factory=list)


def build_chat(options: BuildOptions, *, stdout: TextIO | None = None) -> int:
    """Run build_chat; returns the exit code (1 when any message failed). Raises MigratorError."""
    out = stdout or sys.stdout
    config = load_config(options.config_path)
    check_owner(config)
    chats = _chosen_chats(config, options)
    several = len(chats) > 1
    log_dir = options.output_for(chats[0].key, several=several)
    log_file = options.log_file or (log_dir.parent if several else log_dir) / "build_chat.log"
    configure_logging(options.verbosity, log_file)
    if options.verify and not options.dry_run:
        _require_ledger(options)
    return asyncio.run(_run(config, options, chats, out))


def _require_ledger(options: BuildOptions) -> None:
    ledger_path = options.ledger_path or ledger_path_for(options.config_path)
    if not ledger_path.is_file():
        raise MigratorError(
            f"Nothing to verify: there is no migration ledger at {ledger_path}",
            hint="run build_chat.py without --verify first (or give the ledger with --ledger PATH)",
        )


def _chosen_chats(config: Config, options: BuildOptions) -> list[ChatInfo]:
    export_dir = config.export_dir(options.config_path)
    if options.all_chats:
        return list_chats(export_dir)
    return [select_chat(export_dir, options.chat)]


async def _run(
    config: Config, options: BuildOptions, chats: Sequence[ChatInfo], out: TextIO
) -> int:
    export_dir = config.export_dir(options.config_path)
    several = len(chats) > 1
    if options.dry_run:
        plans = [_plan(config, options, export_dir, chat, None, several=several) for chat in chats]
        checker = _preparer(config, options)
        try:
            for planned in plans:
                _check_media_ready(checker, planned)
        finally:
            checker.close()
        for planned in plans:
            _dry_run(config, options, planned, out, several=several)
        return EXIT_OK

    target = _target(config, options)
    pool = SessionPool(target, credentials_from_config(config), max_open=options.max_sessions)
    ledger_path = options.ledger_path or ledger_path_for(options.config_path)
    if options.verify:
        try:
            return await _verify_chats(config, options, chats, pool, target, ledger_path, out)
        finally:
            await pool.aclose()
    uploader = Uploader(target)
    preparer = _preparer(config, options)
    try:
        with Ledger(ledger_path) as ledger:
            await _connect_owner(pool, config.chat.owner)
            limits = await _upload_limits(pool, config.chat.owner)
            runs = [
                ChatRun(
                    _plan(config, options, export_dir, chat, limits, several=several),
                    options.output_for(chat.key, several=several),
                )
                for chat in chats
            ]
            for run in runs:  # before anything is created or sent
                _check_media_ready(preparer, run.planned)
            slots = asyncio.Semaphore(max(1, options.parallel_chats))

            async def migrate_one(run: ChatRun) -> None:
                async with slots:
                    await _migrate(run, options, pool, uploader, ledger, preparer, target, out)

            results = await asyncio.gather(
                *(migrate_one(run) for run in runs), return_exceptions=True
            )
            errors = [r for r in results if isinstance(r, BaseException)]
            if errors:
                # Every chat finished or stopped; show the first problem (the others are logged).
                for error in errors[1:]:
                    log.error("another chat stopped too: %s", error)
                raise errors[0]
    finally:
        await pool.aclose()
        await uploader.aclose()
        await preparer.aclose()
    failed = sum(run.failed for run in runs)
    return EXIT_FAILED_MESSAGES if failed else EXIT_OK


async def _verify_chats(
    config: Config,
    options: BuildOptions,
    chats: Sequence[ChatInfo],
    pool: SessionPool,
    target: ServerTarget,
    ledger_path: Path,
    out: TextIO,
) -> int:
    """``--verify``: read each migrated chat back and compare; creates, adds and posts nothing."""
    export_dir = config.export_dir(options.config_path)
    several = len(chats) > 1
    owner = config.chat.owner
    differences = 0
    with Ledger(ledger_path) as ledger:
        await _connect_owner(pool, owner)
        # The same plan as the migration's: the server's limits decide which files were posts.
        limits = await _upload_limits(pool, owner)
        for chat in chats:
            planned = _plan(config, options, export_dir, chat, limits, several=several)
            chat_ledger = ledger.chat(server=target.base_url, chat_key=chat.key)
            chat_id = chat_ledger.chat_id()
            if chat_id is None:
                out.write(
                    f"{planned.label}: not migrated to {target.base_url} yet (the ledger has no "
                    "chat for it); run build_chat.py without --verify first\n"
                )
                differences += 1
                continue
            result = await _verify(pool, owner, chat_id, chat_ledger, planned.posts)
            _print_verify(result, planned.label, out)
            differences += len(result.differences)
    return EXIT_FAILED_MESSAGES if differences else EXIT_OK


def _plan(
    config: Config,
    options: BuildOptions,
    export_dir: Path,
    chat: ChatInfo,
    limits: UploadLimits | None,
    *,
    several: bool,
) -> PlannedChat:
    title = (chat.name or chat.key) if several else None
    kind = _chat_type_of(chat) if several else None
    return plan_chat(
        config, export_dir=export_dir, chat=chat, upload_limits=limits, title=title, kind=kind
    )


def _check_media_ready(preparer: MediaPreparer, planned: PlannedChat) -> None:
    """Voice notes to convert need ffmpeg and a readable cover: check both before sending."""
    if not any(post.conversion is Conversion.VOICE_TO_MP4 for post in planned.posts):
        return
    try:
        preparer.check_voice_ready()
    except MediaError as exc:
        if exc.message.startswith(COVER_KEY):
            raise ConfigError(exc.message, hint=exc.hint) from exc
        raise


def _chat_type_of(chat: ChatInfo) -> ChatType:
    if chat.type in _PERSONAL:
        return ChatType.PERSONAL
    if chat.type in _CHANNELS:
        return ChatType.CHANNEL
    return ChatType.GROUP


def _dry_run(
    config: Config, options: BuildOptions, planned: PlannedChat, out: TextIO, *, several: bool
) -> None:
    out_dir = options.output_for(planned.chat.key, several=several)
    logins = list(
        dict.fromkeys([*planned.people, *(p.author for p in planned.posts), *planned.placeholders])
    )
    preflight = build_preflight(
        planned.label,
        planned.plans,
        sign_in_summary(config, logins),
        unknown=unknown_content(planned.stats),
        limits_note=DRY_RUN_LIMITS_NOTE,
    )
    report = build_report(
        chat_key=planned.chat.key,
        chat_name=planned.chat.name,
        trueconf_chat_id=None,
        plans=planned.plans,
        outcomes=None,
        stats=planned.stats,
    )
    json_path, html_path = write_report(report, out_dir)
    timezone = PlanOptions.from_config(config).timezone
    preview = write_preview(planned.spec.title, planned.plans, out_dir, timezone=timezone)
    out.write(preflight.render() + "\n")
    out.write(f"  preview: {preview}\n  report: {html_path} ({json_path.name})\n")
    out.write("Dry run: nothing was sent to the server.\n")


async def _migrate(
    run: ChatRun,
    options: BuildOptions,
    pool: SessionPool,
    uploader: Uploader,
    ledger: Ledger,
    preparer: MediaPreparer,
    target: ServerTarget,
    out: TextIO,
) -> None:
    planned = run.planned
    chat_ledger = ledger.chat(server=target.base_url, chat_key=planned.chat.key)
    if options.new_chat:
        chat_ledger.forget()
    posts = planned.posts
    progress = Progress(planned.label, len(posts), quiet=options.quiet)

    def on_outcome(outcome: PostOutcome) -> None:
        progress.advance(failed=outcome.status.value == "failed")

    sender = ChatSender(
        pool=pool,
        uploader=uploader,
        ledger=chat_ledger,
        spec=planned.spec,
        prepare=_prepare_with(preparer),
        backoff=Backoff(base_seconds=options.retry_base_seconds, attempts=options.retry_attempts),
        pipeline=options.pipeline,
        on_outcome=on_outcome,
    )
    await sender.ensure_chat()
    run.outcomes = await sender.send_all(posts)
    progress.finish()
    report = build_report(
        chat_key=planned.chat.key,
        chat_name=planned.chat.name,
        trueconf_chat_id=sender.chat_id,
        plans=planned.plans,
        outcomes={outcome.post.key: outcome for outcome in run.outcomes},
        stats=planned.stats,
    )
    run.failed = report.failed
    json_path, html_path = write_report(report, run.out_dir)
    totals = ", ".join(f"{name} {count}" for name, count in report.totals.items())
    if not options.quiet:
        out.write(f"{planned.label}: {totals}\n  report: {html_path} ({json_path.name})\n")


async def _verify(
    pool: SessionPool, owner: str, chat_id: str, chat_ledger: ChatLedger, posts: Sequence[Post]
) -> VerifyResult:
    async with pool.lease(owner) as session:
        for attempt in range(5):
            try:
                messages = await session.call(lambda bot: read_history(bot, chat_id))
                break
            except Exception as exc:
                if attempt == 4 or classify(exc).value == "definitive":
                    raise ServerError(
                        f"Reading the chat back failed: {describe(exc)}",
                        hint="check the server is reachable, then run --verify again",
                    ) from exc
                await asyncio.sleep(0.5 * (attempt + 1))
    return compare(posts, chat_ledger.records(), messages)


def _print_verify(result: VerifyResult, label: str, out: TextIO) -> None:
    if result.ok:
        out.write(f"{label}: verified, {result.found} messages match the export and the ledger\n")
        return
    out.write(f"{label}: {len(result.differences)} differences found\n")
    for line in result.differences[:200]:
        out.write(f"  - {line}\n")


async def _connect_owner(pool: SessionPool, owner: str) -> None:
    """Sign the owner in first: a wrong address or refused account stops the run at once."""
    try:
        await check_certificate(pool.target)
        async with pool.lease(owner) as session:
            await session.open()
    except SessionUnavailable as exc:
        raise AuthError(
            f"The chat owner {owner!r} cannot sign in: {exc.reason}",
            hint="give [users.<owner>] a valid access_token or a password in config.toml",
        ) from exc
    except Exception as exc:
        certificate = certificate_error(exc)
        if certificate is not None:
            raise ServerError(
                f"The TLS certificate of {pool.target.base_url} could not be verified "
                f"({_certificate_detail(certificate)})",
                hint="set [server] verify_ssl in config.toml to the path of the CA bundle (PEM) "
                "that signed the server's certificate, or keep verify_ssl = true once the server "
                "has a certificate this computer trusts (verify_ssl = false: trusted test "
                "networks only)",
            ) from exc
        cause = exc.__cause__ or exc
        raise ServerError(
            f"Cannot reach TrueConf Server at {pool.target.base_url}: "
            f"{type(cause).__name__}: {cause}",
            hint="check [server] address, port and https in config.toml and that the server runs",
        ) from exc


def _certificate_detail(error: BaseException) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"CERTIFICATE_VERIFY_FAILED: {error.verify_message}"
    text = str(error)
    return text if "CERTIFICATE_VERIFY_FAILED" in text else "CERTIFICATE_VERIFY_FAILED"


async def _upload_limits(pool: SessionPool, owner: str) -> UploadLimits | None:
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


def _target(config: Config, options: BuildOptions) -> ServerTarget:
    address = ServerAddress.from_config(config.server)
    return ServerTarget(
        host=address.host,
        port=address.port,
        https=address.https,
        verify=tls_verify(config.server, config_dir=options.config_path.parent),
        request_timeout=options.request_timeout,
    )


def _preparer(config: Config, options: BuildOptions) -> MediaPreparer:
    plan_options = PlanOptions.from_config(config)
    config_dir = options.config_path.parent
    return MediaPreparer(
        cache_dir=config_dir / "migration-cache",
        cover_image=resolve_cover_image(
            config.chat.voice_message.cover_image, config_dir=config_dir
        ),
        language=config.chat.language,
        timezone=plan_options.timezone,
    )


_PREVIEW_TYPES = {".webp": "image/webp", ".png": "image/png", ".gif": "image/gif"}


def _prepare_with(preparer: MediaPreparer) -> Callable[[Post], Awaitable[UploadSource]]:
    async def prepare(post: Post) -> UploadSource:
        prepared = await preparer.prepare(post)
        content_type = prepared.content_type or "application/octet-stream"
        if post.kind is PostKind.STICKER:
            content_type = STICKER_CONTENT_TYPE
        suffix = prepared.preview.suffix.lower() if prepared.preview else ""
        preview_type = _PREVIEW_TYPES.get(suffix, "image/jpeg")
        return UploadSource(
            path=prepared.path,
            file_name=prepared.file_name,
            content_type=content_type,
            preview=prepared.preview,
            preview_content_type=preview_type,
        )

    return prepare
