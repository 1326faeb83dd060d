"""Fill [users] of config.toml from a Telegram export; import and check Chatbot Connector tokens.

Usage: python parse_users.py [--config config.toml] [--chat NAME|ID] [-v]
       python parse_users.py --import-tokens DIR
       python parse_users.py --check-tokens
"""

from migrator.users.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
