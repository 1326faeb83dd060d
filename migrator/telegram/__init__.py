"""Reading Telegram Desktop JSON exports."""
