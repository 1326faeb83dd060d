"""Known secrets are planted in config.toml and token files; the whole workflow runs at the most
verbose level (and some failures at the default one); nothing it prints or writes may hold them.

The workflow: parse_users.py (collect, check tokens, import tokens), add_users_to_server.py (dry
run, real run, refused credentials), build_chat.py (dry run, migration, --verify, an owner
who cannot sign in). Every stdout and stderr is kept, and every file the scripts created is read,
except the config files and token files themselves, whose job is to hold the secrets.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator
from tests.bad_input.support import (
    ALICE_ID,
    BOB_ID,
    CAROL_ID,
    Run,
    message,
    run_script,
    write_config,
    write_export,
)

CLIENT_SECRET = "Planted-Client-Secret-5c1e"
ADMIN_TOKEN = "Planted-Admin-Token-77a9b3"  # not a JWT: only its registration can hide it
ALICE_PASSWORD = "Planted-Alice-Pw-1f"
BOB_PASSWORD = "Planted-Bob-Pw-2e"
WRONG_PASSWORD = "Planted-Wrong-Pw-3d"
JWT_START = "eyJ"  # every Chatbot Connector token, whether configured or obtained by password

# Files that hold secrets by design.
SECRET_HOLDERS = ("config.toml", "bad-admin.toml", "bad-owner.toml", "tokens")


@dataclass
class Workflow:
    root: Path
    runs: dict[str, Run] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)

    def run(self, name: str, script: str, *args: str) -> Run:
        self.runs[name] = run_script(script, *args, cwd=self.root)
        return self.runs[name]

    def produced_files(self) -> list[Path]:
        export = self.root / "export"
        return [
            path
            for path in sorted(self.root.rglob("*"))
            if path.is_file()
            and not path.is_relative_to(export)
            and not any(path.is_relative_to(self.root / held) for held in SECRET_HOLDERS)
        ]


def _messages() -> list[dict[str, object]]:
    return [
        message(1, ALICE_ID, "Alice", "Planning <b>the</b> move"),
        message(2, BOB_ID, "Bob", "Sounds good", reply_to_message_id=1),
        message(3, CAROL_ID, "Carol", "I am new here"),
        message(4, ALICE_ID, "Alice", "See you in TrueConf"),
    ]


def _leaks(text: str, secrets: list[str]) -> list[str]:
    found = [secret for secret in secrets if secret in text]
    found += re.findall(r"eyJ[A-Za-z0-9_-]{6,}", text)
    return found


@pytest.fixture(scope="module")
def emulator() -> Iterator[RunningEmulator]:
    config = EmulatorConfig(chatbot_dir=None, client_secret=CLIENT_SECRET)
    with EmulatorThread(config) as running:
        running.add_user("alice", ALICE_PASSWORD, display_name="Alice")
        running.add_user("bob", BOB_PASSWORD, display_name="Bob")
        yield running


@pytest.fixture(scope="module")
def workflow(emulator: RunningEmulator, tmp_path_factory: pytest.TempPathFactory) -> Workflow:
    root = tmp_path_factory.mktemp("secrets")
    flow = Workflow(root)
    alice_token = emulator.issue_token("alice")
    bob_token = emulator.issue_token("bob")
    write_export(root / "export", _messages())
    server = {
        "address": emulator.host,
        "port": emulator.port,
        "https": False,
        "access_token": ADMIN_TOKEN,  # refused by the server, then renewed by client_credentials
        "client_id": "emulator",
        "client_secret": CLIENT_SECRET,
    }
    users = {
        "alice": {"password": ALICE_PASSWORD, "telegram_id": f"user{ALICE_ID}"},
        "bob": {
            "password": BOB_PASSWORD,
            "access_token": bob_token,
            "telegram_id": f"user{BOB_ID}",
        },
    }
    chat = {"name": "Secret <script>alert(1)</script> chat", "owner": "alice", "language": "en"}
    write_config(
        root / "config.toml",
        server=server,
        chat=chat,
        registration={"auto": True},
        users=users,
    )
    (root / "tokens").mkdir()
    (root / "tokens" / "alice.toml").write_text(
        f'login = "alice"\nserver = "{emulator.host}"\naccess_token = "{alice_token}"\n',
        encoding="utf-8",
    )
    verbose = ("-vv", "--log-file")
    flow.run("collect", "parse_users.py", "--config", "config.toml", *verbose, "logs/parse.log")
    flow.run("check", "parse_users.py", "--config", "config.toml", "--check-tokens", "-vv")
    flow.run(
        "import", "parse_users.py", "--config", "config.toml", "--import-tokens", "tokens", "-vv"
    )
    generated = tomllib.loads((root / "config.toml").read_text(encoding="utf-8"))
    carol_password = generated["users"]["carol"]["password"]
    flow.run("add-dry", "add_users_to_server.py", "--config", "config.toml", "--dry-run", "-vv")
    flow.run("add", "add_users_to_server.py", "--config", "config.toml", *verbose, "logs/add.log")

    bad_admin = (root / "config.toml").read_text(encoding="utf-8")
    bad_admin = bad_admin.replace('client_id = "emulator"', 'client_id = ""')
    (root / "bad-admin.toml").write_text(bad_admin, encoding="utf-8")
    (root / "bad-admin.toml").chmod(0o600)
    flow.run("add-refused", "add_users_to_server.py", "--config", "bad-admin.toml")
    flow.run("add-refused-vv", "add_users_to_server.py", "--config", "bad-admin.toml", "-vv")

    flow.run(
        "build-dry", "build_chat.py", "--config", "config.toml", "--dry-run", "-vv",
        "--output", "out-dry",
    )  # fmt: skip
    flow.run(
        "build", "build_chat.py", "--config", "config.toml", "-vv", "--quiet", "--output", "out",
    )  # fmt: skip
    flow.run(
        "build-verify", "build_chat.py", "--config", "config.toml", "--verify", "-vv", "--quiet",
        "--output", "out",
    )  # fmt: skip

    bad_owner = (root / "config.toml").read_text(encoding="utf-8")
    bad_owner = bad_owner.replace(ALICE_PASSWORD, WRONG_PASSWORD)
    bad_owner = re.sub(r'(\[users\.alice\][^\[]*?)access_token = "[^"]*"\n', r"\1", bad_owner)
    (root / "bad-owner.toml").write_text(bad_owner, encoding="utf-8")
    (root / "bad-owner.toml").chmod(0o600)
    shutil.rmtree(root / "out-owner", ignore_errors=True)
    flow.run(
        "build-refused", "build_chat.py", "--config", "bad-owner.toml", "--new-chat", "--quiet",
        "--output", "out-owner", "--ledger", "owner.sqlite",
    )  # fmt: skip
    flow.secrets = [
        CLIENT_SECRET,
        ADMIN_TOKEN,
        ALICE_PASSWORD,
        BOB_PASSWORD,
        WRONG_PASSWORD,
        carol_password,
        alice_token,
        bob_token,
        alice_token.split(".")[-1],  # a signature alone is still a secret
    ]
    return flow


def test_the_workflow_really_ran(workflow: Workflow) -> None:
    """The scan below means something only if each step did its job."""
    runs = workflow.runs
    assert runs["collect"].code == 0, runs["collect"]
    assert runs["import"].code == 0, runs["import"]
    assert runs["add"].code == 0, runs["add"]
    assert runs["add-refused"].code == 3, runs["add-refused"]
    assert runs["build-dry"].code == 0, runs["build-dry"]
    assert runs["build"].code == 0, runs["build"]
    assert runs["build-verify"].code == 0, runs["build-verify"]
    assert runs["build-refused"].code in (2, 3), runs["build-refused"]
    assert "refused the admin access_token" in runs["add-refused"].stderr
    log = (workflow.root / "out" / "build_chat.log").read_text(encoding="utf-8")
    assert "DEBUG" in log  # the most verbose level, library frames included


@pytest.mark.parametrize(
    "step",
    [
        "collect",
        "check",
        "import",
        "add-dry",
        "add",
        "add-refused",
        "add-refused-vv",
        "build-dry",
        "build",
        "build-verify",
        "build-refused",
    ],
)
def test_no_secret_on_the_console(workflow: Workflow, step: str) -> None:
    run = workflow.runs[step]
    assert _leaks(run.stdout, workflow.secrets) == [], run
    assert _leaks(run.stderr, workflow.secrets) == [], run
    assert "Traceback" not in run.output, run


def test_no_secret_in_any_file_the_scripts_wrote(workflow: Workflow) -> None:
    produced = workflow.produced_files()
    names = {path.name for path in produced}
    # logs, reports, previews, the ledger: all present, all clean
    assert {"parse.log", "add.log", "build_chat.log", "report.json", "report.html"} <= names
    assert "preview.html" in names
    assert any(path.suffix in (".sqlite", ".db") for path in produced), names
    for path in produced:
        text = path.read_bytes().decode("latin-1")  # binary files (the ledger) too
        utf8 = path.read_bytes().decode("utf-8", "replace")
        assert _leaks(text, workflow.secrets) == [], path
        assert _leaks(utf8, workflow.secrets) == [], path
