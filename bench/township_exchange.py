"""The village files for ``bench_township.py --exchange``: for each branch, a village PC's data folder
(SQLite, made by ``open_workspace``, its profile saved and the township's code and key entered through the
program's services) filled with township_data's members and 5 years of dues (standards, payments,
receipts, month allocations, hand-ups) by bulk insert, with the change log a secretary's work would have
left (one entry per member, standard, payment and hand-up, as the services write them), and then
written by the program's own 上报数据到乡镇 (``services.exchange.export_branch``): the rows travel exactly
as a village sends them (public ids, references as public ids, signed with the branch's key).

The files and their keys are kept in a folder with ``files.json``; a later run with the same size reuses
them (``--keep``).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import township_data as data
from sqlalchemy import insert

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import exchange
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store.schema import metadata

# inserted in this order (a row's references first), then the change log
TABLES = ("member", "dues_standard", "dues_payment", "dues_receipt", "dues_allocation", "dues_handup")
LISTING = "files.json"
SECRETARY = "王书记"
MEMBER_FIELDS = (
    "name", "sex", "ethnicity", "birth_date", "id_number", "education", "category", "joined_date",
    "full_member_date", "party_group", "office", "occupation", "phone", "address", "dues_category",
    "flowing", "away_place", "status",
)  # fmt: skip


@dataclass(frozen=True)
class VillageFile:
    number: int
    code: str
    key: str
    path: Path
    rows: int  # rows of the file's tables (the branch's profile included)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _entry(
    branch_id: int, table: str, row_id: int, at: dt.datetime, summary: str, after: dict[str, Any]
) -> dict[str, Any]:
    return {
        "branch_id": branch_id,
        "at": at,
        "user": SECRETARY,
        "table_name": table,
        "record_id": row_id,
        "action": "insert",
        "summary": summary,
        "before": None,
        "after": json.dumps(after, ensure_ascii=False, sort_keys=True),
    }


def change_log(village: data.Village) -> list[dict[str, Any]]:
    """The entries the services would have written for these rows (store/audit.py's form): a member
    added, a standard declared, a payment with its months and receipt, a hand-up."""
    branch = village.branch_id
    names = {m["id"]: m["name"] for m in village.members}
    entries = [
        _entry(
            branch,
            "member",
            m["id"],
            m["created_at"],
            m["name"],
            {k: _plain(m.get(k)) for k in MEMBER_FIELDS},
        )
        for m in village.members
    ]
    for s in village.tables.get("dues_standard", []):
        after = {
            "amount": _yuan(s["amount_fen"]), "capped": False, "category": s["category"],
            "from_month": str(Month.from_int(s["from_month"])), "id": s["id"], "income": None,
            "member_id": s["member_id"], "note": "", "rate": "", "rules": s["rules"], "year": s["year"],
        }  # fmt: skip
        summary = f"{names[s['member_id']]} {s['year']} {_yuan(s['amount_fen'])}"
        entries.append(_entry(branch, "dues_standard", s["id"], s["created_at"], summary, after))
    months: dict[int, dict[str, str]] = {}
    for a in village.tables.get("dues_allocation", []):
        months.setdefault(a["payment_id"], {})[str(Month.from_int(a["month"]))] = _yuan(a["amount_fen"])
    receipts = {
        r["payment_id"]: f"{r['year']}-{r['serial']:04d}" for r in village.tables.get("dues_receipt", [])
    }
    for p in village.tables.get("dues_payment", []):
        first, last = Month.from_int(p["first_month"]), Month.from_int(p["last_month"])
        after = {
            "amount": _yuan(p["amount_fen"]), "collector": p["collector"], "extra": "0.00",
            "member_id": p["member_id"], "method": p["method"], "months": months.get(p["id"], {}),
            "paid_on": p["paid_on"].isoformat(), "paid_where": "", "reason": "", "receipt": receipts.get(p["id"]),
            "to_central": False,
        }  # fmt: skip
        summary = f"{names[p['member_id']]} {first} — {last} {_yuan(p['amount_fen'])}"
        entries.append(_entry(branch, "dues_payment", p["id"], p["created_at"], summary, after))
    for h in village.tables.get("dues_handup", []):
        after = {k: _plain(v) for k, v in h.items() if k not in ("branch_id", "created_at", "created_by")}
        summary = f"{h['receiver']} {_yuan(h['amount_fen'])}"
        entries.append(_entry(branch, "dues_handup", h["id"], h["created_at"], summary, after))
    entries.sort(key=lambda entry: entry["at"])
    return entries


def make_file(folder: Path, number: int, code: str, key: str, size: Any) -> VillageFile:
    """One village's PC, filled and exported; returns the file the program wrote."""
    now = dt.datetime.combine(size.first.first_day, dt.time(8))
    with tempfile.TemporaryDirectory(prefix="bench-village-") as data_folder:
        workspace = open_workspace(data_folder, daily_backup=False)
        try:
            profile = BranchProfile(
                name=f"中共{data.village_name(number)}支部委员会", township="中共青山镇委员会",
                county="平安县", secretary=SECRETARY, phone="0531-88886666",
            )  # fmt: skip
            save_profile(workspace, profile)
            exchange.enter_key(workspace, code, key)
            village = data.Village(workspace.require_branch())
            ids = data.Ids()
            data.members(village, ids, number, size.members, now)
            data.dues(village, ids, random.Random(number), size.first, size.last, size.today)
            entries = change_log(village)
            with workspace.db.engine.begin() as connection:
                for table in TABLES:
                    if village.count(table):
                        connection.execute(insert(metadata.tables[table]), village.tables[table])
                connection.execute(insert(metadata.tables["audit_log"]), entries)
            sent = exchange.export_branch(workspace, folder)
        finally:
            workspace.close()
    return VillageFile(number, code, key, sent.path, sum(sent.areas.values()))


def _listing(folder: Path, marker: str) -> list[VillageFile] | None:
    try:
        listing = json.loads((folder / LISTING).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if listing.get("marker") != marker:
        return None
    found = [
        VillageFile(int(f["number"]), f["code"], f["key"], folder / f["file"], int(f["rows"]))
        for f in listing["files"]
    ]
    return found if all(f.path.is_file() for f in found) else None


def village_files(
    folder: Path, marker: str, size: Any, code_of: Callable[[int], str], say: Callable[[str], None]
) -> list[VillageFile]:
    """The files of ``size.branches`` villages in ``folder``: the first ones of those kept from a run of
    the same size (members, years, day), else made anew (a few seconds each)."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = _listing(folder, marker)
    if kept is not None and len(kept) >= size.branches:
        say(f"reusing {size.branches} of the {len(kept)} village files in {folder}")
        return kept[: size.branches]
    for old in folder.glob("*.zip"):
        old.unlink()
    (folder / LISTING).unlink(missing_ok=True)
    started = time.perf_counter()
    made = []
    for number in range(1, size.branches + 1):
        made.append(make_file(folder, number, code_of(number), rules.new_key(), size))
        elapsed = time.perf_counter() - started
        say(
            f"village file {number}/{size.branches}: {made[-1].path.name}, {made[-1].rows:,} rows, "
            f"{made[-1].path.stat().st_size / 1e6:.1f} MB ({elapsed:.0f} s, ~{elapsed / number * size.branches:.0f} s in all)"
        )
    listing = {
        "marker": marker,
        "files": [
            {"number": f.number, "code": f.code, "key": f.key, "file": f.path.name, "rows": f.rows}
            for f in made
        ],
    }
    (folder / LISTING).write_text(json.dumps(listing, ensure_ascii=False, indent=1), encoding="utf-8")
    return made
