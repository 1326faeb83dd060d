"""Readable renderings of what a message carries besides text and media: polls, to-do lists,
locations and venues (with a map link), contacts, games, invoices, giveaways, paid media."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from migrator.config.model import Language
from migrator.labels import label
from migrator.render import render_chunks, render_plain, safe_href
from migrator.telegram.model import (
    Attachment,
    Contact,
    Game,
    Giveaway,
    Invoice,
    Location,
    PaidMedia,
    Poll,
    TodoList,
    Venue,
)

# Currencies whose amounts have no minor unit; the rest are shown with two decimals.
_ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XTR"})


def render_attachment(attachment: Attachment, language: Language) -> str:
    """The attachment as an HTML block (lines joined with ``<br>``)."""
    renderer = _RENDERERS[type(attachment)]
    return renderer(attachment, language)


def map_link(location: Location) -> str:
    """An OpenStreetMap link to the point (no key, works everywhere)."""
    lat, lon = f"{location.latitude:.6f}", f"{location.longitude:.6f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"


def _map_anchor(location: Location, language: Language) -> str:
    href = safe_href(map_link(location))
    coords = f"{location.latitude:.6f}, {location.longitude:.6f}"
    return f'{coords} (<a href="{href}">{label("open_map", language)}</a>)'


def _poll(poll: Poll, language: Language) -> str:
    title = label("poll_closed" if poll.closed else "poll", language)
    lines = [f"📊 <b>{title}:</b> {render_chunks(poll.question)}"]
    for answer in poll.answers:
        mark = "✅" if answer.chosen else "▫️"
        votes = label("poll_votes", language, count=answer.voters)
        lines.append(f"{mark} {render_chunks(answer.text)} — {votes}")
    lines.append(label("poll_total", language, count=poll.total_voters))
    return "<br>".join(lines)


def _todo(todo: TodoList, language: Language) -> str:
    lines = [f"📝 <b>{label('todo_list', language)}:</b> {render_chunks(todo.title)}"]
    lines.extend(f"☐ {render_chunks(item.text)}" for item in todo.items)
    return "<br>".join(lines)


def _location(location: Location, language: Language) -> str:
    if location.live_period_seconds:
        title = label("live_location", language, minutes=location.live_period_seconds // 60)
    else:
        title = label("location", language)
    return f"📍 <b>{title}:</b> {_map_anchor(location, language)}"


def _venue(venue: Venue, language: Language) -> str:
    lines = [f"📍 <b>{label('venue', language)}:</b> {render_plain(venue.place_name or '')}"]
    if venue.address:
        lines.append(render_plain(venue.address))
    if venue.location is not None:
        lines.append(_map_anchor(venue.location, language))
    return "<br>".join(line.rstrip() for line in lines)


def _contact(contact: Contact, language: Language) -> str:
    name = " ".join(part for part in (contact.first_name, contact.last_name) if part)
    lines = [f"👤 <b>{label('contact', language)}:</b> {render_plain(name)}".rstrip()]
    if contact.phone_number:
        digits = "".join(c for c in contact.phone_number if c.isdigit() or c == "+")
        href = safe_href("tel:" + digits) if digits else None
        phone = render_plain(contact.phone_number)
        lines.append(f'<a href="{href}">{phone}</a>' if href else phone)
    return "<br>".join(lines)


def _game(game: Game, language: Language) -> str:
    lines = [f"🎮 <b>{label('game', language)}:</b> {render_plain(game.title or '')}".rstrip()]
    if game.description:
        lines.append(render_plain(game.description))
    href = safe_href(game.link) if game.link else None
    if href:
        lines.append(f'<a href="{href}">{render_plain(game.link or "")}</a>')
    return "<br>".join(lines)


def format_amount(amount: int, currency: str) -> str:
    if currency.upper() in _ZERO_DECIMAL_CURRENCIES:
        return f"{amount} {currency}"
    return f"{amount / 100:.2f} {currency}"


def _invoice(invoice: Invoice, language: Language) -> str:
    lines = [
        f"🧾 <b>{label('invoice', language)}:</b> {render_plain(invoice.title or '')}".rstrip()
    ]
    if invoice.description:
        lines.append(render_plain(invoice.description))
    if invoice.amount is not None and invoice.currency:
        lines.append(render_plain(format_amount(invoice.amount, invoice.currency)))
    return "<br>".join(lines)


def _giveaway(giveaway: Giveaway, language: Language) -> str:
    details: Mapping[str, Any] = giveaway.details
    title = label("giveaway_results" if giveaway.results else "giveaway", language)
    facts: list[str] = []
    quantity = details.get("winners_count") if giveaway.results else details.get("quantity")
    if isinstance(quantity, int) and quantity:
        key = "giveaway_winners" if giveaway.results else "giveaway_quantity"
        facts.append(label(key, language, count=quantity))
    months = details.get("months")
    if isinstance(months, int) and months:
        facts.append(label("giveaway_months", language, months=months))
    stars = details.get("stars")
    if isinstance(stars, int) and not isinstance(stars, bool) and stars:
        facts.append(label("giveaway_stars", language, count=stars))
    until = details.get("until_date")
    if isinstance(until, str) and until:
        facts.append(label("giveaway_until", language, date=until.replace("T", " ")))
    prize = details.get("additional_prize")
    if isinstance(prize, str) and prize:
        facts.append(prize)
    line = f"🎁 <b>{title}</b>"
    return f"{line}: {render_plain(', '.join(facts))}" if facts else line


def _paid_media(paid: PaidMedia, language: Language) -> str:
    return f"<i>{label('paid_media', language, stars=paid.stars)}</i>"


_RENDERERS: dict[type, Callable[[Any, Language], str]] = {
    Poll: _poll,
    TodoList: _todo,
    Location: _location,
    Venue: _venue,
    Contact: _contact,
    Game: _game,
    Invoice: _invoice,
    Giveaway: _giveaway,
    PaidMedia: _paid_media,
}
