"""Fill [users] of config.toml from a Telegram export; import and check Chatbot Connector tokens.

Usage: python parse_users.py [--config config.toml] [--chat NAME|ID] [-v]
       python parse_users.py --import-tokens DIR
       python parse_users.py --check-tokens
"""

import sys

try:
    from migrator.cli import launch
except KeyboardInterrupt:  # Ctrl+C while Python is still starting
    sys.stderr.write("interrupted / прервано\n")
    raise SystemExit(130) from None

if __name__ == "__main__":
    raise SystemExit(launch("migrator.users.cli"))
