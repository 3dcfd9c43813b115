"""Money: amounts typed by a person, rounding to the fen, and amounts in capitals (大写金额).

Money is always a ``Decimal`` with two places (yuan.jiao fen) and never a float. The database keeps
whole fen (integers); ``to_fen`` / ``from_fen`` convert.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _

FEN = Decimal("0.01")
JIAO = Decimal("0.1")
YUAN = Decimal("1")
ZERO = Decimal("0.00")
# decisions.md #2: the unit dues are rounded to is a branch setting; the default is the fen.
ROUNDING_UNITS = {"fen": FEN, "jiao": JIAO, "yuan": YUAN}
MAX_AMOUNT = Decimal("999999999999.99")  # below 1 万亿: the capitals stop at 亿


class InvalidAmount(AppError):
    """The text is not an amount of money we can read; the message says how to write one."""


def round_money(value: Decimal | int | str, unit: str = "fen") -> Decimal:
    """Round half up (四舍五入) to the fen, jiao or yuan; the result always has two places.

    decisions.md #2: ``Decimal``, ROUND_HALF_UP to the fen (no national rule was found, rules-research
    §1.3); the unit is a branch setting.
    """
    step = ROUNDING_UNITS.get(unit)
    if step is None:
        raise ValueError(f"unknown rounding unit {unit!r}")
    rounded = Decimal(value).quantize(step, rounding=ROUND_HALF_UP)
    return rounded.quantize(FEN)


def to_fen(amount: Decimal) -> int:
    """Whole fen, for the database (the amount is rounded to the fen first)."""
    return int(round_money(amount) * 100)


def from_fen(fen: int | None) -> Decimal:
    return (Decimal(int(fen or 0)) / 100).quantize(FEN)


_CURRENCY_WORDS = ("人民币", "RMB", "CNY", "¥", "￥", "元整", "元正", "圆整", "块钱", "元", "圆", "块")
_YUAN_JIAO_FEN = re.compile(r"(?:(\d+)\s*[元圆块])?\s*(?:(\d)\s*[角毛])?\s*(?:(\d)\s*分)?")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def _bad_amount(text: str) -> InvalidAmount:
    return InvalidAmount(
        _(
            "'{text}' is not an amount of money. Write it in yuan with digits, e.g. 0.50 or 15 or 1680.32."
        ).format(text=text)
    )


def parse_amount(value: object, *, allow_zero: bool = True) -> Decimal:
    """Read an amount typed by a person: ``15``, ``0.5``, ``１５．００``, ``15元``, ``¥1,680.32``,
    ``12元5角``. Empty, negative and non-numeric input raise :class:`InvalidAmount` with a message in
    words, and so does an amount with more than two decimals (``0.499``): money is never silently
    rounded (``0.499`` rounded would pay a whole month of 0.50). ``0.500`` is 0.50.
    """
    if isinstance(value, bool):
        raise _bad_amount(str(value))
    if isinstance(value, Decimal | int):
        number = Decimal(value)
        text = str(value)
    elif isinstance(value, float):  # from a spreadsheet cell: go through its shortest text form
        text = repr(value)
        # a cell typed as 15.3 can come back as 15.299999999999999: read what was typed
        number = Decimal(text).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP).normalize()
    else:
        text = normalize_text(value).replace("。", ".").replace("．", ".")
        if not text:
            raise InvalidAmount(_("Please enter the amount, e.g. 0.50 or 15."))
        number = _parse_text(text)
    if not number.is_finite():
        raise _bad_amount(text)
    if number.adjusted() >= 12:  # beyond MAX_AMOUNT, and too long to round (400 digits: reliability.md T14)
        raise InvalidAmount(_("The amount {text} is too large. Check the digits.").format(text=text[:40]))
    if number < 0:
        raise InvalidAmount(_("The amount cannot be negative: {text}").format(text=text))
    if number != number.quantize(FEN, rounding=ROUND_HALF_UP):
        raise InvalidAmount(
            _(
                "{text}: an amount can have at most two decimals (yuan, jiao, fen). "
                "Write it to the fen, e.g. {down} or {up}."
            ).format(
                text=text,
                down=number.quantize(FEN, rounding=ROUND_DOWN),
                up=number.quantize(FEN, rounding=ROUND_UP),
            )
        )
    rounded = round_money(number)
    if rounded > MAX_AMOUNT:
        raise InvalidAmount(_("The amount {text} is too large. Check the digits.").format(text=text))
    if rounded == 0 and not allow_zero:
        raise InvalidAmount(_("The amount must be more than 0."))
    return rounded


def _parse_text(text: str) -> Decimal:
    compact = text.replace(" ", "").replace(",", "").replace("，", "")
    stripped = compact
    for word in _CURRENCY_WORDS:
        if stripped.startswith(word):
            stripped = stripped[len(word) :]
        if stripped.endswith(word):
            stripped = stripped[: -len(word)]
    if _PLAIN.fullmatch(stripped):
        try:
            return Decimal(stripped)
        except InvalidOperation:
            raise _bad_amount(text) from None
    if compact.startswith("-"):
        raise InvalidAmount(_("The amount cannot be negative: {text}").format(text=text))
    match = _YUAN_JIAO_FEN.fullmatch(compact.removeprefix("人民币").removeprefix("¥").removeprefix("￥"))
    if match and any(match.groups()):
        yuan, jiao, fen = (int(g) if g else 0 for g in match.groups())
        return Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100
    raise _bad_amount(text)


# --- 大写金额 -------------------------------------------------------------------------------------
# rules-research §6.2, after 中国人民银行《支付结算办法》附件《正确填写票据和结算凭证的基本规定》.
# One canonical style (decisions.md and issue 4): the optional 零 is always written, and 整 follows an
# amount that ends at 元 or at 角 (valid under the bank rule and 会计基础工作规范 第五十二条).

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")  # within a group of four digits
_GROUP_UNITS = ("", "万", "亿")


def _group_words(group: int) -> str:
    """A group of up to four digits (0 < group < 10000), with 零 for inner zeros; no leading 零."""
    digits = f"{group:04d}"
    words: list[str] = []
    pending_zero = False
    started = False
    for index, char in enumerate(digits):
        digit = int(char)
        unit = _SMALL_UNITS[3 - index]
        if digit == 0:
            pending_zero = started
            continue
        if pending_zero:
            words.append("零")
            pending_zero = False
        words.append(_DIGITS[digit] + unit)
        started = True
    return "".join(words)


def _integer_words(number: int) -> str:
    """Yuan part: 壹拾万零柒仟 for 107000 (the 零 where a group's 仟 digit is 0 is always written)."""
    groups: list[int] = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    words: list[str] = []
    need_zero = False
    for position in range(len(groups) - 1, -1, -1):
        group = groups[position]
        if group == 0:
            need_zero = bool(words)
            continue
        # A zero digit between this group and the written part before it: one 零 (rules 2 and 3),
        # whether the zero is the 万 digit (壹拾万零柒仟) or this group's 仟 digit (壹万零伍佰).
        if words and (need_zero or group < 1000):
            words.append("零")
        words.append(_group_words(group) + _GROUP_UNITS[position])
        need_zero = group % 10 == 0
    return "".join(words)


def amount_in_words(amount: Decimal) -> str:
    """The amount in capitals as written on a receipt, without the 人民币 prefix.

    Examples (rules-research §6.2): 1680.32 → 壹仟陆佰捌拾元零叁角贰分; 0.20 → 贰角整;
    6007.14 → 陆仟零柒元壹角肆分; 16309.02 → 壹万陆仟叁佰零玖元零贰分; 15.00 → 壹拾伍元整.
    """
    value = round_money(amount)
    if value < 0:
        raise ValueError("amount_in_words needs an amount of 0 or more")
    if value > MAX_AMOUNT:
        raise ValueError("amount too large for capitals")
    fen_total = int(value * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if fen_total == 0:
        return "零元整"
    words = _integer_words(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return words + "整"
    # Rule 3/4: the 元 digit is 0 (…拾元, …万元) or the 角 digit is 0 → one 零 before the next figure.
    if yuan and (yuan % 10 == 0 or jiao == 0):
        words += "零"
    if jiao:
        words += _DIGITS[jiao] + "角"
    if fen:
        words += _DIGITS[fen] + "分"
    else:
        words += "整"  # after 角: always 整 (decisions.md)
    return words
