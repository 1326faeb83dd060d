"""A server that cannot be reached, trusted or signed in to: add_users_to_server.py stops with a
message that names the setting to check, and exit code 3 (2 for a config mistake)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from migrator.emulator import EmulatorConfig, EmulatorThread, RunningEmulator
from tests.bad_input.support import (
    Run,
    assert_fails_cleanly,
    emulator_server,
    run_script,
    write_config,
)

USERS = {"alice": {"display_name": "Alice", "password": "Alice-pass-1"}}


def _add_users(folder: Path, server: dict[str, Any], *extra: str) -> Run:
    write_config(folder / "config.toml", server=server, users=USERS)
    return run_script("add_users_to_server.py", "--config", "config.toml", *extra, cwd=folder)


@pytest.fixture(scope="module")
def emulator() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None)) as running:
        yield running


@pytest.fixture(scope="module")
def tls_emulator() -> Iterator[RunningEmulator]:
    with EmulatorThread(EmulatorConfig(chatbot_dir=None, tls=True)) as running:
        yield running


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _NotTrueConf(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html><body>It works!</body></html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_unreachable_server_says_what_to_check(tmp_path: Path) -> None:
    run = _add_users(tmp_path, emulator_server("127.0.0.1", _free_port()))
    assert_fails_cleanly(
        run, 3, "cannot be reached", "check [server] address, port and https in config.toml"
    )


def test_wrong_tls_certificate_points_to_verify_ssl(
    tmp_path: Path, tls_emulator: RunningEmulator
) -> None:
    server = emulator_server(tls_emulator.host, tls_emulator.port, https=True)
    run = _add_users(tmp_path, server)
    assert_fails_cleanly(
        run, 3, "TLS certificate of https://127.0.0.1", "could not be verified", "verify_ssl"
    )


def test_plain_http_to_a_tls_port_is_a_clear_connection_error(
    tmp_path: Path, tls_emulator: RunningEmulator
) -> None:
    run = _add_users(tmp_path, emulator_server(tls_emulator.host, tls_emulator.port))
    assert_fails_cleanly(run, 3, "http://127.0.0.1", "check [server] address, port and https")


def test_wrong_oauth_credentials_point_to_the_control_panel(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    server = emulator_server(emulator.host, emulator.port, client_secret="Wrong-Secret-4711")
    run = _add_users(tmp_path, server)
    assert_fails_cleanly(
        run,
        3,
        "refused the OAuth client credentials",
        "client_id/client_secret",
        "Web → Security → OAuth 2.0",
    )
    assert "Wrong-Secret-4711" not in run.output


def test_no_admin_credentials_at_all_says_which_keys_to_fill(
    tmp_path: Path, emulator: RunningEmulator
) -> None:
    server = emulator_server(emulator.host, emulator.port, client_id="", client_secret="")
    run = _add_users(tmp_path, server)
    assert_fails_cleanly(run, 2, "client_id", "client_secret", "access_token")


def test_a_web_server_that_is_not_trueconf_is_named(tmp_path: Path) -> None:
    httpd = HTTPServer(("127.0.0.1", 0), _NotTrueConf)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        run = _add_users(tmp_path, emulator_server("127.0.0.1", httpd.server_address[1]))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert_fails_cleanly(run, 3, "HTTP 404", "point to TrueConf Server 5.5 or later")


def test_ca_bundle_that_is_not_pem_is_named(tmp_path: Path) -> None:
    (tmp_path / "ca.pem").write_text("this is not a certificate\n", encoding="utf-8")
    server = emulator_server("127.0.0.1", 443, https=True, verify_ssl="ca.pem")
    run = _add_users(tmp_path, server)
    assert_fails_cleanly(run, 2, "ca.pem", "not a PEM CA bundle", "-----BEGIN CERTIFICATE-----")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("", "[server] address is empty"),
        ("https://tc.example.com/admin", "contains more than a host name"),
        ("ftp://tc.example.com", "has the scheme 'ftp'"),
        ("tc example com", "is not a valid host name"),
    ],
    ids=["empty", "with-path", "other-scheme", "spaces"],
)
def test_bad_server_address_shows_the_expected_form(
    tmp_path: Path, address: str, expected: str
) -> None:
    run = _add_users(tmp_path, emulator_server(address, 443))
    assert_fails_cleanly(run, 2, expected, "address")
