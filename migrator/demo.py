"""The demo: the whole administrator workflow on the bundled sample chat, against the emulator.

It runs the real scripts as an administrator would, in a temporary folder (your own config.toml is
never touched): parse_users.py → add_users_to_server.py → each colleague fetches a token the way
the chatbot page does → parse_users.py --import-tokens → build_chat.py --dry-run → build_chat.py →
build_chat.py --verify. It ends with where the report and the preview are, and a short summary.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import tomlkit

from migrator.cli import add_lang_argument, new_parser, prepare_console
from migrator.emulator import EmulatorConfig, EmulatorThread
from migrator.i18n import CATALOGUE, current_language, tr
from migrator.tokens import read_claims

REPO = Path(__file__).resolve().parent.parent
SAMPLE_EXPORT = REPO / "demo" / "sample-export"
TEMPLATE = REPO / "config.toml"
OWNER_TELEGRAM_ID = "user1001"  # Анна Смирнова, who created the sample group


def _say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - the demo talks to the person who runs it


def _step(title: str, script: str, *args: str, work: Path, allowed: tuple[int, ...] = (0,)) -> int:
    args = (*args, "--lang", current_language().value)
    _say(f"\n━━ {title}\n$ python {script} {' '.join(args)}")
    command = [sys.executable, str(REPO / script), *args]
    result = subprocess.run(command, cwd=work, check=False)  # noqa: S603 - our own scripts
    if result.returncode not in allowed:
        raise SystemExit(tr("demo.step_failed", script=script, code=result.returncode))
    return result.returncode


def _write_config(path: Path, *, emulator_port: int, client_id: str, client_secret: str) -> None:
    document = tomlkit.parse(TEMPLATE.read_text("utf-8"))
    document["telegram_export_dir"] = str(SAMPLE_EXPORT)
    server: Any = document["server"]
    server["address"] = "127.0.0.1"
    server["port"] = emulator_port
    server["https"] = False
    server["verify_ssl"] = True
    server["client_id"] = client_id
    server["client_secret"] = client_secret
    chat: Any = document["chat"]
    chat["name"] = "Проект «Север» (demo)"
    chat["type"] = "group"
    chat["datetime"]["view_original_time_in_message"] = True
    chat["datetime"]["timezone"] = "Europe/Moscow"
    chat["datetime"]["caption"] = "Отправлено: "
    chat["voice_message"]["convert_voice_message_to_video"] = True
    chat["voice_message"]["cover_image"] = str(REPO / "cover" / "ru.png")
    document["registration"]["auto"] = True
    path.write_text(tomlkit.dumps(document), "utf-8")
    path.chmod(0o600)


def _users(config_path: Path) -> dict[str, Any]:
    document = tomlkit.parse(config_path.read_text("utf-8"))
    users: dict[str, Any] = document.get("users", {}).unwrap()
    return users


def _set_owner(config_path: Path) -> str:
    owner = next(
        login
        for login, user in _users(config_path).items()
        if user.get("telegram_id") == OWNER_TELEGRAM_ID
    )
    document = tomlkit.parse(config_path.read_text("utf-8"))
    document["chat"]["owner"] = owner
    config_path.write_text(tomlkit.dumps(document), "utf-8")
    return owner


def _fetch_tokens_like_the_page(config_path: Path, base_url: str, folder: Path) -> int:
    """Each colleague signs in on the chatbot page and hands the downloaded file over."""
    folder.mkdir(mode=0o700, exist_ok=True)
    fetched = 0
    with httpx.Client(base_url=base_url, timeout=10) as client:
        for login, user in _users(config_path).items():
            password = user.get("password", "")
            if not password:
                continue  # a deleted account: nobody can sign in, its messages go to the owner
            response = client.post(
                "/bridge/api/client/v1/oauth/token",
                json={
                    "client_id": "chat_bot",
                    "grant_type": "password",
                    "username": login,
                    "password": password,
                },
            )
            response.raise_for_status()
            token = response.json()["access_token"]
            expires = read_claims(token)["exp"]
            expires_at = datetime.fromtimestamp(expires, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            path = folder / f"{login}.toml"
            path.write_text(
                "# TrueConf Chatbot Connector token (demo)\n"
                f'login = "{login}"\nserver = "127.0.0.1"\n'
                f'access_token = "{token}"\nexpires_at = "{expires_at}"\n',
                "utf-8",
            )
            path.chmod(0o600)
            fetched += 1
    return fetched


def _summary(output: Path) -> None:
    report_json = output / "report.json"
    _say("\n━━ " + tr("demo.result"))
    if report_json.exists():
        report = json.loads(report_json.read_text("utf-8"))
        totals = report.get("totals", {})
        _say(tr("demo.totals", totals=", ".join(f"{_total(k)} {v}" for k, v in totals.items())))
    for name in ("report.html", "report.json", "preview.html", "build_chat.log"):
        path = output / name
        if path.exists():
            _say(f"   {name:<15} {path}")


def _total(key: str) -> str:
    """A key of report.json's totals (an outcome, "messages", "posts") in the interface language."""
    for name in (f"verdict.{key}", f"report.{key}"):
        if name in CATALOGUE:
            return tr(name)
    return key


def run_demo(work: Path) -> None:
    config = work / "config.toml"
    output = work / "migration-output"
    settings = EmulatorConfig(port=0, domain="demo.trueconf.local", chatbot_dir=REPO / "chatbot")
    with EmulatorThread(settings) as emulator:
        _say(tr("demo.emulator", url=emulator.base_url))
        _say(tr("demo.workdir_is", path=work))
        _write_config(
            config,
            emulator_port=emulator.port,
            client_id=settings.client_id,
            client_secret=settings.client_secret,
        )
        cfg = ["--config", str(config)]
        _step(tr("demo.step_users"), "parse_users.py", *cfg, work=work)
        owner = _set_owner(config)
        _say(tr("demo.owner_set", owner=owner))
        _step(tr("demo.step_accounts"), "add_users_to_server.py", *cfg, work=work)
        tokens = work / "tokens"
        count = _fetch_tokens_like_the_page(config, emulator.base_url, tokens)
        page = f"{emulator.base_url}/chatbot/{current_language().value}/"
        _say("\n━━ " + tr("demo.tokens_fetched", count=count, url=page))
        _step(
            tr("demo.step_import"),
            "parse_users.py",
            *cfg,
            "--import-tokens",
            str(tokens),
            work=work,
        )
        out = ["--output", str(output)]
        _step(tr("demo.step_dry_run"), "build_chat.py", *cfg, *out, "--dry-run", work=work)
        _step(tr("demo.step_migrate"), "build_chat.py", *cfg, *out, work=work)
        _step(tr("demo.step_verify"), "build_chat.py", *cfg, *out, "--verify", work=work)
    _summary(output)
    _say("\n" + tr("demo.everything_in", path=work))


def main(argv: list[str] | None = None) -> int:
    prepare_console(argv)
    parser = new_parser(prog="pipenv run demo", description=tr("demo.description"))
    parser.add_argument("--workdir", type=Path, help=tr("demo.workdir"))
    add_lang_argument(parser)
    args = parser.parse_args(argv)
    if shutil.which("ffmpeg") is None:
        _say(tr("demo.no_ffmpeg"))
    work = args.workdir or Path(tempfile.mkdtemp(prefix="tg2trueconf-demo-"))
    work.mkdir(parents=True, exist_ok=True)
    run_demo(work.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
