"""Times the dues year sheet, the arrears list and the year's workbook on 10,000 and 60,000 members with
5 years of payments.

    .venv/bin/python bench/bench_dues.py [--members 10000 60000] [--years 5] [--keep DIR]

``--keep DIR`` builds each database once into DIR/<members> and reuses it on the next run (building 60,000
members takes several minutes). The year sheet and the arrears list are timed against their targets
(< 0.5 s at 10,000 members, < 3 s at 60,000); the workbook (``dangjian dues report --out FILE.xlsx``) is
timed once and shown per 1,000 members, which stays flat when the work grows in step with the members
(review D12: it was quadratic, 42 s for 10,000).

Members go in through the roster service; standards, payments and their month allocations are written in
bulk with SQLAlchemy Core (the services would take minutes for 600,000 allocations, and what is timed is
the reading). Most members pay each quarter; one in ten stops paying at some point, so the arrears list
is realistic. Each figure is the median of 5 runs, printed beside its target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_data import GIVEN, GROUPS, SURNAMES  # noqa: E402

from dangjian_desktop.domain.dues import Month, month_range  # noqa: E402
from dangjian_desktop.domain.idnumber import check_digit  # noqa: E402
from dangjian_desktop.domain.members import validate_member  # noqa: E402
from dangjian_desktop.services import dues  # noqa: E402
from dangjian_desktop.services.branch import BranchProfile, save_profile  # noqa: E402
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.members import save_many  # noqa: E402
from dangjian_desktop.services.workspace import open_workspace  # noqa: E402
from dangjian_desktop.store.dues_models import DuesAllocation, DuesPayment, DuesReceipt, DuesStandard  # noqa: E402
from dangjian_desktop.store.models import Member  # noqa: E402

TARGETS = {10_000: 0.5, 60_000: 3.0}  # seconds, by number of members
AMOUNTS_FEN = (20, 50, 50, 50, 100, 1500, 3500, 2500)


def member_dicts(count: int, seed: int = 5) -> list[dict[str, object]]:
    """Plain members with unique valid ID numbers (birth dates spread over 1940–1999)."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=index * 7 % (60 * 365))
        first17 = f"3701{index // 1000 % 100:02d}{birth:%Y%m%d}{index % 1000:03d}"
        rows.append(
            {
                "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
                "id_number": first17 + check_digit(first17),
                "joined_date": f"{birth.year + 25}-07-01",
                "party_group": GROUPS[index % len(GROUPS)],
            }
        )
    return rows


