"""The rows of one village branch for bench_township.py: members (through the program's own checks and
search key), dues standards, payments, receipts and month allocations, hand-ups, meetings with their
attendance, members away with their contacts, and post assignments.

Every row carries its own id (counters shared by all branches), so the rows that refer to each other are
made together, without reading anything back; the loader then runs ``store.server.advance_sequences``.
Rows are plain dicts keyed by column name; ``copy_rows`` fills the columns a dict leaves out from the
table's own defaults, so a column added by a later migration does not break the bench.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sample_data import member_rows

from dangjian_desktop.domain.dues import Month, month_range
from dangjian_desktop.domain.members import validate_member
from dangjian_desktop.domain.posts import holds_office
from dangjian_desktop.services.members.common import columns_of

AMOUNTS_FEN = (20, 50, 50, 50, 100, 200, 1500, 3500, 2500)
WHO = "bench"


@dataclass
class Ids:
    """The next id of each table, shared by every branch of the database."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next.get(table, 1)
        self.next[table] = value + 1
        return value


@dataclass
class Village:
    """One branch's rows, by table, in the order they may be loaded (a row's references come first)."""

    branch_id: int
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    members: list[dict[str, Any]] = field(default_factory=list)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.tables.setdefault(table, []).append(row)

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))


def village_name(number: int) -> str:
    names = "前进红星新华东风胜利光明和平幸福团结建设永安长青东升太平兴隆金山双河柳林桃园杏花"
    first = names[(number * 2) % len(names)] + names[(number * 2 + 1) % len(names)]
    return f"{first}{number}村"


def members(village: Village, ids: Ids, number: int, count: int, now: dt.datetime) -> None:
    """``count`` members checked by the roster's own rules (validate_member), with the search key the
    program computes (pinyin initials and full spelling)."""
    place = village_name(number)
    for raw in member_rows(count, seed=1000 + number):
        raw["address"] = str(raw["address"]).replace("前进村", place)
        values = columns_of(validate_member(raw))
        values.update(
            id=ids.take("member"),
            branch_id=village.branch_id,
            status="active",
            status_date=None,
            status_reason="",
            created_at=now,
            updated_at=now,
        )
        village.members.append(values)
        village.add("member", values)


def _first_month(member: dict[str, Any], first: Month) -> Month:
    joined = member["joined_date"]
    return max(first, Month.of(joined)) if joined else first


