"""``python -m migrator.emulator``: run the TrueConf Server emulator until interrupted.

The first line of standard output is ``TrueConf emulator listening on <base URL>``; the OAuth
client credentials follow, then (with ``--tls``) the CA certificate file to trust.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from migrator.emulator.config import (
    DEFAULT_BLOCKED_EXTENSIONS,
    PROFILES,
    Behaviours,
    EmulatorConfig,
    Faults,
)
from migrator.emulator.directory import DirectoryEntry, DirectoryError, read_users_file, seed_users
from migrator.emulator.server import start_emulator
from migrator.emulator.state import UserExists


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m migrator.emulator",
        description="A local TrueConf Server 5.5 emulator: admin REST API, Chatbot Connector "
        "(WebSocket, uploads, downloads) and the /chatbot/ folder, with fault injection.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8443, help="port (0 picks a free one)")
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a local CA")
    parser.add_argument("--data", type=Path, help="keep the state in this folder across restarts")
    parser.add_argument("--domain", default="emulator.local", help="the server's domain name")
    parser.add_argument("--client-id", default="emulator", help="OAuth client id for the REST API")
    parser.add_argument("--client-secret", default="emulator-secret", help="its client secret")
    parser.add_argument(
        "--chatbot-dir", type=Path, help="folder served at /chatbot/ (default: the project's)"
    )
    parser.add_argument(
        "--no-chatbot-dir", action="store_true", help="do not serve anything at /chatbot/"
    )
    parser.add_argument("--max-file-size", type=int, default=100 * 1024 * 1024, metavar="BYTES")
    parser.add_argument(
        "--blocked-extensions",
        default=",".join(DEFAULT_BLOCKED_EXTENSIONS),
        help="comma-separated file extensions refused for upload",
    )
    parser.add_argument(
        "--disable-password-auth", action="store_true", help="refuse chatbot password sign-in"
    )
    parser.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="LOGIN:PASSWORD",
        help="create this user at start (repeatable; existing users are kept)",
    )
    parser.add_argument(
        "--users-file",
        type=Path,
        metavar="FILE",
        help="create the accounts of this CSV file at start (login,display_name,email,password)",
    )
    faults = parser.add_argument_group("fault injection")
    faults.add_argument("--latency-ms", type=int, default=0, help="delay every request")
    faults.add_argument(
        "--drop-ws-after-frames", type=int, metavar="N", help="close each WebSocket after N frames"
    )
    faults.add_argument(
        "--drop-ws-lose-reply",
        action="store_true",
        help="with --drop-ws-after-frames: apply the last request but never answer it",
    )
    faults.add_argument(
        "--upload-5xx-probability", type=float, default=0.0, metavar="P", help="answer uploads 503"
    )
    faults.add_argument(
        "--token-ttl-seconds", type=int, metavar="N", help="tokens expire after N s"
    )
    faults.add_argument(
        "--rate-limit-every", type=int, metavar="N", help="every Nth chatbot request is throttled"
    )
    faults.add_argument("--seed", type=int, default=0, help="random seed for probabilities")
    _add_behaviour_arguments(parser)
    return parser


# Each switch of the "server behaviours" group: (option, Behaviours field, value type, help).
_BEHAVIOUR_SWITCHES: tuple[tuple[str, str, type | None, str], ...] = (
    (
        "--normalise-text",
        "normalise_text",
        None,
        "store text as an HTML sanitiser would (same visible text) / "
        "хранить текст так, как его переписал бы HTML-санитайзер",
    ),
    (
        "--history-page-cap",
        "history_page_cap",
        int,
        "getChatHistory returns at most N messages / не более N сообщений на страницу истории",
    ),
    (
        "--chats-page-cap",
        "chats_page_cap",
        int,
        "getChats returns at most N chats / не более N чатов на страницу getChats",
    ),
    (
        "--commit-then-error-every",
        "commit_then_error_every",
        int,
        "apply every Nth changing request, then answer 301 or drop the socket / "
        "каждый N-й изменяющий запрос выполнить, затем ответить 301 или оборвать соединение",
    ),
    (
        "--shared-box",
        "shared_box",
        None,
        "a file and its caption share a box id; timestamps in whole seconds / "
        "файл и подпись в одном box, время с точностью до секунды",
    ),
    (
        "--temporal-file-ttl-seconds",
        "temporal_file_ttl_seconds",
        float,
        "uploads expire after N s and belong to the uploading connection / "
        "загрузка живёт N с и принадлежит загрузившему соединению",
    ),
    (
        "--idle-drop-seconds",
        "idle_drop_seconds",
        float,
        "cut a socket silent for N s without a close frame / "
        "обрывать соединение, молчащее N с, без кадра закрытия",
    ),
    (
        "--echo-own",
        "echo_own",
        None,
        "push a user's own posts back to all their connections / "
        "присылать автору его же сообщения на все его соединения",
    ),
    (
        "--ldap-ids",
        "ldap_ids",
        None,
        "report user ids as DOMAIN\\Login@server in mixed case / "
        "отдавать id пользователей в виде DOMAIN\\Login@server",
    ),
    (
        "--unordered-pipelining",
        "unordered_pipelining",
        None,
        "apply requests in flight on one connection in any order / "
        "выполнять одновременные запросы одного соединения в любом порядке",
    ),
)


def _add_behaviour_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "server behaviours / поведение сервера",
        "Opt-in answers a real server may give where TrueConf documents nothing; explicit "
        "switches override the profile, 0 turns a number off / Необязательные ответы, которые "
        "может дать настоящий сервер; явные ключи важнее профиля, 0 выключает числовой.",
    )
    group.add_argument(
        "--profile",
        choices=PROFILES,
        default="default",
        help="default: as documented; pessimistic: every behaviour below / "
        "default: как документировано; pessimistic: все поведения ниже",
    )
    for option, name, kind, text in _BEHAVIOUR_SWITCHES:
        if kind is None:
            group.add_argument(
                option, dest=name, action=argparse.BooleanOptionalAction, default=None, help=text
            )
        else:
            group.add_argument(option, dest=name, type=kind, metavar="N", help=text)


def behaviours_from_arguments(arguments: argparse.Namespace) -> Behaviours:
    behaviours = Behaviours.profile(arguments.profile)
    for _option, name, kind, _text in _BEHAVIOUR_SWITCHES:
        value = getattr(arguments, name)
        if value is None:
            continue
        if kind is not None and value <= 0:
            value = None
        setattr(behaviours, name, value)
    return behaviours


def config_from_arguments(arguments: argparse.Namespace) -> EmulatorConfig:
    config = EmulatorConfig(
        host=arguments.host,
        port=arguments.port,
        tls=arguments.tls,
        data_dir=arguments.data,
        domain=arguments.domain,
        client_id=arguments.client_id,
        client_secret=arguments.client_secret,
        max_file_size=arguments.max_file_size,
        blocked_extensions=tuple(
            e.strip().lower().lstrip(".") for e in arguments.blocked_extensions.split(",") if e
        ),
        password_auth_enabled=not arguments.disable_password_auth,
        faults=Faults(
            latency_ms=arguments.latency_ms,
            drop_ws_after_frames=arguments.drop_ws_after_frames,
            drop_ws_lose_reply=arguments.drop_ws_lose_reply,
            upload_5xx_probability=arguments.upload_5xx_probability,
            token_ttl_seconds=arguments.token_ttl_seconds,
            rate_limit_every=arguments.rate_limit_every,
            seed=arguments.seed,
        ),
        behaviours=behaviours_from_arguments(arguments),
    )
    if arguments.no_chatbot_dir:
        config.chatbot_dir = None
    elif arguments.chatbot_dir is not None:
        config.chatbot_dir = arguments.chatbot_dir
    return config


async def serve(
    config: EmulatorConfig, users: Sequence[str], directory: Sequence[DirectoryEntry] = ()
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal_number, stop.set)
    async with start_emulator(config) as emulator:
        for entry in users:
            login, _, password = entry.partition(":")
            with contextlib.suppress(UserExists):
                emulator.add_user(login, password)
        seed_users(emulator.state, list(directory))
        lines = [
            f"TrueConf emulator listening on {emulator.base_url}",
            f"OAuth client id: {config.client_id}",
            f"OAuth client secret: {config.client_secret}",
        ]
        if emulator.ca_file is not None:
            lines.append(f"CA certificate: {emulator.ca_file}")
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
        await stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    for entry in arguments.user:
        if ":" not in entry:
            build_parser().error(f"--user {entry!r}: expected LOGIN:PASSWORD")
    directory: list[DirectoryEntry] = []
    if arguments.users_file is not None:
        try:
            directory = read_users_file(arguments.users_file)
        except DirectoryError as exc:
            build_parser().error(f"--users-file: {exc}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    asyncio.run(serve(config_from_arguments(arguments), arguments.user, directory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
