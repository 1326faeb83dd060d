"""Migrate a Telegram Desktop chat export into TrueConf Server.

Usage: python build_chat.py [--config config.toml] [--chat NAME|ID | --all-chats] [--dry-run]
       [--verify] [--new-chat] [--output DIR] [--ledger PATH] [--quiet] [-v]
"""

from migrator.engine.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
