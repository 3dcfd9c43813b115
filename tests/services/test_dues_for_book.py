"""The dues lines of the activity book: the months written from the ledger's months, as the book prints them."""

from __future__ import annotations

from dangjian_desktop.domain.dues import Month, describe_months
from dangjian_desktop.services.dues.for_book import book_months_text


def test_months_are_written_as_the_book_prints_them():
    assert book_months_text([Month(2026, 1)]) == "2026.01"
    assert book_months_text([Month(2026, 3), Month(2026, 1), Month(2026, 2)]) == "2026.01—2026.03"
    assert book_months_text([Month(2025, 12), Month(2026, 1), Month(2026, 5)]) == "2025.12—2026.01;2026.05"
    assert book_months_text([]) == ""


def test_the_book_text_is_what_the_screen_text_used_to_be_rewritten_to():
    """Before the typed query the book rewrote the screens' text; the printed text stays the same."""
    for months in ([Month(2026, 1)], [Month(2026, m) for m in (1, 2, 3, 7, 9, 10)]):
        old = describe_months(months).replace("-", ".").replace(" — ", "—")
        assert book_months_text(months) == old
