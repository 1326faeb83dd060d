"""A strict reader of the HTML the renderer may produce: only the tags TrueConf renders,
only the entities html.escape writes, nothing else. Gives back the text a reader sees."""

from __future__ import annotations

import html
import re

_TOKEN = re.compile(r"<[^>]*>|[^<]+|<")
_OPEN = re.compile(r"<(b|i|u|s)>")
_CLOSE = re.compile(r"</(b|i|u|s|a)>")
_ANCHOR = re.compile(r'<a href="([^"<>]*)">')
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#x27);")


class MalformedHtml(AssertionError):
    pass


def text_content(markup: str) -> str:
    """The visible text of ``markup`` (``<br>`` as a newline); raises when it is not well-formed."""
    stack: list[str] = []
    out: list[str] = []
    for match in _TOKEN.finditer(markup):
        token = match.group(0)
        if token == "<br>":
            out.append("\n")
        elif opening := _OPEN.fullmatch(token):
            stack.append(opening.group(1))
        elif anchor := _ANCHOR.fullmatch(token):
            if "a" in stack:
                raise MalformedHtml(f"nested link in {markup!r}")
            _check_entities(anchor.group(1), markup)
            stack.append("a")
        elif closing := _CLOSE.fullmatch(token):
            if not stack or stack.pop() != closing.group(1):
                raise MalformedHtml(f"unbalanced {token} in {markup!r}")
        elif token.startswith("<"):
            raise MalformedHtml(f"unexpected {token!r} in {markup!r}")
        else:
            if ">" in token or '"' in token or "'" in token:
                raise MalformedHtml(f"unescaped character in {token!r}")
            _check_entities(token, markup)
            out.append(html.unescape(token))
    if stack:
        raise MalformedHtml(f"unclosed {stack} in {markup!r}")
    return "".join(out)


def hrefs(markup: str) -> list[str]:
    return [html.unescape(m.group(1)) for m in _ANCHOR.finditer(markup)]


def _check_entities(text: str, markup: str) -> None:
    for index, char in enumerate(text):
        if char == "&" and not _ENTITY.match(text, index):
            raise MalformedHtml(f"bare & in {markup!r}")
