"""Choosing chats by the plan and checking the whole plan. Pure."""

from __future__ import annotations

from migrator.config.model import ChatConfig, ChatPlanConfig, ChatType, Config, UserConfig
from migrator.plan_chats import choose_chats, plan_problems
from migrator.plan_chats.choose import config_for
from migrator.telegram.model import ChatInfo
from migrator.telegram.model import ChatType as TelegramType

BOB = ChatInfo("Bob", TelegramType.PERSONAL_CHAT, 1, index=0)
BOB_TOO = ChatInfo("Bob", TelegramType.PERSONAL_CHAT, 2, index=1)
SALES = ChatInfo("Sales", TelegramType.PRIVATE_SUPERGROUP, 3, index=2)
NEWS = ChatInfo("News", TelegramType.PUBLIC_CHANNEL, 4, index=3)
USERS = {
    "alice": UserConfig(password="p"),
    "gone": UserConfig(type="deleted", telegram_id="user9"),
}


def _config(**chats: ChatPlanConfig) -> Config:
    return Config(
        chat=ChatConfig(owner="alice"),
        users=USERS,
        chats={key.removeprefix("c"): value for key, value in chats.items()},
    )


def test_unplanned_chats_are_titled_and_typed_after_the_export() -> None:
    choice = choose_chats(_config(), [BOB, SALES, NEWS], honour_skips=True)
    assert [(c.title, c.kind, c.owner) for c in choice.chats] == [
        ("Bob", ChatType.PERSONAL, None),
        ("Sales", ChatType.GROUP, None),
        ("News", ChatType.CHANNEL, None),
    ]


def test_one_unplanned_chat_keeps_the_chat_section() -> None:
    (only,) = choose_chats(_config(), [SALES], honour_skips=True).chats
    assert (only.title, only.kind, only.owner) == (None, None, None)


def test_plan_skips_renames_and_changes_owners_only_when_asked() -> None:
    config = _config(
        c3=ChatPlanConfig(name="Sales team", owner="bob"),
        c4=ChatPlanConfig(name="News", type=ChatType.CHANNEL, migrate=False),
    )
    choice = choose_chats(config, [SALES, NEWS], honour_skips=True)
    assert [(c.key, c.title, c.owner) for c in choice.chats] == [("3", "Sales team", "bob")]
    assert [c.key for c in choice.skipped] == ["4"]
    named = choose_chats(config, [SALES, NEWS], honour_skips=False)
    assert [c.key for c in named.chats] == ["3", "4"] and not named.skipped
    assert config_for(config, choice.chats[0]).chat.owner == "bob"
    assert config_for(config, choice.chats[0]).chat.language == config.chat.language


def test_problems_of_the_whole_plan_are_listed_together() -> None:
    config = _config(
        c3=ChatPlanConfig(name="News", owner="zoe"),
        c4=ChatPlanConfig(name="news", type=ChatType.CHANNEL, owner="gone"),
    )
    choice = choose_chats(config, [BOB, BOB_TOO, SALES, NEWS], honour_skips=True)
    messages = [problem.message for problem in plan_problems(config, choice)]
    assert messages == [
        "[chats.3] (Sales): owner 'zoe' is not in [users]",
        "[chats.4] (News): owner 'gone' is a deleted Telegram account",
        "[chats.3], [chats.4] would all become TrueConf chats named 'News'",
    ]  # two personal chats with people called Bob are no clash: TrueConf names them itself