def dues(village: Village, ids: Ids, rng: random.Random, first: Month, last: Month, today: dt.date) -> None:
    """A standard per member and year, quarterly payments with a receipt each and one allocation per
    month; one member in ten stops paying at some point (the arrears list); the last quarter is paid by
    about half of them so far (the month's collection list); a hand-up to the township each quarter."""
    serials: dict[int, int] = {}
    collected: dict[tuple[int, int], int] = {}
    for member in village.members:
        start = _first_month(member, first)
        if start > last:
            continue
        amount = rng.choice(AMOUNTS_FEN)
        _standards(village, ids, member, amount, start, last)
        months = month_range(start, last)
        stops = len(months) - rng.randrange(1, 20) if rng.random() < 0.1 else len(months)
        if months[-1] >= Month.of(today) and rng.random() < 0.5:
            stops = min(stops, len(months) - (months[-1].as_int - Month.of(today).as_int) - 3)
        for start_index in range(0, max(stops, 0), 3):
            quarter = months[start_index : min(start_index + 3, stops)]
            paid_on = min(quarter[-1].last_day, today)
            _payment(village, ids, member, amount, quarter, paid_on, serials)
            key = (paid_on.year, (paid_on.month - 1) // 3)
            collected[key] = collected.get(key, 0) + amount * len(quarter)
    _handups(village, ids, collected, today)


def _standards(
    village: Village, ids: Ids, member: dict[str, Any], amount: int, start: Month, last: Month
) -> None:
    for year in range(start.year, last.year + 1):
        from_month = start if year == start.year else Month(year, 1)
        village.add(
            "dues_standard",
            {
                "id": ids.take("dues_standard"),
                "branch_id": village.branch_id,
                "member_id": member["id"],
                "year": year,
                "from_month": from_month.as_int,
                "category": member["dues_category"] or "farmer",
                "income_fen": None,
                "rate": "",
                "amount_fen": amount,
                "capped": False,
                "rules": "2017",
                "declared_on": dt.date(year, 1, 5),
                "note": "",
                "active": True,
                "created_at": dt.datetime(year, 1, 5, 9),
                "created_by": WHO,
            },
        )


def _payment(
    village: Village,
    ids: Ids,
    member: dict[str, Any],
    amount: int,
    quarter: list[Month],
    paid_on: dt.date,
    serials: dict[int, int],
) -> None:
    payment_id = ids.take("dues_payment")
    created = dt.datetime.combine(paid_on, dt.time(10))
    village.add(
        "dues_payment",
        {
            "id": payment_id,
            "branch_id": village.branch_id,
            "member_id": member["id"],
            "kind": "payment",
            "paid_on": paid_on,
            "amount_fen": amount * len(quarter),
            "extra_fen": 0,
            "to_central": False,
            "first_month": quarter[0].as_int,
            "last_month": quarter[-1].as_int,
            "method": "cash",
            "collector": "王书记",
            "paid_where": "",
            "reason": "",
            "reverses_id": None,
            "created_at": created,
            "created_by": WHO,
        },
    )
    for month in quarter:
        village.add(
            "dues_allocation",
            {
                "id": ids.take("dues_allocation"),
                "branch_id": village.branch_id,
                "payment_id": payment_id,
                "member_id": member["id"],
                "month": month.as_int,
                "amount_fen": amount,
                "generation": 0,
            },
        )
    serials[paid_on.year] = serials.get(paid_on.year, 0) + 1
    village.add(
        "dues_receipt",
        {
            "id": ids.take("dues_receipt"),
            "branch_id": village.branch_id,
            "payment_id": payment_id,
            "year": paid_on.year,
            "serial": serials[paid_on.year],
            "issued_on": paid_on,
            "created_at": created,
        },
    )


def _handups(village: Village, ids: Ids, collected: dict[tuple[int, int], int], today: dt.date) -> None:
    for (year, quarter), amount in sorted(collected.items()):
        handed_on = dt.date(year, quarter * 3 + 3, 1) + dt.timedelta(days=40)
        if handed_on > today:
            continue
        village.add(
            "dues_handup",
            {
                "id": ids.take("dues_handup"),
                "branch_id": village.branch_id,
                "handed_on": handed_on,
                "amount_fen": amount,
                "to_central": False,
                "receiver": "镇党委组织办",
                "receipt_number": f"SJ{year}{quarter + 1}-{village.branch_id:02d}",
                "first_month": Month(year, quarter * 3 + 1).as_int,
                "last_month": Month(year, quarter * 3 + 3).as_int,
                "note": "",
                "reverses_id": None,
                "reason": "",
                "created_at": dt.datetime.combine(handed_on, dt.time(15)),
                "created_by": WHO,
            },
        )


# --- organisation life ------------------------------------------------------------------------------

GROUPS_OF_MEETING = ("general_meeting", "party_lecture", "theme_day", "life_meeting")


def _meeting_plan(year: int, today: dt.date, groups: list[str]) -> Iterator[tuple[str, dt.date, str]]:
    """The meetings a diligent branch holds in ``year`` up to ``today``, less a few of the current
    quarter's (so the home page and 三会一课 have work): kind, day, Party group."""
    for month in range(1, 13):
        for kind, day, group in (
            ("committee", 5, ""),
            ("theme_day", 10, ""),
            *(("group_meeting", 15 + index, name) for index, name in enumerate(groups)),
        ):
            held_on = dt.date(year, month, min(day, 28))
            late = year == today.year and month >= today.month - 1
            if held_on <= today and not (late and kind in ("committee", "group_meeting") and day % 2):
                yield kind, held_on, group
        if month % 3 == 0:
            for kind in ("general_meeting", "party_lecture"):
                held_on = dt.date(year, month, 25)
                if held_on <= today and not (
                    year == today.year and month >= today.month and kind == "party_lecture"
                ):
                    yield kind, held_on, ""
    life = dt.date(year, 1, 20)
    if life <= today:
        yield "life_meeting", life, ""


def meetings(village: Village, ids: Ids, rng: random.Random, years: Iterable[int], today: dt.date) -> None:
    """三会一课 for ``years``, with everyone expected marked present, on leave or away."""
    active = village.members
    groups = sorted({m["party_group"] for m in active if m["party_group"]})
    committee = [m for m in active if holds_office(m["office"])]
    for year in years:
        for kind, held_on, group in _meeting_plan(year, today, groups):
            meeting_id = ids.take("meeting")
            created = dt.datetime.combine(held_on, dt.time(20))
            village.add(
                "meeting",
                {
                    "id": meeting_id,
                    "branch_id": village.branch_id,
                    "kind": kind,
                    "held_on": held_on,
                    "start_time": dt.time(9),
                    "party_group": group,
                    "place": "村党群服务中心",
                    "topic": f"{held_on:%Y年%m月}学习会",
                    "presenter": "王书记",
                    "recorder": "李委员",
                    "minutes": "学习上级文件精神，讨论本村重点工作。",
                    "created_at": created,
                    "updated_at": created,
                    "recorded_by": WHO,
                },
            )
            if kind in GROUPS_OF_MEETING:
                expected = active
            elif kind == "committee":
                expected = committee
            else:
                expected = [m for m in active if m["party_group"] == group]
            for member in expected:
                _attendance(village, ids, rng, meeting_id, member)


def _attendance(
    village: Village, ids: Ids, rng: random.Random, meeting_id: int, member: dict[str, Any]
) -> None:
    if member["flowing"]:
        status, reason = "away", ""
    elif rng.random() < 0.1:
        status, reason = "absent", "leave"
    else:
        status, reason = "present", ""
    village.add(
        "meeting_attendance",
        {
            "id": ids.take("meeting_attendance"),
            "branch_id": village.branch_id,
            "meeting_id": meeting_id,
            "member_id": member["id"],
            "status": status,
            "reason": reason,
            "note": "",
        },
    )


# --- members away (流动党员) ---------------------------------------------------------------------------


def _split_place(place: str) -> tuple[str, str]:
    cut = place.find("省") + 1 or place.find("市") + 1
    return place[:cut], place[cut:]


def flowing(village: Village, ids: Ids, rng: random.Random, today: dt.date) -> None:
    """A registered leave for each member marked as away (one in five), contacts every two or three
    months, and for about one in seven no news for more than six months (失联提醒); some stays of
    members already back."""
    for member in village.members:
        away = bool(member["flowing"])
        if not away and rng.random() > 0.03:
            continue
        since = today - dt.timedelta(days=rng.randrange(200, 2000))
        returned = None if away else since + dt.timedelta(days=rng.randrange(60, 180))
        province, city = _split_place(member["away_place"] or "浙江省宁波市")
        stay_id = ids.take("flowing_stay")
        created = dt.datetime.combine(since, dt.time(9))
        village.add(
            "flowing_stay",
            {
                "id": stay_id, "branch_id": village.branch_id, "member_id": member["id"], "since": since,
                "expected_return": None, "reason": "work", "province": province, "city": city, "county": "",
                "workplace": "电子厂", "address": f"{city}工业园", "occupation": "务工", "phone": member["phone"],
                "other_contact": "", "receiving_org": f"{city}流动党员党支部", "receiving_contact": "张书记",
                "receiving_phone": "0512-66668888", "receiving_since": since, "home_contact": "家属",
                "home_contact_phone": "", "return_date": returned, "return_note": "", "created_at": created,
                "updated_at": created,
            },
        )  # fmt: skip
        silent = away and rng.random() < 0.15
        last = (returned or today) - dt.timedelta(
            days=rng.randrange(200, 600) if silent else rng.randrange(0, 90)
        )
        day = since + dt.timedelta(days=rng.randrange(20, 80))
        while day <= last:
            village.add(
                "flowing_contact",
                {
                    "id": ids.take("flowing_contact"), "branch_id": village.branch_id,
                    "member_id": member["id"], "stay_id": stay_id, "date": day,
                    "means": rng.choice(("phone", "wechat", "video")), "content": "了解工作和学习情况",
                    "contacted_by": "王书记", "created_at": dt.datetime.combine(day, dt.time(19)),
                },
            )  # fmt: skip
            day += dt.timedelta(days=rng.randrange(50, 100))


# --- posts (设岗定责) ----------------------------------------------------------------------------------


def assignments(
    village: Village,
    ids: Ids,
    rng: random.Random,
    posts: list[int],
    terms: dict[int, tuple[int, dt.date]],
    today: dt.date,
) -> None:
    """Seven in ten members without office (and not away) on a post each term; the past terms graded,
    the current one partly; a performance record or two each."""
    candidates = [m for m in village.members if not holds_office(m["office"]) and not m["flowing"]]
    for year, (term_id, term_end) in sorted(terms.items()):
        for index, member in enumerate(candidates):
            if rng.random() > 0.7:
                continue
            assignment_id = ids.take("post_assignment")
            assigned = dt.datetime(year, 1, 20, 10)
            village.add(
                "post_assignment",
                {
                    "id": assignment_id, "branch_id": village.branch_id, "term_id": term_id,
                    "post_id": posts[index % len(posts)], "member_id": member["id"],
                    "commitment": "履职尽责，服务群众", "exception_reason": "", "assigned_at": assigned,
                    "assigned_by": WHO,
                },
            )  # fmt: skip
            for month in (4, 9):
                record_date = dt.date(year, month, 12)
                if record_date <= today:
                    village.add(
                        "post_record",
                        {
                            "id": ids.take("post_record"), "branch_id": village.branch_id,
                            "assignment_id": assignment_id, "record_date": record_date,
                            "text": "参与环境整治，走访困难群众", "confirmed_by": "王书记",
                            "recorded_at": dt.datetime.combine(record_date, dt.time(18)), "recorded_by": WHO,
                        },
                    )  # fmt: skip
            if term_end < today or rng.random() < 0.4:
                evaluated = min(term_end, today)
                village.add(
                    "post_evaluation",
                    {
                        "id": ids.take("post_evaluation"), "branch_id": village.branch_id,
                        "assignment_id": assignment_id, "grade": rng.choice(("优秀", "称职", "称职")),
                        "comment": "", "evaluated_on": evaluated,
                        "updated_at": dt.datetime.combine(evaluated, dt.time(18)),
                    },
                )  # fmt: skip
