"""The console tables of parse_users.py and add_users_to_server.py, in both languages."""

from __future__ import annotations

from pathlib import Path

from tests.bad_input.support import write_config, write_export

from .support import run_as_admin


def _config(folder: Path) -> None:
    write_export(folder / "export")
    write_config(
        folder / "config.toml",
        server={"address": "127.0.0.1", "port": 9, "https": False},
        chat={"owner": "alice"},
        users={
            "alice": {"password": "Alice-pass-1", "telegram_id": "user2001"},
            "deleted_1004": {"telegram_id": "user1004", "type": "deleted"},
        },
    )


def test_check_tokens_does_not_count_deleted_accounts_as_needing_attention(tmp_path: Path) -> None:
    _config(tmp_path)
    run = run_as_admin("parse_users.py", "--check-tokens", cwd=tmp_path)
    assert run.code == 0, run
    rows = {line.split()[0]: line for line in run.stdout.splitlines()[2:] if line.strip()}
    assert "no account (deleted)" in rows["deleted_1004"], run
    assert "2 accounts: 1 need attention, 1 will sign in by password, 0 cannot sign in" in (
        run.stdout
    ), run
    assert "1 deleted Telegram accounts (no account: the owner posts for them)" in run.stdout, run


def test_tables_in_russian(tmp_path: Path) -> None:
    _config(tmp_path)
    ru = "ru_RU.UTF-8"
    tokens = run_as_admin("parse_users.py", "--check-tokens", cwd=tmp_path, lang=ru)
    assert tokens.code == 0, tokens
    assert tokens.stdout.split()[:4] == ["логин", "токен", "действует", "до"], tokens
    assert "учётной записи нет (удалён)" in tokens.stdout, tokens
    assert "войдут по паролю: 1" in tokens.stdout, tokens
    accounts = run_as_admin("add_users_to_server.py", "--dry-run", cwd=tmp_path, lang=ru)
    assert accounts.code == 0, accounts
    assert accounts.stdout.split()[:3] == ["Логин", "Отображаемое", "имя"], accounts
    assert "будет создана" in accounts.stdout and "На сервер ничего не отправлено." in (
        accounts.stdout
    ), accounts
