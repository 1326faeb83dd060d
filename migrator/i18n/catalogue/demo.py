"""The demo's narration (``pipenv run demo``)."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "demo.description": Msg(
        en="Run the whole workflow on the bundled sample chat against the emulator.",
        ru="Весь процесс переноса на встроенном примере чата, с эмулятором вместо сервера.",
    ),
    "demo.workdir": Msg(
        en="use this folder instead of a temporary one",
        ru="работать в этой папке, а не во временной",
    ),
    "demo.no_ffmpeg": Msg(
        en="(no system ffmpeg: the one shipped with imageio-ffmpeg converts the voice note)",
        ru="(ffmpeg в системе не найден: голосовое сообщение преобразует ffmpeg из пакета "
        "imageio-ffmpeg)",
    ),
    "demo.emulator": Msg(
        en="TrueConf emulator listening on {url} (a stand-in for your server)",
        ru="Эмулятор TrueConf слушает {url} (он заменяет ваш сервер)",
    ),
    "demo.workdir_is": Msg(en="Working folder: {path}", ru="Рабочая папка: {path}"),
    "demo.step_failed": Msg(
        en="demo: {script} exited with {code}; see the output above",
        ru="демо: {script} завершился с кодом {code}; подробности выше",
    ),
    "demo.step_users": Msg(
        en="1. Collect the chat's people into [users]", ru="1. Собрать участников чата в [users]"
    ),
    "demo.owner_set": Msg(
        en="   chat owner set to {owner!r} ([chat] owner)",
        ru="   владелец чата: {owner!r} ([chat] owner)",
    ),
    "demo.step_accounts": Msg(
        en="2. Create their TrueConf accounts", ru="2. Создать их учётные записи TrueConf"
    ),
    "demo.tokens_fetched": Msg(
        en="3. {count} colleagues fetched their tokens on {url}",
        ru="3. Коллеги получили токены на {url} (файлов: {count})",
    ),
    "demo.step_import": Msg(en="   Import the token files", ru="   Загрузить файлы токенов"),
    "demo.step_dry_run": Msg(en="4. Preflight and preview", ru="4. Проверка и превью"),
    "demo.step_migrate": Msg(en="5. Migrate", ru="5. Перенос"),
    "demo.step_verify": Msg(en="6. Verify", ru="6. Сверка"),
    "demo.result": Msg(en="Result", ru="Результат"),
    "demo.totals": Msg(en="   totals: {totals}", ru="   итого: {totals}"),
    "demo.everything_in": Msg(
        en="Everything is in {path} (delete it when you are done).",
        ru="Всё лежит в {path} (удалите папку, когда она станет не нужна).",
    ),
}
