"""The company-wide plan: one ``[chats.<telegram chat id>]`` table per chat of a full-account
export, written by parse_users.py and followed by build_chat.py."""

from migrator.plan_chats.choose import ChatChoice, ChosenChat, choose_chats, plan_problems
from migrator.plan_chats.entries import ChatFacts, ChatPlanUpdate, plan_update
from migrator.plan_chats.kinds import export_chat_type, plan_key

__all__ = [
    "ChatChoice",
    "ChatFacts",
    "ChatPlanUpdate",
    "ChosenChat",
    "choose_chats",
    "export_chat_type",
    "plan_key",
    "plan_problems",
    "plan_update",
]
