"""Create the TrueConf Server accounts listed in [users] of config.toml.

Usage: python add_users_to_server.py [--config config.toml] [--dry-run] [--concurrency N] [-v]
"""

from migrator.accounts.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
