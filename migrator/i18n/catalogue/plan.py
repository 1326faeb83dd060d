"""The company-wide plan of chats: ``[chats]`` checks, the chats build_chat.py skips, the index."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "plan.no_owner": Msg(
        en="[chats.{key}] ({name}): no owner: both its owner and [chat] owner are empty",
        ru="[chats.{key}] ({name}): нет владельца: пусты и его owner, и [chat] owner",
    ),
    "plan.owner_unknown": Msg(
        en="[chats.{key}] ({name}): owner {owner!r} is not in [users]",
        ru="[chats.{key}] ({name}): владельца {owner!r} нет в [users]",
    ),
    "plan.owner_deleted": Msg(
        en="[chats.{key}] ({name}): owner {owner!r} is a deleted Telegram account",
        ru="[chats.{key}] ({name}): владелец {owner!r} — удалённый аккаунт Telegram",
    ),
    "plan.owner_hint": Msg(
        en="set owner to a login of [users] that can sign in (a token or a password)",
        ru="укажите в owner логин из [users], который может войти (с токеном или паролем)",
    ),
    "plan.same_title": Msg(
        en="{tables} would all become TrueConf chats named {title!r}",
        ru="{tables} все стали бы чатами TrueConf с названием {title!r}",
    ),
    "plan.same_title_hint": Msg(
        en="give each a different name, or set migrate = false on all but one",
        ru="дайте каждому своё name или поставьте migrate = false всем, кроме одного",
    ),
    "plan.no_partner": Msg(
        en="[chats.{key}] ({name}) is personal, but nobody in it other than the owner {owner!r} "
        "has an account in [users]",
        ru="[chats.{key}] ({name}) — личный чат, но кроме владельца {owner!r} ни у кого в нём "
        "нет учётной записи в [users]",
    ),
    "plan.no_partner_hint": Msg(
        en="a personal chat needs both people: add the other person to [users], use "
        'type = "group", or set migrate = false',
        ru="личному чату нужны оба собеседника: добавьте второго в [users], укажите "
        'type = "group" или поставьте migrate = false',
    ),
    "plan.nothing_to_do": Msg(
        en="{config}: every chat of [chats] has migrate = false: nothing to migrate",
        ru="{config}: у всех чатов в [chats] стоит migrate = false: переносить нечего",
    ),
    "plan.nothing_to_do_hint": Msg(
        en="set migrate = true on the chats to move",
        ru="поставьте migrate = true чатам, которые нужно перенести",
    ),
    "plan.skipped": Msg(
        en="skipped (migrate = false in [chats.{key}]): {name}",
        ru="пропущен (migrate = false в [chats.{key}]): {name}",
    ),
    "plan.index": Msg(en="Index of every chat: {path}", ru="Сводка по всем чатам: {path}"),
}
