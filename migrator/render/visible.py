"""How many "visible characters" TrueConf counts in an HTML text (its limit is 4096).

Mirrors the client library's ``visible_len`` (``trueconf/utils/split_text.py``) from above: the
tags ``b i u s a br quote`` are free, an anchor counts as ``inner + " " + href``, everything else
counts one per code point, entities (``&amp;``) undecoded. Where the library counts less (``<br>``
counts nothing there, Markdown markers ``* _ ~`` are free there), this counts more, so a text this
function accepts is always accepted by the library.
"""

from __future__ import annotations

import re

MAX_VISIBLE = 4096

_ANCHOR = re.compile(r"<a\s[^>]*>(?P<inner>.*?)</a>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r'href\s*=\s*["\']([^"\']+)["\']', re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_FREE_TAG = re.compile(r"</?(?:quote|[biusa])(?:\s+[^>]*)?\s*/?>", re.IGNORECASE)


def visible_length(html: str) -> int:
    """An upper bound of the library's ``visible_len(html)``."""
    if "<" not in html:  # no tag: every code point counts (most of a plan's pieces)
        return len(html)
    extra = 0
    for anchor in _ANCHOR.finditer(html):
        href = _HREF.search(anchor.group(0))
        extra += 1 + (len(href.group(1)) if href else 0)
    without_tags = _FREE_TAG.sub("", _BREAK.sub("\n", html))
    return len(without_tags) + extra
