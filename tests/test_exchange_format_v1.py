"""Files written by the first version of the exchange (format 1, program 0.1.0, December 2026) are still
read: a village's file onto a new PC and into the township's server, and the township's reply on the PC.

tests/data/exchange/branch-v1.zip and decisions-v1.zip were written once by the program of that time
(tests/data/exchange/make_version_1.py says how) and are never written again. A later format must keep
reading them: when ``format_version`` goes up, the reader of version 1 stays (docs/exchange-format.md,
"Versions"), and these tests keep passing unchanged but for the reader they call. Change the files only
to add a new one beside them for the new version.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from tests.support.exchange import server_dump, server_rows, village_dump

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.services import dues, exchange, home, meetings, notices, server_admin
from dangjian_desktop.services.members import find_member
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store import exchange_file

DATA = Path(__file__).parent / "data" / "exchange"
BRANCH_FILE, DECISIONS_FILE = DATA / "branch-v1.zip", DATA / "decisions-v1.zip"
KEY = "JMU5-XAHA-WF86-YRF3-F7HD-B5FB"  # branch 01's key, with which both files were signed
CODE, NAME = "01", "中共东岭村支部委员会"
NOTICE_NUMBER, NOTICE_CODE = "党务公开〔2026〕1号", "464PHE9B"
HANDUP = "4db0177a-2691-4ef5-bb8a-58a16acb61cf"  # the public id of the dues hand-up the township confirmed
ROWS = {
    "branch": 1, "member": 2, "member_event": 2, "dues_standard": 1, "dues_payment": 1, "dues_allocation": 6,
    "dues_receipt": 1, "dues_handup": 1, "meeting": 1, "meeting_attendance": 2, "activity_book": 1,
    "flowing_stay": 1, "notice": 1, "audit_log": 14,
}  # fmt: skip
# Version 1's first files also carried the change log's entry of the key entered on the PC; since then such
# entries stay where they were made (store/exchange_rows.NOT_TRAVELLING) and an import leaves them out.
ARRIVED = {**ROWS, "audit_log": ROWS["audit_log"] - 1}


def test_the_files_are_what_version_1_wrote():
    branch = exchange_file.read(BRANCH_FILE)
    assert branch.manifest["format_version"] == 1 and branch.manifest["kind"] == "branch"
    assert branch.manifest["branch"]["code"] == CODE and branch.manifest["sequence"] == 1
    assert branch.signed_with(rules.parse_key(KEY))
    assert {table: len(rows.rows) for table, rows in branch.tables.items() if rows.rows} == ROWS
    reply = exchange_file.read(DECISIONS_FILE)
    assert reply.manifest["kind"] == "decisions" and reply.signed_with(rules.parse_key(KEY))
    assert reply.manifest["accepted"]["sequence"] == 1


def _check_the_branch(workspace) -> None:
    """The village's records as the program of version 1 had them."""
    wang = find_member(workspace, "王建国")
    payments = dues.payments_of_member(workspace, wang.id)
    assert [(p.paid_on, p.amount) for p in payments] == [(dt.date(2026, 6, 28), Decimal("90.00"))]
    assert [m.held_on for m in meetings.list_meetings(workspace, 2026)] == [dt.date(2026, 5, 12)]
    verdict = notices.verify(workspace, NOTICE_NUMBER, NOTICE_CODE)
    assert verdict.genuine, verdict.message
    assert find_member(workspace, "赵桂兰").id != wang.id


@pytest.mark.sqlite_only(reason="a new PC's own data folder")
def test_a_version_1_branch_file_onto_a_new_pc_and_its_reply(tmp_path):
    workspace = open_workspace(tmp_path / "data")
    try:
        taken = exchange.import_branch_file(workspace, BRANCH_FILE, KEY)
        assert (taken.code, taken.branch_name, taken.sequence) == (CODE, NAME, 1)
        dump = village_dump(workspace)
        assert {table: len(rows) for table, rows in dump.items() if rows} == ARRIVED
        _check_the_branch(workspace)

        done = exchange.import_decisions(workspace, DECISIONS_FILE)
        assert (done.new, done.updated, done.unchanged, done.accepted_sequence) == (3, 0, 0, 1)
        decided = {d.kind: d for d in exchange.decisions(workspace)}
        assert decided[rules.APPROVAL].subject == "同意赵桂兰外出流动期间参加流入地党组织生活"
        assert decided[rules.HANDUP].refers_to == HANDUP and HANDUP in dump["dues_handup"]
        assert decided[rules.NOTICE].details == "公开期不少于7天"
        assert decided[rules.NOTICE].decided_on == dt.date(2026, 7, 10)
        pages = sorted(i.page for i in home.due_items(workspace) if i.kind == home.TOWNSHIP_REPLY)
        assert pages == ["dues", "exchange", "notices"]
    finally:
        workspace.close()


def test_a_version_1_branch_file_into_the_townships_server(township_db, tmp_path):
    url = township_db.owner_url
    server_admin.add_branch(url, CODE, NAME)
    from dangjian_desktop.services.exchange import common
    from dangjian_desktop.services.server_admin import as_owner

    with as_owner(url) as connection:  # the key the township issued then
        branch = common.branch_by_code(connection, CODE)
        common.store_key(connection, branch.id, rules.parse_key(KEY), "乡镇管理员")
    imported = exchange.import_village_file(url, BRANCH_FILE)
    assert (imported.code, imported.sequence, imported.updated, imported.removed) == (CODE, 1, 1, 0)
    assert imported.new == sum(ARRIVED.values()) - 1
    arrived = server_dump(url, CODE)
    assert {table: len(rows) for table, rows in arrived.items() if rows} == ARRIVED
    assert [name for (name,) in server_rows(url, "SELECT name FROM member ORDER BY name")] == [
        "王建国",
        "赵桂兰",
    ]
    assert server_rows(url, "SELECT amount_fen FROM dues_payment") == [(9000,)]

    reader = open_workspace(tmp_path / "reader", database_url=township_db.url_for("township"))
    try:
        from dangjian_desktop.services import township

        report = township.township_report(reader, 2026, today=dt.date(2026, 7, 20))
    finally:
        reader.close()
    [members] = [row for row in report.members.rows if row.branch == NAME]
    assert members.total == 2
