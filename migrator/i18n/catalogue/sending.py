"""What the sender, the retry policy and the reports say about posts: failure reasons (their key
is the reason's stable code), notes and warnings."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "post.reference": Msg(en="#{id} «{excerpt}»", ru="№{id} «{excerpt}»"),
    "post.reference_bare": Msg(en="#{id}", ru="№{id}"),
    "reason.empty_text": Msg(en="empty text", ru="пустой текст"),
    "reason.failed": Msg(en="failed", ru="не отправлено"),
    "reason.not_sent": Msg(en="not sent", ru="не отправлено"),
    "reason.stopped_early": Msg(
        en="not sent (the run stopped early)", ru="не отправлено (запуск остановился раньше)"
    ),
    "reason.nothing_to_post": Msg(en="nothing to post", ru="нечего публиковать"),
    "reason.gave_up": Msg(
        en="gave up after {attempts} attempts: {reason}",
        ru="не удалось (попыток: {attempts}): {reason}",
    ),
    "reason.server_error": Msg(
        en="server error {code}: {detail}", ru="ошибка сервера {code}: {detail}"
    ),
    "note.attributed": Msg(
        en="posted by the owner on the author's behalf",
        ru="опубликовано владельцем от имени автора",
    ),
    "note.posted_by_owner": Msg(
        en="{author} {why}: posted by the owner",
        ru="{author} {why}: опубликовано владельцем",
    ),
    "note.file_not_migrated": Msg(en="file not migrated: {error}", ru="файл не перенесён: {error}"),
    "note.resent": Msg(
        en="re-sent out of order: the server had lost it, --repair sent it again at the end",
        ru="отправлено заново не по порядку: сервер его потерял, --repair отправил его снова "
        "в конце",
    ),
    "why.not_admitted": Msg(
        en="could not be added to the chat: {refusal}",
        ru="не удалось добавить в чат: {refusal}",
    ),
    "why.cannot_sign_in": Msg(en="cannot sign in ({reason})", ru="не может войти ({reason})"),
    "why.no_credentials": Msg(
        en="cannot sign in (no valid token and no password in [users])",
        ru="не может войти (в [users] нет ни действующего токена, ни пароля)",
    ),
    "sender.not_admitted": Msg(
        en="{login} could not be added to the chat ({refusal}): the owner posts their messages "
        "with their name shown; create the account with add_users_to_server.py (then "
        "build_chat.py --new-chat to migrate again under their name)",
        ru="{login} не удалось добавить в чат ({refusal}): его сообщения публикует владелец, "
        "с указанием имени; создайте учётную запись через add_users_to_server.py (затем "
        "build_chat.py --new-chat, чтобы перенести заново от его имени)",
    ),
    "sender.cannot_sign_in": Msg(
        en="{login} cannot sign in ({reason}): the owner posts for them",
        ru="{login} не может войти ({reason}): за него публикует владелец",
    ),
    "sender.already_there": Msg(
        en="{post} was already on the server as {message_id}",
        ru="{post} уже был на сервере как {message_id}",
    ),
    "sender.out_of_order": Msg(
        en="{post} went out again after later posts sent together with it were stored: it stands "
        "after them in the chat; the rest of the chat is sent one post at a time",
        ru="{post} отправлено повторно после того, как сохранились отправленные вместе с ним "
        "следующие сообщения: в чате оно стоит после них; остальное отправляется по одному",
    ),
    "sender.out_of_order_note": Msg(
        en="stands after the posts sent together with it (the server stored them first)",
        ru="стоит после отправленных вместе с ним сообщений (сервер сохранил их раньше)",
    ),
    "sender.took_effect": Msg(
        en="{post}: the request had taken effect ({reason})",
        ru="{post}: запрос был выполнен ({reason})",
    ),
    "sender.post_failed": Msg(en="{post} failed: {reason}", ru="{post} не отправлено: {reason}"),
    "sender.read_back_failed": Msg(
        en="Reading the chat back failed", ru="Не удалось прочитать чат обратно"
    ),
    "sender.cannot_sign_in_error": Msg(
        en="{login!r} cannot sign in: {reason}", ru="{login!r} не может войти: {reason}"
    ),
    "sender.cannot_sign_in_hint": Msg(
        en="give the account a valid access_token or a password in [users] of config.toml",
        ru="укажите для учётной записи действующий access_token или пароль в [users] "
        "файла config.toml",
    ),
    "sender.owner_cannot_sign_in": Msg(
        en="The chat owner {login!r} cannot sign in: {reason}",
        ru="Владелец чата {login!r} не может войти: {reason}",
    ),
    "sender.owner_cannot_sign_in_hint": Msg(
        en="give [users.<owner>] a valid access_token or a password in config.toml",
        ru="укажите в config.toml для [users.<owner>] действующий access_token или пароль",
    ),
    "sender.server_error_hint": Msg(
        en="check the server is reachable and the owner's account may create chats",
        ru="проверьте, что сервер доступен и учётной записи владельца можно создавать чаты",
    ),
    "compare.missing": Msg(
        en="{post}: message {message_id} is missing on the server",
        ru="{post}: сообщения {message_id} нет на сервере",
    ),
    "compare.order": Msg(
        en="order differs from the export starting at message {position}",
        ru="порядок расходится с экспортом начиная с сообщения {position}",
    ),
    "compare.unexpected": Msg(
        en="unexpected message {message_id} by {login}: {what} (a duplicate, or posted by "
        "someone else)",
        ru="лишнее сообщение {message_id} от {login}: {what} (дубликат или опубликовано кем-то "
        "другим)",
    ),
    "compare.not_migrated": Msg(
        en="{post}: not migrated ({reason})", ru="{post}: не перенесено ({reason})"
    ),
    "compare.author": Msg(
        en="{post}: author {found}, expected {wanted}",
        ru="{post}: автор {found}, ожидался {wanted}",
    ),
    "compare.text": Msg(
        en="{post}: text differs: {found} ≠ {wanted}", ru="{post}: текст другой: {found} ≠ {wanted}"
    ),
    "compare.file_name": Msg(
        en="{post}: file name {found}, expected {wanted}",
        ru="{post}: имя файла {found}, ожидалось {wanted}",
    ),
    "compare.file_size": Msg(
        en="{post}: file size {found}, expected {wanted}",
        ru="{post}: размер файла {found}, ожидался {wanted}",
    ),
    "compare.reply": Msg(
        en="{post}: reply link {found}, expected {wanted}",
        ru="{post}: ответ ссылается на {found}, ожидалось {wanted}",
    ),
    "media.sticker_not_gzip": Msg(
        en="{path}: not a gzip-compressed animated sticker ({error})",
        ru="{path}: это не сжатый gzip анимированный стикер ({error})",
    ),
    "media.sticker_too_big": Msg(
        en="{path}: the animated sticker unpacks to more than 16 MB",
        ru="{path}: анимированный стикер после распаковки больше 16 МБ",
    ),
    "media.sticker_not_lottie": Msg(
        en="{path}: the animated sticker is not valid Lottie JSON",
        ru="{path}: анимированный стикер — не корректный JSON формата Lottie",
    ),
    "media.sticker_no_layers": Msg(
        en="{path}: the animated sticker has no Lottie layers",
        ru="{path}: в анимированном стикере нет слоёв Lottie",
    ),
    "media.no_rlottie": Msg(
        en="rlottie-python is not available to render animated stickers",
        ru="для отрисовки анимированных стикеров нужен пакет rlottie-python, он не установлен",
    ),
    "media.sticker_no_frames": Msg(
        en="{path}: the animated sticker has no frames to draw",
        ru="{path}: в анимированном стикере нет кадров",
    ),
    "media.cover_missing": Msg(en="{key}: {path} does not exist", ru="{key}: файла {path} нет"),
    "media.cover_missing_hint": Msg(
        en="set {key} to an image file, e.g. cover/ru.png or cover/en.png",
        ru="укажите в {key} файл картинки, например cover/ru.png или cover/en.png",
    ),
    "media.cover_unreadable": Msg(
        en="{key}: {path} is not a readable image ({error})",
        ru="{key}: {path} не читается как картинка ({error})",
    ),
    "media.cover_unreadable_hint": Msg(
        en="use a PNG or JPEG picture, ideally 1280×720",
        ru="используйте картинку PNG или JPEG, лучше всего 1280×720",
    ),
    "media.image_unreadable": Msg(
        en="{path}: cannot read the image to make its preview ({error})",
        ru="{path}: не удаётся прочитать картинку, чтобы сделать превью ({error})",
    ),
    "media.image_unreadable_hint": Msg(
        en="the file may be damaged or not an image; it can be sent as a plain file",
        ru="файл, возможно, повреждён или это не картинка; его можно отправить как обычный файл",
    ),
    "signin_reason.token_refused_no_password": Msg(
        en="the token was refused and no password is known",
        ru="токен отклонён, а пароль не задан",
    ),
    "signin_reason.token_refused": Msg(
        en="the server refused the token (expired or revoked)",
        ru="сервер отклонил токен (истёк или отозван)",
    ),
    "signin_reason.no_credentials": Msg(
        en="no valid token and no password in [users]",
        ru="в [users] нет ни действующего токена, ни пароля",
    ),
    "signin_reason.password_refused": Msg(
        en="the server refused the password", ru="сервер отклонил пароль"
    ),
    "signin_reason.password_disabled": Msg(
        en="password sign-in is disabled", ru="вход по паролю отключён"
    ),
    "signin_reason.token_bad": Msg(
        en="the token is malformed or expired", ru="токен повреждён или истёк"
    ),
    "signin_reason.reconnecting": Msg(
        en="connection of {login} ended ({reason}); connecting again",
        ru="соединение {login} прервалось ({reason}); подключаюсь снова",
    ),
    "probe_run.cannot_sign_in_hint": Msg(
        en="give the account a valid access_token or a password in [users] of config.toml, or "
        "remove its credentials so that the probe does not use it",
        ru="укажите для учётной записи действующий access_token или пароль в [users] файла "
        "config.toml либо уберите её данные для входа, чтобы проверка её не использовала",
    ),
}
