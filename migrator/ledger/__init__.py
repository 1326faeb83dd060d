"""SQLite ledger of a migration: chat ids and per-post states, so re-runs resume safely."""

from migrator.ledger.store import (
    ChatCreation,
    ChatLedger,
    Ledger,
    LedgerError,
    PostRecord,
    PostState,
    SendingEntry,
    ledger_path_for,
)

__all__ = [
    "ChatCreation",
    "ChatLedger",
    "Ledger",
    "LedgerError",
    "PostRecord",
    "PostState",
    "SendingEntry",
    "ledger_path_for",
]
