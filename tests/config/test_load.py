from __future__ import annotations

import logging
from pathlib import Path

import pytest

from migrator.config import load_config
from migrator.config.model import Config
from migrator.errors import ConfigError
from migrator.secrets import redact


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def error_text(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value)


def test_minimal_config_gets_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'telegram_export_dir = "export"\n'))
    assert config.server.port == 443
    assert config.server.https is True
    assert config.server.verify_ssl is True
    assert config.chat.type == ""  # empty: the export's kind decides
    assert config.export_dir(tmp_path / "config.toml") == tmp_path / "export"


def test_typo_in_key_suggests_the_valid_key(tmp_path: Path) -> None:
    path = write(tmp_path, "[chat.datetime]\nveiw_original_time_in_message = true\n")
    assert error_text(path) == (
        f"{path}: unknown key 'veiw_original_time_in_message' in [chat.datetime]\n"
        "  → did you mean 'view_original_time_in_message'?"
    )


def test_unknown_key_without_close_match_lists_valid_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "[registration]\nzzz = 1\n")
    assert error_text(path) == (
        f"{path}: unknown key 'zzz' in [registration]\n"
        "  → valid keys in [registration]: auto, email_domain, default_password"
    )


def test_typo_at_top_level_and_in_a_user_entry(tmp_path: Path) -> None:
    path = write(tmp_path, 'telegram_export_dri = "x"\n[users.ivan]\npasword = "secret-value-1"\n')
    text = error_text(path)
    assert "unknown key 'telegram_export_dri' in the top level" in text
    assert "did you mean 'telegram_export_dir'?" in text
    assert "unknown key 'pasword' in [users.ivan]" in text
    assert "did you mean 'password'?" in text
    assert "secret-value-1" not in text


def test_wrong_type_names_key_value_and_expectation(tmp_path: Path) -> None:
    path = write(tmp_path, '[server]\nport = "https"\n')
    assert error_text(path) == (
        f'{path}: [server] port = "https" is not valid\n  → expected a whole number from 1 to 65535'
    )


def test_port_out_of_range_and_bad_enum(tmp_path: Path) -> None:
    path = write(tmp_path, '[server]\nport = 70000\n[chat]\ntype = "grop"\n')
    text = error_text(path)
    assert text.startswith(f"{path}: 2 problems:")
    assert "[server] port = 70000 is not valid" in text
    assert '[chat] type = "grop" is not valid' in text
    assert 'expected one of "personal", "group", "channel"' in text


def test_wrong_type_of_a_secret_never_shows_it(tmp_path: Path) -> None:
    path = write(tmp_path, "[registration]\ndefault_password = 87654321\n")
    text = error_text(path)
    assert "[registration] default_password = <hidden> is not valid" in text
    assert "87654321" not in text


def test_a_table_written_as_a_value(tmp_path: Path) -> None:
    path = write(tmp_path, 'server = "tc.example.com"\n')
    assert "'server' must be a table [server]" in error_text(path)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[server]\naddress = tc.example.com\n")
    text = error_text(path)
    assert text.startswith(f"{path}: not valid TOML")
    assert "line 2" in text


def test_missing_file(tmp_path: Path) -> None:
    text = error_text(tmp_path / "nope.toml")
    assert "no such file" in text
    assert "--config" in text


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('[chat]\nname = "Чат"\n'.encode("cp1251"))
    assert "not UTF-8" in error_text(path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('\ufeff[chat]\nname = "Чат"\n'.encode())
    assert load_config(path).chat.name == "Чат"


def test_unknown_timezone(tmp_path: Path) -> None:
    path = write(tmp_path, '[chat.datetime]\ntimezone = "Moscow"\n')
    assert '[chat.datetime] timezone = "Moscow" is not a known time zone' in error_text(path)


def test_verify_ssl_accepts_bool_or_existing_bundle(tmp_path: Path) -> None:
    (tmp_path / "ca.pem").write_text("pem")
    assert load_config(write(tmp_path, '[server]\nverify_ssl = "ca.pem"\n')).server.verify_ssl == (
        "ca.pem"
    )
    assert load_config(write(tmp_path, "[server]\nverify_ssl = false\n")).server.verify_ssl is False
    text = error_text(write(tmp_path, '[server]\nverify_ssl = "missing.pem"\n'))
    assert '[server] verify_ssl = "missing.pem": no such file' in text


def test_duplicate_and_malformed_telegram_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[users.a]\ntelegram_id = "user7"\n[users.b]\ntelegram_id = "7"\ntype = "user"\n'
        '[users.c]\ntelegram_id = "@ivan"\n',
    )
    text = error_text(path)
    assert "[users.a] and [users.b] both have the Telegram id user7" in text
    assert '[users.c] telegram_id = "@ivan" is not a Telegram id' in text


def test_secrets_are_registered_on_load(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[server]\nclient_secret = "cs-aaaa-1111"\n[users.ivan]\npassword = "pw-bbbb-2222"\n'
        'access_token = "tok-cccc-3333"\n',
    )
    load_config(path)
    assert redact("x cs-aaaa-1111 pw-bbbb-2222 tok-cccc-3333") == (
        "x <redacted> <redacted> <redacted>"
    )


def test_warns_when_secrets_are_readable_by_others(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, '[users.ivan]\npassword = "pw-dddd-4444"\n')
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        load_config(path)
    assert "chmod 600" in caplog.text
    assert "pw-dddd-4444" not in caplog.text
    caplog.clear()
    path.chmod(0o600)
    with caplog.at_level(logging.WARNING):
        load_config(path)
    assert caplog.text == ""


def test_original_workflow_config_loads(tmp_path: Path) -> None:
    original = """telegram_export_dir = "~/Downloads/Telegram Desktop/ChatExport_2025-09-05"

[server]
address = "" # IP or domain.name
verify_ssl = false # or true if needed
access_token = ""
client_id = ""
client_secret = ""

[chat]
name = ""
type = "group"
owner = ""

[chat.datetime]
view_original_time_in_message = false
timezone = "GMT"
caption = ""

[chat.voice_message]
convert_voice_message_to_video = false
cover_image = "cover/en.png"

[registration]
auto = false
email_domain = ""
default_password = ""

[users]

[users.ivanov_ivan]
access_token = ""
telegram_id = "12345678"
type = "user"
"""
    config = load_config(write(tmp_path, original))
    assert isinstance(config, Config)
    assert config.users["ivanov_ivan"].telegram_id == "12345678"
