"""build_chat's one function: plan, (dry run | send | verify), report.

Chats of a full-account export run concurrently (each strictly in order, each into its own
TrueConf chat); the sessions, the upload pool and the ledger are shared.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from migrator.config import load_config
from migrator.config.model import ChatType, Config
from migrator.engine.options import BuildOptions
from migrator.engine.planning import (
    PlannedChat,
    credentials_from_config,
    plan_chat,
    sign_in_summary,
)
from migrator.engine.progress import Progress
from migrator.errors import AuthError, MigratorError, ServerError
from migrator.ledger import Ledger, ledger_path_for
from migrator.logs import configure_logging
from migrator.media import MediaPreparer, resolve_cover_image
from migrator.plan import PlanOptions, UploadLimits
from migrator.plan.post import Post, PostKind
from migrator.report import (
    build_preflight,
    build_report,
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
from migrator.send.retry import SessionUnavailable, classify, describe
from migrator.send.upload import STICKER_CONTENT_TYPE
from migrator.server_api import ServerAddress, tls_verify
from migrator.telegram.loader import list_chats, select_chat
from migrator.telegram.model import ChatInfo
from migrator.telegram.model import ChatType as TelegramChatType
from migrator.verify import VerifyResult, compare

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED_MESSAGES = 0, 1

_PERSONAL = {TelegramChatType.PERSONAL_CHAT, TelegramChatType.BOT_CHAT}
_CHANNELS = {TelegramChatType.PRIVATE_CHANNEL, TelegramChatType.PUBLIC_CHANNEL}


@dataclass(slots=True)
class ChatRun:
    planned: PlannedChat
    out_dir: Path
    failed: int = 0
    verify: VerifyResult | None = None
    outcomes: list[PostOutcome] = field(default_factory=list)


def build_chat(options: BuildOptions, *, stdout: TextIO | None = None) -> int:
    """Run build_chat; returns the exit code (1 when any message failed). Raises MigratorError."""
    out = stdout or sys.stdout
    config = load_config(options.config_path)
    chats = _chosen_chats(config, options)
    several = len(chats) > 1
    log_dir = options.output_for(chats[0].key, several=several)
    log_file = (log_dir.parent if several else log_dir) / "build_chat.log"
    configure_logging(options.verbosity, log_file)
    return asyncio.run(_run(config, options, chats, out))


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
        for chat in chats:
            planned = _plan(config, options, export_dir, chat, None, several=several)
            _dry_run(config, options, planned, out, several=several)
        return EXIT_OK

    target = _target(config, options)
    pool = SessionPool(target, credentials_from_config(config), max_open=options.max_sessions)
    uploader = Uploader(target)
    ledger_path = options.ledger_path or ledger_path_for(options.config_path)
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
    differences = sum(len(run.verify.differences) for run in runs if run.verify is not None)
    return EXIT_FAILED_MESSAGES if failed or differences else EXIT_OK


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
    logins = list(dict.fromkeys([*planned.people, *(p.author for p in planned.posts)]))
    preflight = build_preflight(planned.label, planned.plans, sign_in_summary(config, logins))
    report = build_report(
        chat_key=planned.chat.key,
        chat_name=planned.chat.name,
        trueconf_chat_id=None,
        plans=planned.plans,
        outcomes=None,
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
    )
    run.failed = report.failed
    json_path, html_path = write_report(report, run.out_dir)
    totals = ", ".join(f"{name} {count}" for name, count in report.totals.items())
    if not options.quiet:
        out.write(f"{planned.label}: {totals}\n  report: {html_path} ({json_path.name})\n")
    if options.verify:
        run.verify = await _verify(pool, planned.spec.owner, sender, posts)
        _print_verify(run.verify, planned.label, out)


async def _verify(
    pool: SessionPool, owner: str, sender: ChatSender, posts: Sequence[Post]
) -> VerifyResult:
    chat_id = sender.chat_id
    assert chat_id is not None
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
    return compare(posts, sender.ledger.records(), messages)


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
        async with pool.lease(owner) as session:
            await session.open()
    except SessionUnavailable as exc:
        raise AuthError(
            f"The chat owner {owner!r} cannot sign in: {exc.reason}",
            hint="give [users.<owner>] a valid access_token or a password in config.toml",
        ) from exc
    except Exception as exc:
        cause = exc.__cause__ or exc
        raise ServerError(
            f"Cannot reach TrueConf Server at {pool.target.base_url}: "
            f"{type(cause).__name__}: {cause}",
            hint="check [server] address, port and https in config.toml and that the server runs",
        ) from exc


async def _upload_limits(pool: SessionPool, owner: str) -> UploadLimits | None:
    """The server's upload limits, so the planner reports files it would refuse."""
    try:
        async with pool.lease(owner) as session:
            limits = await session.call(lambda bot: bot.get_file_info_upload_limits())
    except MigratorError:
        raise
    except Exception as exc:
        log.warning("upload limits unavailable (%s); files are checked by the server", exc)
        return None
    extensions = limits.extensions
    names = frozenset(e.lower().lstrip(".") for e in (extensions.list if extensions else []))
    mode = extensions.mode if extensions else None
    return UploadLimits(
        max_size=limits.max_size or None,
        allowed_extensions=names if mode == "allow" and names else None,
        blocked_extensions=names if mode == "block" else frozenset(),
    )


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
