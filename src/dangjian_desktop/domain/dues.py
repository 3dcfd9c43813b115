"""Party dues rules (党费): standards, months, allocation of a payment, arrears and their flags.

Sources are in ``shared/domain/rules-research.md`` §1 and ``decisions.md``:

* 中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》, 中组发〔2008〕3号, in force from
  2008-04-01 ("the 2008 rules"), 第二条 (in-work brackets), 第五条 (retired), 第六条 (farmers,
  students, unemployed and minimum-allowance members), 第八条 (probationary members), 第十一条
  (voluntary extra), 第十二条 (补交 at most 6 months), 第十三条 (6 months unpaid).
* 中组部办公厅《关于进一步规范党费工作的通知》, 组电明字〔2017〕5号 ("the 2017 notice"): the monthly
  amount "一般不超过1000元", assessed once at the start of the year.

The rates are data (``RULE_TABLES``) with the date they took effect: a future change is a new table,
and months before it keep the old standard.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from dangjian_desktop.domain.choices import DUES_CATEGORY
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.money import ZERO, parse_amount, round_money
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _

D = Decimal


class DuesRuleError(AppError):
    """Input that the dues rules cannot accept (unknown category, missing income, date too early …)."""


# --- months ---------------------------------------------------------------------------------------

_MONTH_FORMS = (
    re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?"),
    re.compile(r"(\d{4})(\d{2})"),
)


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, the unit dues are owed and paid in."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def from_int(cls, value: int) -> Month:
        """From the stored ``YYYYMM`` integer."""
        return cls(int(value) // 100, int(value) % 100)

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    @classmethod
    def parse(cls, value: object) -> Month:
        """``2026-01``, ``2026-1``, ``2026.1``, ``2026/01``, ``2026年1月`` or ``202601``."""
        if isinstance(value, Month):
            return value
        text = normalize_text(value)
        for pattern in _MONTH_FORMS:
            match = pattern.fullmatch(text)
            if match:
                year, month = int(match.group(1)), int(match.group(2))
                if 1 <= month <= 12:
                    return cls(year, month)
        raise DuesRuleError(
            _("'{text}' is not a month. Write it like 2026-01 (year and month).").format(text=text)
        )

    @property
    def as_int(self) -> int:
        return self.year * 100 + self.month

    @property
    def index(self) -> int:
        """Months since year 0: differences of indexes count months."""
        return self.year * 12 + self.month - 1

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return (self + 1).first_day - dt.timedelta(days=1)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    def __add__(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def __sub__(self, other: int) -> Month:
        return Month.from_index(self.index - other)

    def months_until(self, other: Month) -> int:
        """How many months from self to other (0 when the same month)."""
        return other.index - self.index

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def label(self) -> str:
        """For people: "2026年1月"."""
        return _("{year}, month {month}").format(year=self.year, month=self.month)


def month_range(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last``, both included (empty when last < first)."""
    return [Month.from_index(i) for i in range(first.index, last.index + 1)]


def describe_months(months: Sequence[Month]) -> str:
    """``2026-01`` for one month, ``2026-01 — 2026-03`` for a run, joined with ``;`` otherwise."""
    if not months:
        return ""
    ordered = sorted(months)
    runs: list[tuple[Month, Month]] = []
    for month in ordered:
        if runs and runs[-1][1] + 1 == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return ";".join(str(a) if a == b else f"{a} — {b}" for a, b in runs)


# --- the standards as data --------------------------------------------------------------------------

FIXED_CATEGORIES = ("farmer", "student", "hardship")
INCOME_CATEGORIES = ("employed", "retired")


@dataclass(frozen=True)
class Bracket:
    """Up to and including ``upper`` yuan of monthly income, the dues are ``rate`` of the whole income."""

    upper: Decimal | None  # None: no upper bound
    rate: Decimal


@dataclass(frozen=True)
class DuesRules:
    key: str
    title: str
    effective_from: dt.date
    employed: tuple[Bracket, ...]
    retired: tuple[Bracket, ...]
    fixed: dict[str, Decimal] = field(default_factory=dict)
    farmer_min: Decimal = D("0.20")
    farmer_max: Decimal = D("1.00")
    monthly_cap: Decimal | None = None

    def brackets(self, category: str) -> tuple[Bracket, ...]:
        return self.employed if category == "employed" else self.retired