def build(folder: Path, member_count: int, years: int, last: Month) -> tuple[object, int]:
    workspace = open_workspace(folder)
    save_profile(workspace, BranchProfile(name="中共前进村支部委员会", secretary="王书记"))
    started = time.perf_counter()
    save_many(workspace, [validate_member(r) for r in member_dicts(member_count)], source="bench")
    branch_id = workspace.require_branch()
    with workspace.db.engine.connect() as connection:
        ids = connection.execute(select(Member.id).where(Member.branch_id == branch_id)).scalars().all()
    first = Month(last.year - years + 1, 1)
    months = month_range(first, last)
    rng = random.Random(11)
    now = dt.datetime.now()
    standards, payments, allocations, receipts = [], [], [], []
    payment_id = 0
    serials: dict[int, int] = {}
    for member_id in ids:
        amount = rng.choice(AMOUNTS_FEN)
        for year in range(first.year, last.year + 1):
            standards.append(
                {
                    "branch_id": branch_id,
                    "member_id": member_id,
                    "year": year,
                    "from_month": Month(year, 1).as_int,
                    "category": "farmer",
                    "income_fen": None,
                    "rate": "",
                    "amount_fen": amount,
                    "capped": False,
                    "rules": "2017",
                    "declared_on": dt.date(year, 1, 5),
                    "note": "",
                    "active": True,
                    "created_at": now,
                    "created_by": "bench",
                }
            )
        stops = len(months) - rng.randrange(1, 20) if rng.random() < 0.1 else len(months)
        for start in range(0, stops, 3):
            quarter = months[start : min(start + 3, stops)]
            payment_id += 1
            paid_on = quarter[-1].last_day
            payments.append(
                {
                    "id": payment_id,
                    "branch_id": branch_id,
                    "member_id": member_id,
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
                    "created_at": now,
                    "created_by": "bench",
                }
            )
            allocations += [
                {
                    "branch_id": branch_id,
                    "payment_id": payment_id,
                    "member_id": member_id,
                    "month": m.as_int,
                    "amount_fen": amount,
                }
                for m in quarter
            ]
            serials[paid_on.year] = serials.get(paid_on.year, 0) + 1
            receipts.append(
                {
                    "branch_id": branch_id,
                    "payment_id": payment_id,
                    "year": paid_on.year,
                    "serial": serials[paid_on.year],
                    "issued_on": paid_on,
                    "created_at": now,
                }
            )
    with workspace.db.transaction() as session:
        session.execute(insert(DuesStandard), standards)
        session.execute(insert(DuesPayment), payments)
        session.execute(insert(DuesAllocation), allocations)
        session.execute(insert(DuesReceipt), receipts)
    with workspace.db.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    print(
        f"built {len(ids):,} members, {len(payments):,} payments, {len(allocations):,} month allocations "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return workspace, len(ids)


def target_for(members: int) -> float:
    return TARGETS.get(members, 0.5 if members <= 10_000 else 3.0)


def timed(label: str, fn, target: float | None, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    """The median wall time of ``runs`` calls, printed with the median CPU time of this process: on a
    shared machine the CPU time is what a quiet one would show."""
    times, cpu_times = [], []
    result = None
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    median = statistics.median(times)
    cpu = f"(cpu {statistics.median(cpu_times):.3f} s)"
    if target is None:
        print(f"{label:<40} {median:6.3f} s {cpu}")
    else:
        verdict = "ok" if median < target else "TOO SLOW"
        size = len(result.rows) if hasattr(result, "rows") else len(result)  # type: ignore[union-attr, arg-type]
        print(f"{label:<40} {median:6.3f} s {cpu}   target < {target} s   {verdict}   ({size:,} rows)")
    return median


def open_or_build(keep: Path | None, members: int, years: int, last: Month, scratch: Path):  # type: ignore[no-untyped-def]
    folder = (keep or scratch) / str(members)
    if keep is not None and (folder / "dangjian.sqlite3").exists():
        return open_workspace(folder)
    workspace, _count = build(folder, members, years, last)
    return workspace


def bench_one(workspace, members: int, last: Month, scratch: Path) -> bool:  # type: ignore[no-untyped-def]
    """Times one database; True when the year sheet and the arrears list are within their target."""
    target = target_for(members)
    year_time = timed(f"year sheet {last.year}", lambda: dues.year_sheet(workspace, last.year), target)
    arrears_time = timed("arrears list as of today", lambda: dues.arrears(workspace), target)
    workbook = scratch / f"dues-{members}.xlsx"
    report_time = timed(
        "year's workbook (.xlsx)",
        lambda: dues_documents.export_year_report(workspace, last.year, workbook),
        None,
        runs=1,
    )
    print(f"{'':<40} {report_time / members * 1000:6.3f} s per 1,000 members")
    return max(year_time, arrears_time) < target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[10_000, 60_000])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build each database once into this folder and reuse it")
    args = parser.parse_args(argv)
    last = Month.of(dt.date.today())
    within = True
    with tempfile.TemporaryDirectory() as scratch:
        for members in args.members:
            print(f"--- {members:,} members")
            workspace = open_or_build(args.keep, members, args.years, last, Path(scratch))
            try:
                within = bench_one(workspace, members, last, Path(scratch)) and within
            finally:
                workspace.close()  # type: ignore[attr-defined]
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
