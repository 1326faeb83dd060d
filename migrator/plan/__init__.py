"""Planning: Telegram messages → the posts that will be sent."""
