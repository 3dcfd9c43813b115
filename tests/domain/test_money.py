"""Money: typed amounts, rounding to the fen (ROUND_HALF_UP), amounts in capitals (大写金额)."""

from decimal import Decimal

import pytest

from dangjian_desktop.domain.money import (
    InvalidAmount,
    amount_in_words,
    from_fen,
    parse_amount,
    round_money,
    to_fen,
)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        # the examples of the bank rule (rules-research §6.2), in the program's one style: the optional
        # 零 always written, 整 after 元 and after 角
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        ("1409.50", "壹仟肆佰零玖元伍角整"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("107000.53", "壹拾万零柒仟元零伍角叁分"),
        ("16309.02", "壹万陆仟叁佰零玖元零贰分"),
        # dues amounts
        ("0.20", "贰角整"),
        ("0.50", "伍角整"),
        ("1.00", "壹元整"),
        ("15.00", "壹拾伍元整"),
        ("1000.00", "壹仟元整"),
        # zeros in the middle
        ("1001.00", "壹仟零壹元整"),
        ("1010.00", "壹仟零壹拾元整"),
        ("10010000.00", "壹仟零壹万元整"),
        ("100000001.00", "壹亿零壹元整"),
        ("100010000.00", "壹亿零壹万元整"),
        # zeros at the end
        ("100000.00", "壹拾万元整"),
        ("20000000.00", "贰仟万元整"),
        ("100000000.00", "壹亿元整"),
        # the jiao position: zero jiao with fen, jiao after a zero yuan digit, jiao alone
        ("30.05", "叁拾元零伍分"),
        ("10.50", "壹拾元零伍角整"),
        ("0.05", "伍分"),
        ("0.25", "贰角伍分"),
        ("35.40", "叁拾伍元肆角整"),
        ("0.00", "零元整"),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words(Decimal(amount)) == words


def test_amount_in_words_refuses_negative_amounts():
    with pytest.raises(ValueError):
        amount_in_words(Decimal("-1"))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15", "15.00"),
        ("0.5", "0.50"),
        ("１５．００", "15.00"),  # full-width digits from a Chinese input method
        ("15元", "15.00"),
        ("￥1,680.32", "1680.32"),
        ("人民币100元整", "100.00"),
        ("12元5角", "12.50"),
        ("3角", "0.30"),
        (" 0.50 ", "0.50"),
        ("0.500", "0.50"),  # trailing zeros are not more decimals
        (Decimal("2.34"), "2.34"),
        (15.3, "15.30"),  # a spreadsheet cell
        (7, "7.00"),
    ],
)
def test_parse_amount(typed, expected):
    assert parse_amount(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["", "abc", "-5", "1.2.3", "五元", "--1"])
def test_parse_amount_refuses_bad_input_in_words(typed):
    with pytest.raises(InvalidAmount) as caught:
        parse_amount(typed)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)


@pytest.mark.parametrize("typed", ["0.499", "0.005", " 0.505 ", Decimal("2.345"), "1.2345元", "0.001"])
def test_more_than_two_decimals_is_refused_not_rounded(typed):
    """review D15: 0.499 was recorded as 0.50 and paid a whole month of 0.50."""
    with pytest.raises(InvalidAmount) as caught:
        parse_amount(typed)
    assert "两位小数" in caught.value.message


def test_the_refusal_suggests_the_two_amounts_to_the_fen():
    with pytest.raises(InvalidAmount) as caught:
        parse_amount("0.499")
    assert "0.49" in caught.value.message and "0.50" in caught.value.message


def test_rounding_is_half_up_not_bankers():
    assert round_money(Decimal("0.125")) == Decimal("0.13")
    assert round_money(Decimal("0.135")) == Decimal("0.14")
    assert round_money(Decimal("2.5"), "yuan") == Decimal("3.00")
    assert round_money(Decimal("0.25"), "jiao") == Decimal("0.30")


def test_fen_round_trip_is_exact():
    for text in ("0.01", "0.20", "1000.00", "123456.78"):
        assert from_fen(to_fen(Decimal(text))) == Decimal(text)
    assert to_fen(Decimal("0.1")) == 10 and isinstance(to_fen(Decimal("0.1")), int)
