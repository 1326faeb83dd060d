"""Creating the TrueConf chat (migrator/send/chat_open.py, chat_setup.py, engine/planning.py),
answers of the admin API that are not what TrueConf Server sends, and the [server] settings it
needs (migrator/server_api/)."""

from __future__ import annotations

from migrator.i18n.model import Msg

_NOT_TRUECONF_HINT = Msg(
    en="check that [server] address and port point to TrueConf Server 5.5 or later",
    ru="проверьте, что [server] address и port указывают на TrueConf Server 5.5 или новее",
)

MESSAGES: dict[str, Msg] = {
    "chat_setup.personal_failed": Msg(
        en="Creating the personal chat with {peer!r} failed: {reason}",
        ru="Не удалось создать личный чат с {peer!r}: {reason}",
    ),
    "chat_setup.personal_failed_hint": Msg(
        en="check that {peer} has a TrueConf account (add_users_to_server.py creates the "
        "accounts of [users])",
        ru="проверьте, что у {peer} есть учётная запись TrueConf (учётные записи из [users] "
        "создаёт add_users_to_server.py)",
    ),
    "chat_setup.create_failed": Msg(en="Creating the chat failed", ru="Не удалось создать чат"),
    "chat_setup.setup_failed": Msg(
        en="Setting up the chat failed", ru="Не удалось подготовить чат"
    ),
    "chat_setup.no_second_person": Msg(
        en="A personal chat needs a second person, but every message of the export is by the owner",
        ru="Для личного чата нужен второй человек, а все сообщения экспорта написаны владельцем",
    ),
    "chat_setup.no_second_person_hint": Msg(
        en='set [chat] type = "group" in config.toml, or map the other person in [users]',
        ru='укажите [chat] type = "group" в config.toml или сопоставьте второго человека в [users]',
    ),
    "chat_setup.personal_too_many": Msg(
        en='[chat] type is "personal" but the export has more than two people ({people}), or '
        "[chat] owner {owner!r} is not one of them",
        ru='[chat] type = "personal", но в экспорте больше двух человек ({people}) или [chat] '
        "owner {owner!r} не из их числа",
    ),
    "chat_setup.personal_too_many_hint": Msg(
        en='set [chat] owner to one of the two people, or use type = "group"',
        ru='укажите в [chat] owner одного из двух людей или задайте type = "group"',
    ),
    # the admin API (migrator/server_api/admin.py, address.py)
    "admin_api.unknown_user_list": Msg(
        en="TrueConf Server listed its accounts in an unknown form ({action})",
        ru="TrueConf Server вернул список учётных записей в неизвестном виде ({action})",
    ),
    "admin_api.unknown_user_list_hint": Msg(
        en="check that [server] address and port point to TrueConf Server 5.5 or later; run with "
        "-vv and report the answer if they do",
        ru="проверьте, что [server] address и port указывают на TrueConf Server 5.5 или новее; "
        "если это так, запустите с -vv и сообщите об ответе сервера",
    ),
    "admin_api.page_again": Msg(
        en="TrueConf Server sent page {page} of its accounts with next_page_id {following}, a "
        "page already read",
        ru="TrueConf Server прислал страницу {page} списка учётных записей с next_page_id "
        "{following} — эта страница уже прочитана",
    ),
    "admin_api.page_again_hint": Msg(
        en="run again; if it repeats, report the server version",
        ru="запустите ещё раз; если повторится, сообщите версию сервера",
    ),
    "admin_api.no_access_token": Msg(
        en="TrueConf Server answered the admin token request without an access_token",
        ru="TrueConf Server ответил на запрос токена администратора без access_token",
    ),
    "admin_api.no_access_token_hint": _NOT_TRUECONF_HINT,
    "admin_api.not_json_object": Msg(
        en="TrueConf Server answered with something other than a JSON object while {action}",
        ru="TrueConf Server ответил не объектом JSON ({action})",
    ),
    "admin_api.not_json_object_hint": Msg(
        en="check that [server] address and port point to TrueConf Server, not another site",
        ru="проверьте, что [server] address и port указывают на TrueConf Server, а не на другой "
        "сайт",
    ),
    "admin_api.not_trueconf": Msg(
        en="{url} did not describe a TrueConf Server product",
        ru="{url} не описывает продукт TrueConf Server",
    ),
    "admin_api.not_trueconf_hint": _NOT_TRUECONF_HINT,
    "admin_api.not_pem": Msg(
        en="[server] verify_ssl in config.toml names {path!r}, which is not a PEM CA bundle",
        ru="[server] verify_ssl в config.toml указывает на {path!r}, а это не файл "
        "сертификатов PEM",
    ),
    "admin_api.not_pem_hint": Msg(
        en="export the CA certificate in PEM format (-----BEGIN CERTIFICATE-----)",
        ru="экспортируйте сертификат центра сертификации в формате PEM "
        "(-----BEGIN CERTIFICATE-----)",
    ),
    "admin_api.address_hint": Msg(
        en="set [server] address to the server's domain name or IP address, e.g. address = "
        '"tc.example.com"',
        ru="укажите в [server] address доменное имя или IP-адрес сервера, например address = "
        '"tc.example.com"',
    ),
    "admin_api.address_empty": Msg(
        en="[server] address is empty in config.toml", ru="[server] address в config.toml не задан"
    ),
    "admin_api.address_scheme": Msg(
        en="[server] address {raw!r} in config.toml has the scheme {scheme!r}",
        ru="[server] address {raw!r} в config.toml содержит схему {scheme!r}",
    ),
    "admin_api.address_scheme_hint": Msg(
        en="write only the host name, and set [server] https = true or false",
        ru="напишите только имя хоста, а в [server] укажите https = true или false",
    ),
    "admin_api.address_more": Msg(
        en="[server] address {raw!r} in config.toml contains more than a host name",
        ru="[server] address {raw!r} в config.toml содержит не только имя хоста",
    ),
    "admin_api.address_https": Msg(
        en="[server] address {raw!r} says {scheme}:// but [server] https = {https} in config.toml",
        ru="[server] address {raw!r} начинается с {scheme}://, а в config.toml [server] https = "
        "{https}",
    ),
    "admin_api.address_https_hint": Msg(
        en="write the address without http:// or https:// and let https = true or false decide, "
        "or make the two agree",
        ru="напишите адрес без http:// и https:// и задайте протокол через https = true или "
        "false, либо согласуйте их",
    ),
    "admin_api.address_invalid": Msg(
        en="[server] address {raw!r} in config.toml is not a valid host name",
        ru="[server] address {raw!r} в config.toml — недопустимое имя хоста",
    ),
    "admin_api.credentials_hint": Msg(
        en="fill client_id and client_secret of an OAuth application (TrueConf Server control "
        "panel: Web → Security → OAuth 2.0), or paste an admin access_token",
        ru="заполните client_id и client_secret приложения OAuth (панель управления TrueConf "
        "Server: Web → Безопасность → OAuth 2.0) или вставьте access_token администратора",
    ),
    "admin_api.no_client_secret": Msg(
        en="[server] client_secret is empty in config.toml",
        ru="[server] client_secret в config.toml не задан",
    ),
    "admin_api.no_client_id": Msg(
        en="[server] client_id is empty in config.toml",
        ru="[server] client_id в config.toml не задан",
    ),
    "admin_api.no_credentials": Msg(
        en="[server] in config.toml has neither access_token nor client_id/client_secret",
        ru="в [server] в config.toml нет ни access_token, ни client_id/client_secret",
    ),
    "admin_api.ca_missing": Msg(
        en="[server] verify_ssl in config.toml names the CA bundle {path!r}, which does not exist",
        ru="[server] verify_ssl в config.toml указывает на файл сертификатов {path!r}, которого "
        "нет",
    ),
    "admin_api.ca_missing_hint": Msg(
        en="give the path of the PEM file that signed the server's certificate, or write "
        "verify_ssl = true to use the system's trusted certificates",
        ru="укажите путь к PEM-файлу, которым подписан сертификат сервера, или напишите "
        "verify_ssl = true, чтобы использовать доверенные сертификаты системы",
    ),
}
