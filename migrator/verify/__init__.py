"""``--verify``: compare the migrated chat, read back through the API, with ledger and export."""

from migrator.verify.compare import Expected, VerifyResult, compare, expected_messages

__all__ = ["Expected", "VerifyResult", "compare", "expected_messages"]