# 中组发〔2008〕3号 第二条: 在职 "月工资收入（税后）在3000元以下（含3000元）者，交纳月工资收入的0.5%；
# 3000元以上至5000元（含5000元）者，交纳1%；5000元以上至10000元（含10000元）者，交纳1.5%；10000元以上者，
# 交纳2%". 第五条: 离退休 "5000元以下（含5000元）的按0.5%交纳党费，5000元以上的按1%交纳党费".
# 第六条: 农民党员每月交纳党费0.2元至1元; 学生、下岗失业、依靠抚恤或救济生活、领取当地最低生活保障金的
# 党员每月交纳党费0.2元. Each bound is inclusive ("含") and the rate applies to the whole income, not
# marginally (rules-research §1.3: 3000.00 → 15.00 but 3000.01 → 30.00).
RULES_2008 = DuesRules(
    key="2008",
    title="中组发〔2008〕3号",
    effective_from=dt.date(2008, 4, 1),
    employed=(
        Bracket(D("3000"), D("0.005")),
        Bracket(D("5000"), D("0.01")),
        Bracket(D("10000"), D("0.015")),
        Bracket(None, D("0.02")),
    ),
    retired=(Bracket(D("5000"), D("0.005")), Bracket(None, D("0.01"))),
    fixed={"student": D("0.20"), "hardship": D("0.20")},
    farmer_min=D("0.20"),
    farmer_max=D("1.00"),
    monthly_cap=None,
)

# 组电明字〔2017〕5号: "党员每月交纳党费一般不超过1000元" (paying more is voluntary, 2008 第十一条), and the
# amount is assessed at the start of each year. The notice's exact date was not seen (rules-research
# §1.1 [U]); the cap is applied from the 2017 annual assessment, i.e. from 2017-01-01. Same rates.
RULES_2017 = replace(
    RULES_2008,
    key="2017",
    title="组电明字〔2017〕5号",
    effective_from=dt.date(2017, 1, 1),
    monthly_cap=D("1000.00"),
)

RULE_TABLES: tuple[DuesRules, ...] = (RULES_2008, RULES_2017)  # oldest first

# decisions.md #5: the farmer amount is a branch setting, default 0.50 元, refused outside 0.20–1.00.
DEFAULT_FARMER_AMOUNT = D("0.50")


def rules_on(on_date: dt.date) -> DuesRules:
    """The rule table in force on a date; dates before 2008-04-01 are refused."""
    in_force = [table for table in RULE_TABLES if table.effective_from <= on_date]
    if not in_force:
        first = RULE_TABLES[0]
        raise DuesRuleError(
            _("The dues rules in this program start on {date} ({title}). Choose a date from then on.").format(
                date=first.effective_from.isoformat(), title=first.title
            )
        )
    return in_force[-1]


def check_farmer_amount(amount: object, on_date: dt.date | None = None) -> Decimal:
    """The branch's monthly amount for farmer members: within the range of the rules (第六条)."""
    rules = rules_on(on_date or dt.date.today())
    value = parse_amount(amount)
    if not rules.farmer_min <= value <= rules.farmer_max:
        raise DuesRuleError(
            _("The monthly dues of farmer members must be between {low} and {high} yuan.").format(
                low=rules.farmer_min, high=rules.farmer_max
            )
        )
    return value


@dataclass(frozen=True)
class Assessment:
    """How a monthly standard was worked out."""

    amount: Decimal
    category: str
    income: Decimal | None  # None for the fixed categories
    rate: Decimal | None  # None for a fixed amount
    capped: bool
    rules: DuesRules

    def explanation(self) -> str:
        """In words, e.g. "在职：月收入 3500.00 元 × 1%（中组发〔2008〕3号 第二条）"."""
        category = DUES_CATEGORY.label(self.category)
        if self.rate is None:
            text = _("{category}: a fixed amount of {amount} yuan a month").format(
                category=category, amount=self.amount
            )
        else:
            percent = (self.rate * 100).normalize()
            text = _("{category}: monthly income {income} yuan × {percent}%").format(
                category=category, income=self.income, percent=f"{percent:f}"
            )
        if self.capped:
            text += _(", capped at {cap} yuan").format(cap=self.rules.monthly_cap)
        return _("{how} ({basis})").format(how=text, basis=standard_basis(self.category, self.capped))


# Which article a standard rests on (review m17: the branch's farmer amount is the branch's decision
# within the 2008 range, not something the 2017 notice fixed).
_BASIS_ARTICLES = {
    "employed": N_("中组发〔2008〕3号 art. 2"),
    "retired": N_("中组发〔2008〕3号 art. 5"),
    "student": N_("中组发〔2008〕3号 art. 6"),
    "hardship": N_("中组发〔2008〕3号 art. 6"),
}


