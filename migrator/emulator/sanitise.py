"""Stored text rewritten as a server that sanitises HTML might (the ``normalise_text`` behaviour).

What a reader sees stays the same; the characters stored do not. In HTML: tag attributes other
than ``href`` are dropped (and ``href`` re-quoted), ``<br>`` becomes a line break and a line
break ``<br>``, ``&#39;``/``&quot;`` become ``'``/``"`` and ``'``/``"`` become entities outside
tags. In every parse mode runs of spaces are collapsed and spaces before a line break or at the
end are trimmed.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)([^<>]*)>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_SPACES = re.compile(r" {2,}")
_TRAILING_HTML = re.compile(r" +(?=\n|<br>|$)")
_TRAILING = re.compile(r" +(?=\n|$)")
_LINE_BREAK = "\u2028"  # a stand-in while <br> and newlines change places
_ENTITY_SWAPS = {"&#39;": "'", "&#x27;": "'", "&quot;": '"', "'": "&#39;", '"': "&quot;"}
_ENTITY = re.compile("|".join(re.escape(k) for k in sorted(_ENTITY_SWAPS, key=len, reverse=True)))


def normalise(text: str, parse_mode: str) -> str:
    if parse_mode != "html":
        return _TRAILING.sub("", _SPACES.sub(" ", text))
    return _TRAILING_HTML.sub("", _SPACES.sub(" ", _normalise_html(text)))


def _normalise_html(text: str) -> str:
    pieces: list[str] = []
    position = 0
    for tag in _TAG.finditer(text):
        pieces.append(_normalise_text_run(text[position : tag.start()]))
        pieces.append(_normalise_tag(tag))
        position = tag.end()
    pieces.append(_normalise_text_run(text[position:]))
    return "".join(pieces).replace(_LINE_BREAK, "\n")


def _normalise_text_run(run: str) -> str:
    run = _ENTITY.sub(lambda found: _ENTITY_SWAPS[found.group(0)], run)
    return run.replace("\n", "<br>")


def _normalise_tag(tag: re.Match[str]) -> str:
    closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
    if name == "br":
        return _LINE_BREAK
    if closing:
        return f"</{name}>"
    href = _HREF.search(attributes)
    if href is None:
        return f"<{name}>"
    value = next(group for group in href.groups() if group is not None)
    return f'<{name} href="{value.replace(chr(34), "&quot;")}">'
