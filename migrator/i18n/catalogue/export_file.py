"""Reading result.json: unreadable, damaged or hand-edited files, and the chat list in hints."""

from __future__ import annotations

from migrator.i18n.model import Msg

_REEXPORT_RU = "экспортируйте чат заново из Telegram Desktop («Экспорт истории чата» → JSON)"

MESSAGES: dict[str, Msg] = {
    "export.cannot_open": Msg(
        en="{path}: cannot open ({reason})", ru="{path}: не удаётся открыть ({reason})"
    ),
    "export.cannot_open_hint": Msg(
        en="Check the path and that the user running the tool may read the export folder.",
        ru="Проверьте путь и что у пользователя, от имени которого запущена программа, есть "
        "право читать папку экспорта.",
    ),
    "export.truncated": Msg(
        en="{path}: invalid JSON at byte {offset}: the file ends early, expected the rest of the "
        "JSON (closing brackets at least)",
        ru="{path}: ошибка в JSON на байте {offset}: файл обрывается, не хватает конца JSON (как "
        "минимум закрывающих скобок)",
    ),
    "export.truncated_hint": Msg(
        en="The file is truncated: the export or the copy was interrupted. Export the chat "
        "again, or copy the whole file once more.",
        ru="Файл обрезан: экспорт или копирование прервались. Экспортируйте чат заново или "
        "скопируйте файл целиком ещё раз.",
    ),
    "export.invalid_json": Msg(
        en="{path}: invalid JSON at byte {offset}: {reason}",
        ru="{path}: ошибка в JSON на байте {offset}: {reason}",
    ),
    "export.invalid_json_hint": Msg(
        en="Telegram Desktop writes valid JSON (apart from quirks this tool repairs); the file "
        "was damaged or edited. Look near byte {offset} "
        "(e.g. `head -c {end} result.json | tail -c 160`), or export the chat again.",
        ru="Telegram Desktop пишет правильный JSON (кроме особенностей, которые программа "
        "исправляет сама); файл повреждён или отредактирован. Посмотрите около байта {offset} "
        "(например, `head -c {end} result.json | tail -c 160`) или экспортируйте чат заново.",
    ),
    # the JSON parser's reasons (yajl), as yajl words them without "parse error: " and the like
    "export.json.invalid_char": Msg(
        en="invalid char in json text",
        ru="недопустимый символ в тексте JSON",
    ),
    "export.json.invalid_string": Msg(
        en="invalid string in json text",
        ru="недопустимая строка в тексте JSON",
    ),
    "export.json.char_in_string": Msg(
        en="invalid character inside string",
        ru="недопустимый символ внутри строки",
    ),
    "export.json.bad_escape": Msg(
        en="inside a string, '\\' occurs before a character which it may not",
        ru="внутри строки после '\\' стоит символ, которого там быть не может",
    ),
    "export.json.bad_hex": Msg(
        en="invalid (non-hex) character occurs after '\\u' inside string",
        ru="внутри строки после '\\u' стоит не шестнадцатеричная цифра",
    ),
    "export.json.bad_utf8": Msg(
        en="invalid bytes in UTF8 string",
        ru="недопустимые байты UTF-8 в строке",
    ),
    "export.json.minus": Msg(
        en="malformed number, a digit is required after the minus sign",
        ru="неправильное число: после знака минус нужна цифра",
    ),
    "export.json.point": Msg(
        en="malformed number, a digit is required after the decimal point",
        ru="неправильное число: после десятичной точки нужна цифра",
    ),
    "export.json.exponent": Msg(
        en="malformed number, a digit is required after the exponent",
        ru="неправильное число: после показателя степени нужна цифра",
    ),
    "export.json.comment": Msg(
        en="probable comment found in input text, comments are not enabled",
        ru="похоже на комментарий, а в JSON комментариев не бывает",
    ),
    "export.json.colon": Msg(
        en="object key and value must be separated by a colon (':')",
        ru="ключ и значение объекта должны разделяться двоеточием (':')",
    ),
    "export.json.map_separator": Msg(
        en="after key and value, inside map, I expect ',' or '}}'",
        ru="после ключа и значения внутри объекта ожидается ',' или '}}'",
    ),
    "export.json.array_separator": Msg(
        en="after array element, I expect ',' or ']'",
        ru="после элемента массива ожидается ',' или ']'",
    ),
    "export.json.key": Msg(
        en="invalid object key (must be a string)",
        ru="недопустимый ключ объекта (ключ должен быть строкой)",
    ),
    "export.json.token": Msg(
        en="unallowed token at this point in JSON text",
        ru="в этом месте JSON такого быть не может",
    ),
    "export.json.trailing": Msg(en="trailing garbage", ru="лишние данные после конца JSON"),
    "export.json.unexpected": Msg(en="unexpected content", ru="неожиданное содержимое"),
    "export.json.other": Msg(
        en="{reason}", ru="разбор JSON не удался (сообщение разборщика: «{reason}»)"
    ),
    "export.surrogate": Msg(
        en="{path}: invalid text {where}: {escape} is half of a UTF-16 surrogate pair (a "
        "character cut in two)",
        ru="{path}: недопустимый текст {where}: {escape} — половина суррогатной пары UTF-16 "
        "(символ, разрезанный надвое)",
    ),
    "export.surrogate_after": Msg(en="after byte {offset}", ru="после байта {offset}"),
    "export.surrogate_at": Msg(en="at byte {offset}", ru="на байте {offset}"),
    "export.surrogate_example": Msg(
        en="an escape such as {escape}", ru="последовательность вроде {escape}"
    ),
    "export.surrogate_hint": Msg(
        en="Telegram Desktop does not write such escapes; the file was edited or made by "
        "another tool. Remove that escape (or write the whole character), or export the chat "
        "again.",
        ru="Telegram Desktop таких последовательностей не пишет; файл отредактирован или создан "
        "другой программой. Удалите эту последовательность (или запишите символ целиком) или "
        "экспортируйте чат заново.",
    ),
    "export.not_utf8": Msg(
        en="{path}: not UTF-8 text ({what} at byte {offset})",
        ru="{path}: текст не в кодировке UTF-8 ({what} на байте {offset})",
    ),
    "export.not_utf8_byte": Msg(en="invalid byte 0x{byte}", ru="недопустимый байт 0x{byte}"),
    "export.not_utf8_cut": Msg(en="a character cut off", ru="обрезанный символ"),
    "export.not_utf8_hint": Msg(
        en="Telegram Desktop writes result.json as UTF-8; this copy was probably re-saved in "
        "another encoding. Export the chat again, or convert the file, e.g. "
        "`iconv -f WINDOWS-1251 -t UTF-8 result.json > result.utf8.json` and use that.",
        ru="Telegram Desktop сохраняет result.json в UTF-8; эту копию, вероятно, пересохранили в "
        "другой кодировке. Экспортируйте чат заново или перекодируйте файл, например "
        "`iconv -f WINDOWS-1251 -t UTF-8 result.json > result.utf8.json`, и укажите новый.",
    ),
    "export.too_deep": Msg(
        en="{path}: JSON nested more than {limit} levels deep (near byte {offset})",
        ru="{path}: вложенность JSON глубже {limit} уровней (около байта {offset})",
    ),
    "export.too_deep_hint": Msg(
        en="Telegram Desktop never nests its export this deeply: the file is damaged or was not "
        "made by Telegram. Export the chat again from Telegram Desktop "
        "(Export chat history → JSON).",
        ru="Telegram Desktop никогда не делает такой глубокой вложенности: файл повреждён или "
        "создан не Telegram. Экспортируйте чат заново из Telegram Desktop "
        "(«Экспорт истории чата» → JSON).",
    ),
    # one message of the export (migrator/telegram/convert.py, loader.py)
    "export.bad_time": Msg(
        en="message #{id}: {key}_unixtime = {unixtime} ({key} = {text}) is not a time between "
        "1970 and 3000",
        ru="сообщение #{id}: {key}_unixtime = {unixtime} («{key}» = {text}) — не время между "
        "1970 и 3000 годами",
    ),
    "export.bad_time_hint": Msg(
        en="The export is damaged or was edited by hand: export the chat again from Telegram "
        "Desktop (Export chat history → JSON), or correct that message's {key}_unixtime "
        '(seconds since 1970, e.g. "1756735200").',
        ru="Экспорт повреждён или отредактирован вручную: " + _REEXPORT_RU + " или исправьте "
        'у этого сообщения {key}_unixtime (секунды с 1970 года, например "1756735200").',
    ),
    "export.no_id": Msg(
        en="a message has no usable id (id = {id}, type = {type})",
        ru="у сообщения нет пригодного id («id» = {id}, «type» = {type})",
    ),
    "export.no_id_hint": Msg(
        en="The export is damaged or was edited by hand; export the chat again from Telegram "
        "Desktop (Export chat history → JSON).",
        ru="Экспорт повреждён или отредактирован вручную; " + _REEXPORT_RU + ".",
    ),
    "export.in_element": Msg(
        en="{path}: element {position} of the messages: {problem}",
        ru="{path}: элемент {position} списка сообщений: {problem}",
    ),
    "export.in_element_after": Msg(
        en="{path}: element {position} of the messages (after message id {previous}): {problem}",
        ru="{path}: элемент {position} списка сообщений (после сообщения с id {previous}): "
        "{problem}",
    ),
    "export.chat_gone": Msg(
        en="{path}: chat {name!r} is not in this full-account export",
        ru="{path}: чата {name!r} нет в этом полном экспорте аккаунта",
    ),
    "export.chat_gone_hint": Msg(
        en="Choose the chat from this export's list:",
        ru="Выберите чат из списка этого экспорта:",
    ),
    "export.chat_moved": Msg(
        en="{path}: chat {name!r} (id {id}) is not at position {index} of this export; the "
        "export changed since the chat was chosen",
        ru="{path}: чат {name!r} (id {id}) не на позиции {index} этого экспорта; экспорт "
        "изменился после выбора чата",
    ),
    "export.chat_moved_hint": Msg(
        en="Run the tool again so it reads the chat list afresh.",
        ru="Запустите программу ещё раз, чтобы она заново прочитала список чатов.",
    ),
    # one line per chat in hints (describe_chats)
    "export.chat_id": Msg(en="id {id}", ru="id чата {id}"),
    "export.chat_no_id": Msg(en="no id", ru="без id"),
    "export.chat_messages": Msg(en="{count} messages", ru="сообщений: {count}"),
    "export.chat_left": Msg(
        en="left: only your own messages", ru="вы вышли: только ваши сообщения"
    ),
    "export.chat_no_name": Msg(en="(no name)", ru="(без названия)"),
    # counted among the unknown fields of the export
    "export.not_an_object_field": Msg(
        en="(message that is not an object)", ru="(сообщение, которое не объект)"
    ),
}