def standard_basis(category: str, capped: bool = False) -> str:
    """The 依据 of a standard, in words: the article of the 2008 rules for the category; for farmers the
    branch's decision within the 0.2–1 yuan of 第六条; the 2017 notice only when the 1000-yuan cap applied."""
    if category == "farmer":
        return _("decided by the branch within 0.2–1 yuan (中组发〔2008〕3号 art. 6)")
    text = _(_BASIS_ARTICLES[category]) if category in _BASIS_ARTICLES else RULES_2008.title
    if capped:
        text += _("; {title}: at most 1000 yuan a month").format(title=RULES_2017.title)
    return text


def dues_category_code(value: object) -> str:
    """The dues category code for a typed value (code, English or Chinese name); unknown raises."""
    code = DUES_CATEGORY.code_for(value)
    if code is None:
        raise DuesRuleError(
            _("Unknown dues category '{value}'. Use one of: {choices}.").format(
                value=normalize_text(value),
                choices="、".join(f"{c.code}（{c.sheet_name}）" for c in DUES_CATEGORY),
            )
        )
    return code


def assess_standard(
    category: str,
    income: object = None,
    on_date: dt.date | None = None,
    *,
    farmer_amount: object = None,
    rounding: str = "fen",
) -> Assessment:
    """Work out a member's monthly dues under the rule table in force on ``on_date``."""
    code = dues_category_code(category)
    rules = rules_on(on_date or dt.date.today())
    if code in INCOME_CATEGORIES:
        if income is None or normalize_text(income) == "":
            raise DuesRuleError(
                _("Please enter the monthly income base: it is needed for the category {category}.").format(
                    category=DUES_CATEGORY.label(code)
                )
            )
        base = parse_amount(income)
        rate = next(b.rate for b in rules.brackets(code) if b.upper is None or base <= b.upper)
        # decisions.md #2: Decimal, ROUND_HALF_UP to the fen (a branch setting may say jiao or yuan).
        amount = round_money(base * rate, rounding)
        capped = rules.monthly_cap is not None and amount > rules.monthly_cap
        if capped:
            # 组电明字〔2017〕5号: "一般不超过1000元"; more is a voluntary extra (2008 第十一条).
            amount = round_money(rules.monthly_cap)  # type: ignore[arg-type]
        return Assessment(amount, code, base, rate, capped, rules)
    if code == "farmer":
        # 2008 第六条: 农民党员每月交纳党费0.2元至1元; the branch picks the figure (decisions.md #5).
        value = DEFAULT_FARMER_AMOUNT if farmer_amount is None else farmer_amount
        return Assessment(check_farmer_amount(value, rules.effective_from), code, None, None, False, rules)
    # 2008 第六条: 学生、下岗失业、依靠抚恤或救济生活、领取当地最低生活保障金的党员每月交纳党费0.2元.
    return Assessment(round_money(rules.fixed[code]), code, None, None, False, rules)


def monthly_standard(
    category: str,
    income: object = None,
    on_date: dt.date | None = None,
    *,
    farmer_amount: object = None,
    rounding: str = "fen",
) -> Decimal:
    """The monthly dues in yuan, two places. See :func:`assess_standard`."""
    return assess_standard(category, income, on_date, farmer_amount=farmer_amount, rounding=rounding).amount


def first_owed_month(year: int, joined: dt.date | None, category: str) -> Month:
    """The first month a standard declared for ``year`` applies to.

    2008 第八条: 预备党员从支部大会通过其为预备党员之日起交纳党费 — a probationary member owes dues from
    the month of the branch meeting that accepted them (the 入党日期 of the roster), not earlier.
    """
    start = Month(year, 1)
    if joined is not None and Month.of(joined) > start:
        return Month.of(joined)
    return start


# --- paying ------------------------------------------------------------------------------------------

# 2008 第十一条: 自愿一次多交纳1000元以上的党费，全部上缴中央. decisions.md #3: "以上" includes 1000.00
# (民法典 第一千二百五十九条), so a voluntary extra of 1000.00 or more is marked 上缴中央.
CENTRAL_THRESHOLD = D("1000.00")


class ShortPayment(DuesRuleError):
    pass


@dataclass(frozen=True)
class Allocation:
    """A payment split into the months it pays; what is above the standards is a voluntary extra."""

    months: tuple[tuple[Month, Decimal], ...]
    extra: Decimal
    to_central: bool


def allocate_payment(amount: Decimal, standards: Sequence[tuple[Month, Decimal]]) -> Allocation:
    """Give each month its standard, oldest first; the rest is a voluntary extra (2008 第十一条:
    党员自愿多交党费不限). Less than the months' standards together is refused: the secretary shortens
    the range instead, so that no month is half paid.
    """
    ordered = tuple(sorted(standards))
    needed = sum((value for _m, value in ordered), ZERO)
    if amount < needed:
        raise ShortPayment(
            _(
                "{amount} yuan is less than the dues for these {count} months ({needed} yuan). "
                "Record fewer months, or check the amount."
            ).format(amount=amount, count=len(ordered), needed=needed)
        )
    extra = round_money(amount - needed)
    return Allocation(ordered, extra, extra >= CENTRAL_THRESHOLD)


