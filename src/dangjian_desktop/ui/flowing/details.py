"""The side panel of the 流动党员 page: what is recorded for the chosen member, as simple HTML."""

from __future__ import annotations

import html

from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.ui.flowing.common import date_text


def _joined(*parts: str) -> str:
    return " ".join(x for x in parts if x)


def _facts(detail: flowing.StayDetail) -> list[tuple[str, str]]:
    s = detail.stay
    book = detail.current_book
    return [
        (_("Destination"), s.destination_text),
        (_("Left on"), date_text(s.since)),
        (_("Back on"), date_text(s.return_date)),
        (
            _("Receiving organisation"),
            _joined(s.receiving_org, s.receiving_contact, format_phone(s.receiving_phone)),
        ),
        (_("Kept in touch by"), _joined(s.home_contact, format_phone(s.home_contact_phone))),
        (_("Activity book"), f"{book.number}（{book.status_label}）" if book else ""),
    ]


def _section(title: str, lines: list[str]) -> str:
    e = html.escape
    text = f"<h4>{e(title)}（{len(lines)}）</h4>"
    if lines:
        text += "<ul>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>"
    return text


def _records(detail: flowing.StayDetail) -> list[str]:
    """The records, the latest first."""
    return [
        _section(
            _("Organisation life"),
            [
                f"{date_text(r.date)} {r.kind_label} {r.content} {r.org}".strip()
                for r in reversed(detail.org_life)
            ],
        ),
        _section(
            _("Contacts"),
            [
                f"{date_text(r.date)} {r.means_label} {r.content} {r.contacted_by}".strip()
                for r in reversed(detail.contacts)
            ],
        ),
        _section(
            _("Opinions and evaluation"),
            [
                f"{date_text(r.date)} {r.kind_label} {r.year or ''} {r.grade} {r.text}".replace(
                    "  ", " "
                ).strip()
                for r in reversed(detail.opinions)
            ],
        ),
    ]


def details_html(detail: flowing.StayDetail) -> str:
    """The member's stay: where, since when, who receives and keeps in touch, the book, then the records."""
    e = html.escape
    parts = [f"<h3>{e(detail.stay.member_name)}</h3>", "<table cellspacing='2'>"]
    for label, value in _facts(detail):
        if value:
            parts.append(f"<tr><td><b>{e(label)}</b>：</td><td>{e(value)}</td></tr>")
    parts.append("</table>")
    for b in detail.books:
        if b.status == "void":
            text = _("Book {number} is void: {reason}").format(number=b.number, reason=b.void_reason)
            parts.append("<p>" + e(text) + "</p>")
    return "".join(parts + _records(detail))


def message_html(text: str) -> str:
    return "<p>" + html.escape(text) + "</p>"
