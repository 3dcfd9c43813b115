"""Numbers on paper are never issued twice, and a month is never paid twice (issues 13 and 16).

- the database itself refuses a second live payment of a member's month; a reversed one does not block;
- the migration that adds this reports months already paid twice and deletes nothing;
- receipt, activity-book and notice numbers continue after the highest ever issued, also after an older
  backup is restored, and the restore says which numbers the restored data lacks;
- the ledger of issued numbers survives damaged lines.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.notices import format_notice_number
from dangjian_desktop.services import backups, dues, flowing, notices
from dangjian_desktop.services.audit_log import recent_entries
from dangjian_desktop.services.dues import payments as dues_payments
from dangjian_desktop.services.members import add_member
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store.dues_models import DuesAllocation, DuesPayment
from dangjian_desktop.store.numbers import LEDGER_FILE, RECEIPT, NumberLedger, Series
from support.old_schema import undo_dues_public_ids

from ..conftest import make_id_number

TODAY = dt.date.today()
MONTH = Month.of(TODAY)


# about the PC's own SQLite file (not run with DANGJIAN_TEST_ENGINE=postgresql):
SQLITE_LOCK = pytest.mark.sqlite_only(reason="another program holding SQLite's file lock (BEGIN IMMEDIATE)")
OLD_FILE = pytest.mark.sqlite_only(reason="an older SQLite file, rewritten with sqlite3, upgraded at start")
RESTORE = pytest.mark.sqlite_only(reason="backup and restore of the PC's file; a server's is the township's")


@pytest.fixture
def members(workspace):
    ids = []
    for index, name in enumerate(("张三", "李四", "王五")):
        member = add_member(
            workspace,
            {"name": name, "id_number": make_id_number(sequence=2 * index + 1), "joined_date": "1995-01-01"},
        )
        dues.declare_standard(workspace, member.id, year=MONTH.year, category="farmer")
        ids.append(member.id)
    return ids


def _pay(workspace, member_id: int, month: Month = MONTH) -> dues.PaymentInfo:
    return dues.record_payment(workspace, member_id, month, month, "0.50", paid_on=TODAY, today=TODAY)


def _allocations(workspace, member_id: int) -> list[tuple[int, int, int]]:
    with workspace.db.transaction() as session:
        rows = session.execute(
            select(DuesAllocation.month, DuesAllocation.amount_fen, DuesAllocation.generation)
            .where(DuesAllocation.member_id == member_id)
            .order_by(DuesAllocation.id)
        )
        return [tuple(row) for row in rows]


def _insert_allocation(workspace, payment_id: int, member_id: int, amount_fen: int, generation: int) -> None:
    with workspace.db.transaction() as session:
        session.execute(
            insert(DuesAllocation),
            [
                {
                    "branch_id": workspace.branch_id,
                    "payment_id": payment_id,
                    "member_id": member_id,
                    "month": MONTH.as_int,
                    "amount_fen": amount_fen,
                    "generation": generation,
                }
            ],
        )


# --- one live payment per member and month ---------------------------------------------------------


def test_the_database_refuses_a_second_live_payment_and_a_reversal_frees_the_month(workspace, members):
    zhang = members[0]
    first = _pay(workspace, zhang)
    with pytest.raises(IntegrityError):  # written around the program's own check
        _insert_allocation(workspace, first.id, zhang, 50, 0)

    reversal = dues.reverse_payment(workspace, first.id, "记错了人")
    with pytest.raises(IntegrityError):  # the same payment cannot be reversed twice either
        _insert_allocation(workspace, reversal.id, zhang, -50, 0)
    second = _pay(workspace, zhang)  # a reversed payment does not block paying the month again
    assert second.receipt_number != first.receipt_number
    with pytest.raises(IntegrityError):
        _insert_allocation(workspace, first.id, zhang, 50, 1)
    dues.reverse_payment(workspace, second.id, "又记错了")
    _pay(workspace, zhang)
    month = MONTH.as_int
    assert _allocations(workspace, zhang) == [
        (month, 50, 0),
        (month, -50, 0),
        (month, 50, 1),
        (month, -50, 1),
        (month, 50, 2),
    ]
    with pytest.raises(FieldErrors, match="已经交过"):
        _pay(workspace, zhang)


def test_a_month_paid_in_another_window_a_moment_ago_is_refused_in_words(workspace, members, monkeypatch):
    """As if the other window's payment was not yet visible to the program's own check: the unique
    index refuses it, and the secretary reads a sentence, not an IntegrityError."""
    zhang = members[0]
    first = _pay(workspace, zhang)
    monkeypatch.setattr(dues_payments, "_paid_months", lambda *_args: [])
    with pytest.raises(FieldErrors) as refused:
        _pay(workspace, zhang)
    assert "张三" in refused.value.message and "已经交过" in refused.value.message
    with workspace.db.transaction() as session:
        payments = session.scalars(select(DuesPayment.id).where(DuesPayment.member_id == zhang)).all()
    assert payments == [first.id]  # nothing half-written: no payment, no receipt, no audit entry
    assert [p.receipt_number for p in dues.payments_of_member(workspace, zhang)] == [first.receipt_number]


@SQLITE_LOCK
def test_a_busy_database_is_reported_in_words(workspace, members, monkeypatch):
    from dangjian_desktop.store import db as store_db

    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(workspace.db_path)
    other.execute("BEGIN IMMEDIATE")  # another program is in the middle of saving
    try:
        fresh = open_workspace(workspace.folder, daily_backup=False)
        try:
            with pytest.raises(AppError) as busy:
                _pay(fresh, members[0])
        finally:
            fresh.close()
    finally:
        other.rollback()
        other.close()
    assert "另一个程序窗口或命令正在保存" in busy.value.message
    assert dues.payments_of_member(workspace, members[0]) == []


# --- the migration reports what is already stored twice ---------------------------------------------


MIGRATION = "0002_01"  # the migration that adds the generation and the unique indexes


def _as_before_the_migration(path) -> None:
    """The data as the program before this version left it: no generation column, no unique index, and
    the schema version says so (other migrations of the dues branch after it stay applied)."""
    from dangjian_desktop.store.migrate import _revision_graph

    graph = _revision_graph()

    def ancestors(revision: str) -> set[str]:
        found, todo = set(), [revision]
        while todo:
            for parent in graph[todo.pop()]:
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    connection = sqlite3.connect(path)
    undo_dues_public_ids(connection.execute)
    connection.execute("DROP INDEX uq_dues_allocation_paid")
    connection.execute("DROP INDEX uq_dues_allocation_reversed")
    connection.execute("ALTER TABLE dues_allocation DROP COLUMN generation")
    connection.execute("DELETE FROM alembic_version WHERE version_num = ?", (MIGRATION,))
    remaining = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    (parent,) = graph[MIGRATION]
    if not any(parent in ancestors(revision) for revision in remaining):
        connection.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (parent,))
    connection.commit()
    connection.close()


def _copy_payment(path, payment_id: int, receipt_serial: int) -> None:
    """A second payment of the same month, as two windows could store it before this version."""
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(dues_payment)") if row[1] != "id"]
    cursor = connection.execute(
        f"INSERT INTO dues_payment ({', '.join(columns)}) SELECT {', '.join(columns)} FROM dues_payment "
        "WHERE id = ?",
        (payment_id,),
    )
    copy = cursor.lastrowid
    connection.execute(
        "INSERT INTO dues_allocation (branch_id, payment_id, member_id, month, amount_fen) "
        "SELECT branch_id, ?, member_id, month, amount_fen FROM dues_allocation WHERE payment_id = ?",
        (copy, payment_id),
    )
    connection.execute(
        "INSERT INTO dues_receipt (branch_id, payment_id, year, serial, issued_on, created_at) "
        "SELECT branch_id, ?, year, ?, issued_on, created_at FROM dues_receipt WHERE payment_id = ?",
        (copy, receipt_serial, payment_id),
    )
    connection.commit()
    connection.close()


@OLD_FILE
def test_the_migration_reports_months_paid_twice_and_deletes_nothing(workspace, members):
    zhang, li, _wang = members
    paid = _pay(workspace, zhang)
    reversed_payment = _pay(workspace, li)
    dues.reverse_payment(workspace, reversed_payment.id, "记错了")
    li_again = _pay(workspace, li)  # the month paid again after a reversal: not a double
    workspace.close()
    _as_before_the_migration(workspace.db_path)
    _copy_payment(workspace.db_path, paid.id, receipt_serial=90)

    upgraded = open_workspace(workspace.folder, daily_backup=False)
    try:
        assert len(upgraded.notes) == 1
        note = upgraded.notes[0]
        year = TODAY.year
        assert "张三" in note and "记了 2 次" in note and "没有删除" in note and "冲销" in note
        assert f"收据 {paid.receipt_number}" in note and f"收据 {year}-0090" in note
        assert str(MONTH.year) in note and str(MONTH.month) in note
        entries = recent_entries(upgraded, table="dues_payment")
        assert any(entry.action == "check" and entry.summary == note for entry in entries)
        assert len(dues.payments_of_member(upgraded, zhang)) == 2  # both kept
        month = MONTH.as_int
        assert _allocations(upgraded, zhang) == [(month, 50, 0), (month, 50, 1)]
        assert _allocations(upgraded, li) == [(month, 50, 0), (month, -50, 0), (month, 50, 1)]
        # From now on the database refuses a third: reverse the extra one, and the month stays paid.
        with pytest.raises(FieldErrors, match="已经交过"):
            _pay(upgraded, zhang)
        extra = dues.payments_of_member(upgraded, zhang)[0]
        dues.reverse_payment(upgraded, extra.id, "重复记录")
        with pytest.raises(FieldErrors, match="已经交过"):
            _pay(upgraded, li)
        assert li_again.receipt_number
    finally:
        upgraded.close()


@OLD_FILE
def test_the_migration_is_silent_when_nothing_is_stored_twice(workspace, members):
    _pay(workspace, members[0])
    workspace.close()
    _as_before_the_migration(workspace.db_path)
    upgraded = open_workspace(workspace.folder, daily_backup=False)
    try:
        assert upgraded.notes == []
        assert [e for e in recent_entries(upgraded, table="dues_payment") if e.action == "check"] == []
    finally:
        upgraded.close()


# --- numbers on paper after a restore ------------------------------------------------------------------


@RESTORE
def test_backup_pay_restore_pay_gives_a_new_receipt_number_and_names_the_missing_one(workspace, members):
    zhang, li, wang = members
    _pay(workspace, zhang)
    backup = backups.back_up_now(workspace)
    printed = [_pay(workspace, li).receipt_number, _pay(workspace, wang).receipt_number]

    restored = backups.restore(workspace, backup)

    year = TODAY.year
    assert printed == [f"{year}-0002", f"{year}-0003"]
    assert restored.notes[0] == f"收据 {year}-0002 至 {year}-0003 已经开出，但恢复的数据里没有，请补录。"
    assert "新的编号" in restored.notes[-1]
    again = _pay(workspace, li)
    assert again.receipt_number == f"{year}-0004"  # not 0002 again: that one is on paper already
    assert backups.restore(workspace, backup).notes[0] == (
        f"收据 {year}-0002 至 {year}-0004 已经开出，但恢复的数据里没有，请补录。"
    )


@RESTORE
def test_restoring_the_latest_data_names_no_number(workspace, members):
    _pay(workspace, members[0])
    backup = backups.back_up_now(workspace)
    assert backups.restore(workspace, backup).notes == []


@RESTORE
def test_notice_and_book_numbers_continue_after_a_restore(workspace, members):
    zhang, li, _wang = members
    year = TODAY.year
    backup = backups.back_up_now(workspace)
    draft = notices.create_draft(workspace, "free", title="通知", body="本周六上午开会。")
    first = notices.publish(workspace, draft.id)
    since = (TODAY - dt.timedelta(days=30)).isoformat()
    leave = {"since": since, "destination": "江苏省苏州市昆山市", "home_contact": "李红梅"}
    book = flowing.register_leave(workspace, zhang, leave).book

    notes = backups.restore(workspace, backup).notes

    assert first.number == format_notice_number(year, 1) and book.number == f"{year}-001"
    assert f"活动证 {year}-001 已经发出，但恢复的数据里没有，请补录。" in notes
    assert f"{format_notice_number(year, 1)} 已经发布，但恢复的数据里没有，请补录。" in notes
    draft = notices.create_draft(workspace, "free", title="通知", body="本周六上午开会。")
    assert notices.publish(workspace, draft.id).number == format_notice_number(year, 2)
    assert flowing.register_leave(workspace, li, leave).book.number == f"{year}-002"


@RESTORE
def test_a_number_saved_before_the_ledger_existed_is_still_never_reused(workspace, members):
    """Data from a version without the ledger (or a line lost to a power cut right after saving): the
    numbers in the data are added to the ledger when the program opens the data."""
    _pay(workspace, members[0])
    backup = backups.back_up_now(workspace)
    issued = _pay(workspace, members[1]).receipt_number
    workspace.close()
    (workspace.folder / LEDGER_FILE).unlink()
    reopened = open_workspace(workspace.folder, daily_backup=False)
    try:
        notes = backups.restore(reopened, backup).notes
        assert notes[0].startswith(f"收据 {issued} 已经开出")
        assert _pay(reopened, members[1]).receipt_number > issued
    finally:
        reopened.close()


# --- the ledger file ----------------------------------------------------------------------------------


def test_the_ledger_skips_damaged_lines_and_keeps_the_others(tmp_path):
    ledger = NumberLedger(tmp_path)
    series = Series(RECEIPT, 1, 2026)
    ledger.record([(series, 1), (series, 2)])
    with ledger.path.open("a", encoding="utf-8") as handle:
        handle.write("receipt 1 2026 99 00000000\n")  # a changed number: the checksum no longer fits
        handle.write("\x00\x00\x00garbage\n")
        handle.write("receipt 1 20")  # cut short by a power failure
    ledger.record([(series, 3)])
    assert ledger.highest() == {series: 3}
    text = ledger.path.read_text(encoding="utf-8")
    assert text.startswith("# ") and "请不要删除" in text
    assert text.splitlines()[-1].startswith("receipt 1 2026 3 ")


def test_a_long_ledger_is_compacted_to_the_highest_numbers(tmp_path):
    ledger = NumberLedger(tmp_path)
    series, other = Series(RECEIPT, 1, 2026), Series("notice", 1, 2025)
    ledger.record([(series, n) for n in range(1, 2500)] + [(other, 7)])
    ledger.compact_if_long()
    assert ledger.highest() == {series: 2499, other: 7}
    assert len(ledger.path.read_text(encoding="utf-8").splitlines()) == 4  # two comment lines, two numbers
    assert not list(tmp_path.glob("*.partial"))


def test_a_number_taken_in_spite_of_the_lock_is_reported_in_words(workspace, monkeypatch):
    """Should another writer (not this program's lock) have taken the number, the database refuses the
    second, and the secretary reads a sentence instead of an IntegrityError; nothing is half-written."""
    from dangjian_desktop.services import numbering

    first = notices.publish(
        workspace, notices.create_draft(workspace, "free", title="通知", body="开会。").id
    )
    draft = notices.create_draft(workspace, "free", title="通知二", body="开会。")
    monkeypatch.setattr(numbering, "highest_in_data", lambda *_args: 0)
    (workspace.folder / LEDGER_FILE).unlink()
    with pytest.raises(numbering.SavedAtTheSameTime) as refused:
        notices.publish(workspace, draft.id)
    assert "同一时刻" in refused.value.message and "没有保存" in refused.value.message
    assert notices.get_notice(workspace, draft.id).is_draft
    assert [n.number for n in notices.list_notices(workspace) if not n.is_draft] == [first.number]


@OLD_FILE
def test_the_command_line_says_what_the_migration_found(workspace, members, capsys):
    from dangjian_desktop import cli

    paid = _pay(workspace, members[0])
    workspace.close()
    _as_before_the_migration(workspace.db_path)
    _copy_payment(workspace.db_path, paid.id, receipt_serial=90)
    code = cli.main(["--data-dir", str(workspace.folder), "dues", "arrears"])
    err = capsys.readouterr().err
    assert code == 0
    assert "张三" in err and "记了 2 次" in err and "冲销" in err