@dataclass(frozen=True)
class WindowProblem:
    ahead: tuple[Month, ...]  # months paid more than ``months_ahead`` months ahead
    behind: tuple[Month, ...]  # months paid more than ``months_back`` months late

    def message(self, months_ahead: int, months_back: int) -> str:
        parts = []
        if self.ahead:
            parts.append(
                _("{months} is more than {limit} months ahead of the payment date.").format(
                    months=describe_months(self.ahead), limit=months_ahead
                )
            )
        if self.behind:
            parts.append(
                _("{months} is more than {limit} months before the payment date.").format(
                    months=describe_months(self.behind), limit=months_back
                )
            )
        parts.append(_("Please type the reason (e.g. approved by the branch committee)."))
        return " ".join(parts)


def payment_window_problem(
    months: Iterable[Month], paid_on: dt.date, *, months_ahead: int = 6, months_back: int = 6
) -> WindowProblem | None:
    """Months outside the allowed window, or None.

    2008 第十二条: "补交党费的时间一般不得超过6个月". 预交 is not in the central text; decisions.md #4
    allows it up to 6 months ahead. Both limits are settings; beyond them a typed reason is required.
    """
    current = Month.of(paid_on)
    ahead = tuple(m for m in months if m.index - current.index > months_ahead)
    behind = tuple(m for m in months if current.index - m.index > months_back)
    return WindowProblem(ahead, behind) if ahead or behind else None


# --- arrears -----------------------------------------------------------------------------------------

# decisions.md #12 and 党章 第九条 ("连续六个月不交纳党费…就被认为是自行脱党"; 2008 第十三条): the program
# reminds at 3 consecutive unpaid months and warns at 6. It never changes a member's status: that needs
# a 支部大会 decision approved by the higher Party organisation, and "正当理由" is judged by people.
DEFAULT_REMIND_AT = 3
DEFAULT_WARN_AT = 6
FLAG_NONE, FLAG_REMIND, FLAG_WARN = "", "remind", "warn"
FLAG_LABELS = {FLAG_REMIND: N_("Arrears reminder"), FLAG_WARN: N_("Arrears warning")}


def unpaid_months(first_owed: Month, as_of: Month, paid: Iterable[Month]) -> list[Month]:
    """The months from ``first_owed`` to ``as_of`` that are not paid, oldest first."""
    paid_set = set(paid)
    return [m for m in month_range(first_owed, as_of) if m not in paid_set]


def consecutive_unpaid(first_owed: Month, as_of: Month, paid: Iterable[Month]) -> int:
    """Unpaid months in a row ending at ``as_of`` (0 when ``as_of`` is paid or not yet owed)."""
    if as_of < first_owed:
        return 0
    last_paid = max((m for m in paid if first_owed <= m <= as_of), default=None)
    start = first_owed if last_paid is None else last_paid + 1
    return max(0, start.months_until(as_of) + 1)


def arrears_flag(consecutive: int, remind_at: int = DEFAULT_REMIND_AT, warn_at: int = DEFAULT_WARN_AT) -> str:
    if consecutive >= warn_at:
        return FLAG_WARN
    if consecutive >= remind_at:
        return FLAG_REMIND
    return FLAG_NONE


def flag_label(flag: str) -> str:
    return _(FLAG_LABELS[flag]) if flag in FLAG_LABELS else ""


# --- hand-ups (上缴) -----------------------------------------------------------------------------------

# decisions.md #6: the village → township hand-up period is local; quarterly by default.
HANDUP_PERIODS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
HANDUP_PERIOD_LABELS = {
    "month": N_("Monthly"),
    "quarter": N_("Quarterly"),
    "half": N_("Half-yearly"),
    "year": N_("Yearly"),
}


def handup_periods(year: int, period: str = "quarter") -> list[tuple[Month, Month]]:
    """The hand-up periods of a year as (first month, last month)."""
    step = HANDUP_PERIODS.get(period, 3)
    return [(Month(year, start), Month(year, start + step - 1)) for start in range(1, 13, step)]


PAYMENT_METHODS = {"cash": N_("Cash"), "transfer": N_("Transfer"), "other": N_("Other")}


def method_label(method: str) -> str:
    return _(PAYMENT_METHODS[method]) if method in PAYMENT_METHODS else method
