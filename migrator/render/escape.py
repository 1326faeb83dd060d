"""Escaping user text into TrueConf HTML and vetting link targets.

TrueConf renders ``<b> <i> <u> <s> <a href>`` plus ``<br>`` (raw newlines collapse to spaces in
HTML messages) and ``<quote>``. Every character of user text goes through ``escape_text``; every
href goes through ``safe_href``, which only lets the schemes in ``SAFE_SCHEMES`` through.
"""

from __future__ import annotations

import html
import re

# http/https/mailto/tel are what people link to; tg: opens Telegram links, harmless to keep.
# Anything else (javascript:, data:, vbscript:, file:, …) is refused.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "tg"})

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop ASCII tab/newline/control characters inside URLs ("java\tscript:"), so they are
# removed before the scheme is read.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
# Control characters other than tab and line breaks: never shown, refused by some clients.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_text(text: str) -> str:
    """HTML-escape ``text`` (quotes included), drop control characters, newlines → ``<br>``."""
    escaped = html.escape(_CONTROL.sub("", text), quote=True)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def safe_href(url: str) -> str | None:
    """``url`` ready for ``href="…"``, or ``None`` when its scheme is not allowed.

    A URL without a scheme (``example.com/page``, as Telegram auto-links) gets ``http://``.
    """
    cleaned = _URL_NOISE.sub("", url)
    if not cleaned:
        return None
    match = _SCHEME.match(cleaned)
    if match is not None and not _looks_like_host_port(cleaned):
        if match.group(1).lower() not in SAFE_SCHEMES:
            return None
    elif cleaned.startswith("//"):
        cleaned = "https:" + cleaned
    else:
        cleaned = "http://" + cleaned
    return html.escape(cleaned, quote=True)


def _looks_like_host_port(url: str) -> bool:
    """``example.com:8080/x`` has a colon before the first slash but is a host and port."""
    host, _, rest = url.split("/", 1)[0].partition(":")
    return bool(host) and rest.isdigit()
