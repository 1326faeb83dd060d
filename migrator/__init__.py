"""Move Telegram Desktop chat exports into a self-hosted TrueConf Server."""

__version__ = "0.1.0"
