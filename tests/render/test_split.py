from __future__ import annotations

from trueconf.utils.split_text import visible_len

from migrator.render import MAX_VISIBLE, render_split, split_chunks
from migrator.telegram.model import EntityType, TextChunk

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
FLAG = "\U0001f1f7\U0001f1fa"


def texts(parts: list[tuple[TextChunk, ...]]) -> list[str]:
    return ["".join(chunk.text for chunk in part) for part in parts]


def plain(text: str) -> list[TextChunk]:
    return [TextChunk(EntityType.PLAIN, text)]


def test_short_text_is_one_part() -> None:
    assert texts(split_chunks(plain("hello"), 10)) == ["hello"]


def test_paragraph_boundary_is_preferred() -> None:
    text = "First sentence. Second one.\n\nNext paragraph here"
    assert texts(split_chunks(plain(text), 40)) == [
        "First sentence. Second one.\n\n",
        "Next paragraph here",
    ]


def test_sentence_boundary_before_word_boundary() -> None:
    text = "One two three. Four five six seven"
    assert texts(split_chunks(plain(text), 25)) == ["One two three. ", "Four five six seven"]


def test_word_boundary_when_no_sentence_ends() -> None:
    text = "alpha beta gamma delta epsilon"
    parts = texts(split_chunks(plain(text), 20))
    assert parts == ["alpha beta gamma ", "delta epsilon"]


def test_emoji_sequences_are_never_cut() -> None:
    text = (FAMILY + FLAG) * 40
    for part in texts(split_chunks(plain(text), 50)):
        assert len(part) % (len(FAMILY) + len(FLAG)) in (0, len(FAMILY))


def test_link_is_kept_whole() -> None:
    chunks = [
        TextChunk(EntityType.PLAIN, "x" * 30 + " "),
        TextChunk(EntityType.TEXT_LINK, "a long link text", href="https://e.com"),
        TextChunk(EntityType.PLAIN, " tail"),
    ]
    parts = split_chunks(chunks, 50)
    assert parts[1][0].text == "a long link text"


def test_link_cut_in_two_still_links() -> None:
    chunks = [TextChunk(EntityType.TEXT_LINK, "a" * 200, href="https://example.com/")]
    parts = render_split(chunks, 110)
    assert len(parts) > 1
    assert all(part.startswith('<a href="https://example.com/">aaaa') for part in parts)
    assert all(visible_len(part) <= 110 for part in parts)


def test_link_whose_target_fills_most_of_a_post_becomes_plain_text() -> None:
    # the server counts the target as visible in every part: linked parts could never fit
    url = "https://example.com/" + "a" * 200
    parts = render_split([TextChunk(EntityType.LINK, url)], 120)
    assert "".join(parts) == url
    assert all(visible_len(part) <= 120 for part in parts)
    assert len(parts) == 2


def test_bold_run_is_reopened_in_every_part() -> None:
    chunks = [TextChunk(EntityType.BOLD, "word " * 100)]
    parts = render_split(chunks, 100)
    assert len(parts) > 1
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)


def test_escaping_counts_against_the_budget() -> None:
    parts = render_split(plain("&" * 100), 50)
    assert all(visible_len(part) <= 50 for part in parts)
    assert sum(part.count("&amp;") for part in parts) == 100


def test_real_limit_long_russian_text_fits_the_library_check() -> None:
    paragraph = "Привет, мир! Это длинное сообщение с <тегами> & «кавычками». " * 40
    chunks = plain((paragraph + "\n\n") * 6)
    parts = render_split(chunks, MAX_VISIBLE)
    assert len(parts) >= 3
    assert all(visible_len(part) <= MAX_VISIBLE for part in parts)
    assert all(not part.endswith("<br>") for part in parts[:-1])
