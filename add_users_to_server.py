"""Create the TrueConf Server accounts listed in [users] of config.toml.

Usage: python add_users_to_server.py [--config config.toml] [--dry-run] [--concurrency N] [-v]
"""

import sys

try:
    from migrator.cli import launch
except KeyboardInterrupt:  # Ctrl+C while Python is still starting
    sys.stderr.write("interrupted / прервано\n")
    raise SystemExit(130) from None

if __name__ == "__main__":
    raise SystemExit(launch("migrator.accounts.cli"))
