"""The 2008 dues rules as data: every bracket boundary, the fixed categories, rounding, the effective
dates, allocation of a payment, the payment window, and the 3- and 6-month flags."""

import datetime as dt
from decimal import Decimal

import pytest

from dangjian_desktop.domain import dues
from dangjian_desktop.domain.dues import DuesRuleError, Month, ShortPayment, monthly_standard
from dangjian_desktop.domain.errors import AppError

D = Decimal
ON = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("income", "expected"),
    [
        ("0.00", "0.00"),
        ("1000.00", "5.00"),
        ("3000.00", "15.00"),  # 含3000: 0.5 %
        ("3000.01", "30.00"),  # 1 % of the whole income, not marginal
        ("5000.00", "50.00"),  # 含5000: 1 %
        ("5000.01", "75.00"),  # 1.5 %: 75.00015 → 75.00
        ("10000.00", "150.00"),  # 含10000: 1.5 %
        ("10000.01", "200.00"),  # 2 %: 200.0002 → 200.00
        ("3500.00", "35.00"),  # worked example of rules-research §1.3
        ("50000.00", "1000.00"),
    ],
)
def test_employed_brackets_on_and_one_fen_above_each_bound(income, expected):
    assert monthly_standard("employed", income, ON) == D(expected)


@pytest.mark.parametrize(
    ("income", "expected"),
    [
        ("3000.00", "15.00"),
        ("5000.00", "25.00"),  # 含5000: 0.5 % (the pension example: 5000 → 25)
        ("5000.01", "50.00"),  # 1 %: 50.0001 → 50.00
        ("8000.00", "80.00"),
    ],
)
def test_retired_brackets_on_and_one_fen_above_the_bound(income, expected):
    assert monthly_standard("retired", income, ON) == D(expected)


def test_rounding_half_up_to_the_fen():
    assert monthly_standard("employed", "2999.99", ON) == D("15.00")  # 14.99995 → 15.00
    assert monthly_standard("employed", "1234.50", ON) == D("6.17")  # 6.1725 → 6.17
    assert monthly_standard("employed", "1235.00", ON) == D("6.18")  # 6.175 → 6.18 (half up)
    assert monthly_standard("retired", "4321.00", ON) == D("21.61")  # 21.605 → 21.61
    assert monthly_standard("employed", "1235.00", ON, rounding="jiao") == D("6.20")


def test_fixed_categories_ignore_income():
    assert monthly_standard("student", None, ON) == D("0.20")
    assert monthly_standard("hardship", "99999", ON) == D("0.20")
    assert monthly_standard("学生", None, ON) == D("0.20")  # the Chinese name works too


def test_farmer_amount_within_the_range():
    assert monthly_standard("farmer", None, ON) == D("0.50")  # decisions.md #5 default
    assert monthly_standard("farmer", None, ON, farmer_amount="0.20") == D("0.20")
    assert monthly_standard("farmer", None, ON, farmer_amount="1.00") == D("1.00")
    assert monthly_standard("farmer", None, ON, farmer_amount="0.8") == D("0.80")
    for outside in ("0.19", "1.01", "5"):
        with pytest.raises(DuesRuleError):
            monthly_standard("farmer", None, ON, farmer_amount=outside)


def test_income_is_required_for_employed_and_retired():
    for category in ("employed", "retired"):
        with pytest.raises(DuesRuleError):
            monthly_standard(category, None, ON)
    with pytest.raises(AppError):
        monthly_standard("employed", "-1", ON)
    with pytest.raises(AppError):
        monthly_standard("employed", "abc", ON)


def test_unknown_category_is_refused_in_words():
    with pytest.raises(DuesRuleError) as caught:
        monthly_standard("pilot", "3000", ON)
    assert "党费类别" in caught.value.message


def test_effective_dates_the_2008_rules_and_the_2017_cap():
    # before 2008-04-01 no rule table is in force
    with pytest.raises(DuesRuleError):
        monthly_standard("employed", "3000", dt.date(2008, 3, 31))
    assert monthly_standard("employed", "3000", dt.date(2008, 4, 1)) == D("15.00")
    # above the cap: the 2008 table alone gives the full 2 %; from the 2017 notice on it is capped
    assert monthly_standard("employed", "80000", dt.date(2016, 12, 31)) == D("1600.00")
    assessment = dues.assess_standard("employed", "80000", dt.date(2017, 1, 1))
    assert assessment.amount == D("1000.00") and assessment.capped
    assert assessment.rules.key == "2017"
    assert dues.rules_on(dt.date(2016, 12, 31)).key == "2008"


