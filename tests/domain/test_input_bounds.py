"""Absurd values typed in a form are refused in words by the domain rules themselves (reliability.md T14,
§3.6), whatever screen or command they come from."""

from __future__ import annotations

import pytest

from dangjian_desktop.domain.dates import InvalidDate, parse_date
from dangjian_desktop.domain.money import InvalidAmount, parse_amount


@pytest.mark.parametrize("typed", ["9" * 400, "-" + "9" * 400, "1" * 13, "1000000000000"])
def test_an_amount_too_long_to_round_is_too_large(typed):
    with pytest.raises(InvalidAmount) as refused:
        parse_amount(typed)
    assert "太大" in refused.value.message and len(refused.value.message) < 120


@pytest.mark.parametrize("typed", ["0000-01", "0000-01-01", "0000年1月"])
def test_year_0_is_too_early_not_a_crash(typed):
    with pytest.raises(InvalidDate) as refused:
        parse_date(typed)
    assert "太早" in refused.value.message
