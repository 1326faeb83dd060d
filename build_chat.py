"""Migrate a Telegram Desktop chat export into TrueConf Server.

Usage: python build_chat.py [--config config.toml] [--chat NAME|ID | --all-chats] [--dry-run]
       [--verify] [--new-chat] [--output DIR] [--ledger PATH] [--quiet] [-v]
"""

import sys

try:
    from migrator.cli import launch
except KeyboardInterrupt:  # Ctrl+C while Python is still starting
    sys.stderr.write("interrupted / прервано\n")
    raise SystemExit(130) from None

if __name__ == "__main__":
    raise SystemExit(launch("migrator.engine.cli"))
