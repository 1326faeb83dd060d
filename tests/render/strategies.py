"""Hypothesis strategies: any Unicode text, HTML-special characters, emoji sequences, chunks."""

from __future__ import annotations

from hypothesis import strategies as st

from migrator.telegram.model import EntityType, TextChunk

EMOJI_SEQUENCES = [
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # ZWJ family
    "\U0001f1f7\U0001f1fa",  # flag: two regional indicators
    "\U0001f1fa\U0001f1e6\U0001f1f7\U0001f1fa",  # two flags
    "\U0001f44d\U0001f3fd",  # skin tone modifier
    "1\ufe0f\u20e3",  # keycap
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # tag sequence
    "e\u0301",  # combining acute accent
    "\u2764\ufe0f",  # variation selector
]
SPECIAL = ["<", ">", "&", '"', "'", "\n", "\r\n", " ", "<script>", "&amp;", "<b>", "</a>"]

pieces = st.one_of(
    st.text(max_size=12),
    st.sampled_from(EMOJI_SEQUENCES),
    st.sampled_from(SPECIAL),
)
texts = st.lists(pieces, max_size=8).map("".join)
hrefs = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:x",
            "data:text/html,<b>",
            'https://e.com/?a="b"&c=<d>',
            "mailto:a@b.c",
            "tg://resolve?domain=x",
            "example.com:8080/x",
            "//cdn.example.com/x",
        ]
    ),
)


@st.composite
def chunks(draw: st.DrawFn) -> TextChunk:
    kind = draw(st.sampled_from(list(EntityType)))
    return TextChunk(
        type=kind,
        text=draw(texts),
        href=draw(hrefs) if kind is EntityType.TEXT_LINK else None,
        language=draw(st.one_of(st.none(), st.text(max_size=8)))
        if kind is EntityType.PRE
        else None,
        collapsed=draw(st.booleans()),
        raw_type="future_type" if kind is EntityType.UNKNOWN else None,
    )


chunk_lists = st.lists(chunks(), max_size=10)
