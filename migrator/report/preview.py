"""preview.html: the converted chat as it will look, before anything is sent.

Post HTML comes from the planner (already escaped), but the preview still re-emits it through an
allow-list of tags and link schemes, so nothing in an export can script the page.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, tzinfo
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from migrator.i18n import current_language, tr
from migrator.plan.post import Attribution, MessagePlan, Post, PostKind
from migrator.private_files import write_private_text

_ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "a", "br", "quote", "code", "pre", "blockquote"})
_VOID = frozenset({"br"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "tg", "trueconf"})
_IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;background:#e9eef3;margin:0}
main{max-width:760px;margin:0 auto;padding:1.5em}
.msg{background:#fff;border-radius:10px;padding:.6em .9em;margin:.5em 0;box-shadow:0 1px 2px #0002}
.msg.owner{background:#fff8e6}.msg.system{background:#eef;text-align:center;font-size:13px}
.head{font-size:12px;color:#557;margin-bottom:.3em}.head b{color:#1b4f8a}
.reply{border-left:3px solid #1b4f8a;padding-left:.5em;color:#557;font-size:12px}
.file{font-size:13px;color:#333}.file img{max-width:320px;max-height:240px;display:block}
.skip{color:#888;font-style:italic;font-size:12px}quote{display:block;border-left:3px solid #aaa;
padding-left:.5em;color:#555}
"""


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            scheme = urlsplit(href).scheme.lower()
            if scheme in _SAFE_SCHEMES:
                self.out.append(f'<a href="{escape(href, quote=True)}" rel="noreferrer">')
            else:
                self.out.append("<a>")
        else:
            self.out.append(f"<{tag}>")
        if tag not in _VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open:
                closing = self._open.pop()
                self.out.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self._open))


def sanitize(fragment: str) -> str:
    """Keep only the tags TrueConf renders (and safe links); escape everything else."""
    parser = _Sanitizer()
    parser.feed(fragment)
    return parser.result()


def render_preview(title: str, plans: Collection[MessagePlan], *, timezone: tzinfo = UTC) -> str:
    items: list[str] = []
    for plan in plans:
        if plan.skipped is not None or not plan.posts:
            reason = plan.skipped.reason if plan.skipped else tr("preview.nothing_to_post")
            skipped = tr("preview.skipped", id=plan.message_id, reason=reason)
            items.append(f"<div class='skip'>{escape(skipped)}</div>")
            continue
        items.extend(_post_html(post, timezone) for post in plan.posts)
    lang = current_language().value
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "img-src file: data:; style-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{escape(title)}</h1><p class='skip'>{escape(tr('preview.note'))}</p>"
        f"{''.join(items)}</main></body></html>\n"
    )


def write_preview(
    title: str, plans: Collection[MessagePlan], out_dir: Path, *, timezone: tzinfo = UTC
) -> Path:
    return write_private_text(
        out_dir / "preview.html", render_preview(title, plans, timezone=timezone)
    )


def _post_html(post: Post, timezone: tzinfo) -> str:
    css = {Attribution.OWNER: "msg owner", Attribution.SYSTEM: "msg system"}.get(
        post.attribution, "msg"
    )
    when = (
        datetime.fromtimestamp(post.timestamp, timezone).strftime("%d.%m.%Y %H:%M %z")
        if post.timestamp is not None
        else ""
    )
    head = (
        f"<div class='head'><b>{escape(post.author)}</b>"
        f"{' · ' + escape(post.original_name) if post.original_name else ''}"
        f" · {escape(when)}</div>"
    )
    reply = ""
    if post.reply_to is not None:
        target = tr("preview.reply_to", id=post.reply_to.message_id)
        reply = f"<div class='reply'>{escape(target)}</div>"
    return f"<div class='{css}'>{head}{reply}{_file_html(post)}{sanitize(post.html)}</div>"


def _file_html(post: Post) -> str:
    if post.file is None:
        return ""
    name = escape(post.file_name or post.file.name)
    conversion = f" ({escape(post.conversion.value)})" if post.conversion else ""
    if post.kind in (PostKind.PHOTO, PostKind.STICKER) and post.file.suffix.lower() in (
        _IMAGE_SUFFIXES
    ):
        uri = escape(post.file.resolve().as_uri(), quote=True)
        return f'<div class=\'file\'><img src="{uri}" alt="{name}">{name}{conversion}</div>'
    return f"<div class='file'>📎 {name}{conversion}</div>"
