from __future__ import annotations

import pytest

from migrator.render import escape_text, render_chunks, safe_href
from migrator.telegram.model import EntityType, TextChunk


def test_every_special_character_is_escaped() -> None:
    assert escape_text("<script>alert('x')</script> & \"q\"") == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;"
    )


def test_newlines_become_line_breaks() -> None:
    assert escape_text("a\nb\r\nc\rd") == "a<br>b<br>c<br>d"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "",
    ],
)
def test_unsafe_schemes_are_refused(url: str) -> None:
    assert safe_href(url) is None


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&amp;c=2"),
        ('https://e.com/"onmouseover="x', "https://e.com/&quot;onmouseover=&quot;x"),
        ("HTTP://Example.com", "HTTP://Example.com"),
        ("mailto:a@b.c", "mailto:a@b.c"),
        ("tel:+79991234567", "tel:+79991234567"),
        ("tg://resolve?domain=x", "tg://resolve?domain=x"),
        ("example.com/page", "http://example.com/page"),
        ("example.com:8080/x", "http://example.com:8080/x"),
        ("//cdn.example.com/x", "https://cdn.example.com/x"),
    ],
)
def test_safe_urls_are_kept_and_escaped(url: str, href: str) -> None:
    assert safe_href(url) == href


def test_unsafe_text_link_keeps_only_its_text() -> None:
    chunk = TextChunk(EntityType.TEXT_LINK, "click", href="javascript:alert(1)")
    assert render_chunks([chunk]) == "click"


def test_unknown_entity_type_is_escaped_plain_text() -> None:
    chunk = TextChunk(EntityType.UNKNOWN, "<i>x</i>", raw_type="future")
    assert render_chunks([chunk]) == "&lt;i&gt;x&lt;/i&gt;"


def test_empty_chunks_render_no_empty_tags() -> None:
    chunks = [TextChunk(EntityType.BOLD, "hi"), TextChunk(EntityType.PLAIN, "")]
    assert render_chunks(chunks) == "<b>hi</b>"
