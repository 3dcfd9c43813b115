"""How branch-v1.zip and decisions-v1.zip were written (exchange format 1, program 0.1, December 2026).

Kept to say what the files hold, not to be run again: tests/test_exchange_format_v1.py reads the files as
they were written then, and a later program must keep reading them. Run (once, by hand) with a
PostgreSQL superuser's URL:

    python tests/data/exchange/make_version_1.py postgresql://postgres:postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import psycopg

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import dues, exchange, flowing, meetings, notices, server_admin
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.exchange import common
from dangjian_desktop.services.members import add_member
from dangjian_desktop.services.server_admin import as_owner
from dangjian_desktop.services.workspace import open_workspace

KEY = "JMU5-XAHA-WF86-YRF3-F7HD-B5FB"  # branch 01's key (tests/test_exchange_format_v1.py)
CODE, NAME = "01", "中共东岭村支部委员会"
HERE = Path(__file__).resolve().parent


def _id(birth: str, sequence: int) -> str:
    first17 = f"370124{birth}{sequence:03d}"
    return first17 + check_digit(first17)


def village(folder: Path) -> Path:
    workspace = open_workspace(folder)
    try:
        save_profile(
            workspace, BranchProfile(name=NAME, township="城关镇党委", county="平安县", secretary="王建国")
        )
        wang = add_member(
            workspace,
            {
                "name": "王建国",
                "id_number": _id("19650312", 1),
                "joined_date": "1988-07-01",
                "office": "书记",
            },
        ).id
        zhao = add_member(
            workspace, {"name": "赵桂兰", "id_number": _id("19900909", 2), "joined_date": "2015-07-01"}
        ).id
        dues.declare_standard(workspace, wang, year=2026, category="employed", income="3000")  # 15.00 a month
        dues.record_payment(
            workspace,
            wang,
            Month(2026, 1),
            Month(2026, 6),
            "90",
            paid_on=dt.date(2026, 6, 28),
            today=dt.date(2026, 7, 1),
        )
        dues.record_handup(workspace, handed_on=dt.date(2026, 7, 5), amount="90", receiver="城关镇党委组织办")
        meetings.record_meeting(
            workspace, {"kind": "支部党员大会", "held_on": dt.date(2026, 5, 12), "topic": "学习党章"}
        )
        flowing.register_leave(workspace, zhao, {"since": "2026-03-01", "destination": "江苏省苏州市昆山市"})
        draft = notices.create_draft(
            workspace,
            "free",
            title="关于召开党员大会的通知",
            body="定于5月12日召开党员大会。",
            today=dt.date(2026, 5, 5),
        )
        notice = notices.publish(workspace, draft.id, now=dt.datetime(2026, 5, 5, 9))
        print("notice", notice.number, notice.check_code)
        exchange.enter_key(workspace, CODE, KEY)
        return exchange.export_branch(workspace, HERE / "branch-v1.zip").path
    finally:
        workspace.close()


def township(superuser_url: str, branch_file: Path) -> Path:
    database = "dangjian_make_version_1"
    with psycopg.connect(superuser_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {database}")
    url = superuser_url.rsplit("/", 1)[0] + "/" + database
    server_admin.init_database(url)
    branch_id = server_admin.add_branch(url, CODE, NAME, township="城关镇党委")
    with as_owner(url) as connection:
        common.store_key(connection, branch_id, rules.parse_key(KEY), "乡镇管理员")
    exchange.import_village_file(url, branch_file)
    handup = next(row for row in exchange_file_rows(branch_file, "dues_handup"))
    exchange.add_decision(
        url,
        CODE,
        rules.APPROVAL,
        "同意赵桂兰外出流动期间参加流入地党组织生活",
        decided_on=dt.date(2026, 7, 8),
        decided_by="镇党委",
    )
    exchange.add_decision(
        url,
        CODE,
        rules.HANDUP,
        "收到上缴党费90元",
        refers_to=handup,
        decided_on=dt.date(2026, 7, 6),
        decided_by="组织办",
    )
    exchange.add_decision(url, CODE, rules.NOTICE, "请公开2026年上半年党费收缴情况", details="公开期不少于7天", decided_on=dt.date(2026, 7, 10), decided_by="镇党委")  # fmt: skip
    path = exchange.export_decisions(url, CODE, HERE / "decisions-v1.zip")
    with psycopg.connect(superuser_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    return path


def exchange_file_rows(path: Path, table: str) -> list[str]:
    from dangjian_desktop.store import exchange_file

    rows = exchange_file.read(path).tables[table]
    return [row[rows.columns.index("public_id")] for row in rows.rows]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        written = village(Path(folder) / "data")
    print(written, township(sys.argv[1], written))