def test_months():
    assert Month.parse("2026-01") == Month(2026, 1) == Month.parse("2026年1月") == Month.parse("202601")
    assert Month(2025, 12) + 1 == Month(2026, 1)
    assert Month(2026, 1) - 1 == Month(2025, 12)
    assert Month.from_int(Month(2026, 3).as_int) == Month(2026, 3)
    assert dues.month_range(Month(2025, 11), Month(2026, 2)) == [
        Month(2025, 11),
        Month(2025, 12),
        Month(2026, 1),
        Month(2026, 2),
    ]
    assert Month(2024, 2).last_day == dt.date(2024, 2, 29)
    assert (
        dues.describe_months([Month(2026, 1), Month(2026, 2), Month(2026, 5)]) == "2026-01 — 2026-02;2026-05"
    )
    with pytest.raises(DuesRuleError):
        Month.parse("2026-13")


def test_probationary_member_owes_from_the_month_of_the_branch_meeting():
    assert dues.first_owed_month(2026, dt.date(2026, 5, 20), "probationary") == Month(2026, 5)
    assert dues.first_owed_month(2026, dt.date(1990, 5, 20), "full") == Month(2026, 1)
    assert dues.first_owed_month(2026, None, "full") == Month(2026, 1)


def test_allocation_of_a_multi_month_payment():
    months = [(Month(2026, 1), D("15.00")), (Month(2026, 2), D("15.00")), (Month(2026, 3), D("15.00"))]
    exact = dues.allocate_payment(D("45.00"), months)
    assert [a for _m, a in exact.months] == [D("15.00")] * 3 and exact.extra == D("0.00")
    more = dues.allocate_payment(D("50.00"), list(reversed(months)))
    assert [m for m, _a in more.months] == [Month(2026, 1), Month(2026, 2), Month(2026, 3)]
    assert more.extra == D("5.00") and not more.to_central
    with pytest.raises(ShortPayment):
        dues.allocate_payment(D("44.99"), months)


def test_a_voluntary_extra_of_1000_or_more_goes_to_the_central_committee():
    month = [(Month(2026, 1), D("0.50"))]
    assert dues.allocate_payment(D("1000.50"), month).to_central  # 1000.00 counts (以上 includes it)
    assert not dues.allocate_payment(D("1000.49"), month).to_central


def test_payment_window_six_months_ahead_and_back():
    paid_on = dt.date(2026, 7, 15)
    inside = dues.month_range(Month(2026, 1), Month(2027, 1))
    assert dues.payment_window_problem(inside, paid_on) is None
    late = dues.payment_window_problem([Month(2025, 12)], paid_on)
    assert late is not None and late.behind == (Month(2025, 12),)
    ahead = dues.payment_window_problem([Month(2027, 2)], paid_on)
    assert ahead is not None and ahead.ahead == (Month(2027, 2),)
    assert "原因" in ahead.message(6, 6)
    assert dues.payment_window_problem([Month(2027, 2)], paid_on, months_ahead=12) is None


def test_consecutive_unpaid_months_and_the_flags():
    first = Month(2026, 1)
    paid = [Month(2026, 1), Month(2026, 2), Month(2026, 4)]
    assert dues.unpaid_months(first, Month(2026, 6), paid) == [Month(2026, 3), Month(2026, 5), Month(2026, 6)]
    assert dues.consecutive_unpaid(first, Month(2026, 6), paid) == 2
    assert dues.consecutive_unpaid(first, Month(2026, 4), paid) == 0
    assert dues.consecutive_unpaid(first, Month(2026, 9), []) == 9
    assert dues.consecutive_unpaid(Month(2026, 5), Month(2026, 4), []) == 0  # not yet owed
    assert dues.arrears_flag(2) == ""
    assert dues.arrears_flag(3) == dues.FLAG_REMIND
    assert dues.arrears_flag(5) == dues.FLAG_REMIND
    assert dues.arrears_flag(6) == dues.FLAG_WARN
    assert dues.arrears_flag(4, remind_at=5, warn_at=8) == ""
    assert dues.flag_label(dues.FLAG_REMIND) == "提醒" and dues.flag_label(dues.FLAG_WARN) == "警示"


def test_handup_periods():
    quarters = dues.handup_periods(2026)
    assert quarters[0] == (Month(2026, 1), Month(2026, 3)) and len(quarters) == 4
    assert len(dues.handup_periods(2026, "month")) == 12
