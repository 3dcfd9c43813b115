"""By hand, on PostgreSQL: the schema migrates, two processes paying one member's month at the same
instant store one payment (the other is refused in words), two publishing at once get consecutive
notice numbers, and a reversed month can be paid again.

    pip install "psycopg[binary]"
    .venv/bin/python scripts/check_postgres_numbering.py postgresql+psycopg://USER@HOST:PORT/DB

The database is emptied first (DROP SCHEMA public CASCADE): use a scratch database. Exits 1 when any race
went wrong.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

ROUNDS = 10


def _workspace(url: str, folder: str):  # noqa: ANN202
    from dangjian_desktop.services.workspace import Workspace
    from dangjian_desktop.store.db import Database

    workspace = Workspace(folder=Path(folder), db=Database(url), branch_id=None)
    workspace.refresh_branch()
    return workspace


def _run(job, url: str, folder: str, arg: int, go, out) -> None:  # noqa: ANN001
    from dangjian_desktop.domain.errors import AppError

    workspace = _workspace(url, folder)
    while not go.is_set():
        pass
    try:
        out.put(("ok", job(workspace, arg)))
    except AppError as error:
        out.put(("refused", error.message))
    except Exception as error:  # noqa: BLE001 - what this script looks for
        out.put(("CRASH", repr(error)))


def _pay(workspace, member_id: int) -> str:  # noqa: ANN001
    from dangjian_desktop.domain.dues import Month
    from dangjian_desktop.services import dues

    month = Month.of(dt.date.today())
    return dues.record_payment(workspace, member_id, month, month, "0.50").receipt_number


def _publish(workspace, draft_id: int) -> str:  # noqa: ANN001
    from dangjian_desktop.services import notices

    return notices.publish(workspace, draft_id).number


def _race(job, url: str, folder: str, args: list[int]) -> list[tuple[str, str]]:  # noqa: ANN001
    go, out = mp.Event(), mp.Queue()
    processes = [mp.Process(target=_run, args=(job, url, folder, arg, go, out)) for arg in args]
    for process in processes:
        process.start()
    time.sleep(1.5)  # both connected and waiting
    go.set()
    for process in processes:
        process.join()
    return [out.get() for _ in processes]


def main(url: str) -> int:
    from dangjian_desktop.domain.idnumber import check_digit
    from dangjian_desktop.services import dues, notices
    from dangjian_desktop.services.branch import BranchProfile, save_profile
    from dangjian_desktop.services.members import add_member
    from dangjian_desktop.store.db import Database
    from dangjian_desktop.store.migrate import upgrade_to_head

    database = Database(url)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    upgrade_to_head(database.engine)
    folder = tempfile.mkdtemp(prefix="dangjian-pg-")
    workspace = _workspace(url, folder)
    save_profile(
        workspace, BranchProfile(name="中共前进村支部委员会", township="城关镇党委", county="平安县")
    )
    workspace.refresh_branch()
    wrong = 0
    for index in range(ROUNDS):
        first17 = f"37010219700101{2 * index + 1:03d}"
        member = add_member(
            workspace,
            {
                "name": f"老党员{index + 1}",
                "id_number": first17 + check_digit(first17),
                "joined_date": "1995-01-01",
            },
        )
        dues.declare_standard(workspace, member.id, year=dt.date.today().year, category="farmer")
        results = _race(_pay, url, folder, [member.id, member.id])
        with database.engine.connect() as connection:
            stored = connection.execute(
                text("SELECT count(*) FROM dues_payment WHERE member_id = :m"), {"m": member.id}
            ).scalar()
        print("pay", results, "stored:", stored)
        wrong += sorted(kind for kind, _ in results) != ["ok", "refused"] or stored != 1
    for _round in range(ROUNDS // 2):
        drafts = [
            notices.create_draft(workspace, "free", title="通知", body="本周六上午开会。").id for _ in (1, 2)
        ]
        results = _race(_publish, url, folder, drafts)
        print("publish", results)
        wrong += any(kind == "CRASH" for kind, _ in results)
    with database.engine.connect() as connection:
        sequences = (
            connection.execute(text("SELECT sequence FROM notice WHERE sequence IS NOT NULL ORDER BY 1"))
            .scalars()
            .all()
        )
    print("notice numbers", sequences)
    wrong += sequences != list(range(1, len(sequences) + 1))
    print("wrong:", wrong)
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
