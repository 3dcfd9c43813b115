"""On the township's PostgreSQL server the database itself keeps the branches apart (issue 18): village A
reads and changes nothing of branch B, through the program's services or through any SQL sent with A's
login; the township login reads everything and changes nothing; the branch is the login's."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy import text

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.services import dues, notices
from dangjian_desktop.services.branch import BranchProfile, load_profile, save_profile
from dangjian_desktop.services.members import add_member, get_member, roster_rows, update_member
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store.db import LookOnly

from ..conftest import make_id_number


def _raw(url: str) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=True)


@pytest.fixture
def villages(township_db, tmp_path):
    """Village A and village B at work, each with a member and a payment."""
    opened = {}
    for login, code in (("village_a", "A"), ("village_b", "B")):
        workspace = open_workspace(tmp_path / login, database_url=township_db.url_for(login))
        member = add_member(
            workspace,
            {"name": f"{code}村党员", "id_number": make_id_number(sequence=3), "joined_date": "1990-05-01"},
        )
        dues.declare_standard(workspace, member.id, year=2026, category="farmer")
        dues.record_payment(
            workspace, member.id, Month(2026, 1), Month(2026, 1), "0.50", paid_on=dt.date(2026, 1, 5)
        )
        opened[code] = (workspace, member.id)
    yield opened
    for workspace, _member in opened.values():
        workspace.close()


def test_the_login_decides_the_branch_never_the_first_one(township_db, villages):
    (a, _), (b, _) = villages["A"], villages["B"]
    assert (a.branch_id, b.branch_id) == (township_db.branch_ids["A"], township_db.branch_ids["B"])
    save_profile(b, BranchProfile(name="中共红旗村支部委员会", secretary="李书记"))
    assert load_profile(a).name == "中共前进村支部委员会"  # B's first start renamed nothing of A's
    assert load_profile(b).secretary == "李书记"


def test_village_a_gets_nothing_of_branch_b_through_the_services(villages):
    (a, _), (_b, b_member) = villages["A"], villages["B"]
    assert [row.name for row in roster_rows(a)] == ["A村党员"]
    with pytest.raises(AppError):
        get_member(a, b_member)
    with pytest.raises(AppError):
        update_member(a, b_member, {"name": "改名", "id_number": make_id_number(sequence=3)})
    with pytest.raises(AppError):
        dues.record_payment(a, b_member, Month(2026, 2), Month(2026, 2), "0.50")
    assert dues.payments_of_member(a, b_member) == []


def test_village_a_gets_nothing_of_branch_b_through_raw_sql(township_db, villages):
    _b, b_member = villages["B"]
    branch_b = township_db.branch_ids["B"]
    with _raw(township_db.url_for("village_a")) as connection:
        assert connection.execute("SELECT count(*) FROM member WHERE id = %s", (b_member,)).fetchone() == (0,)
        assert connection.execute(
            "SELECT count(*) FROM dues_payment WHERE branch_id = %s", (branch_b,)
        ).fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM branch").fetchone() == (1,)
        assert connection.execute("UPDATE member SET name = 'x' WHERE id = %s", (b_member,)).rowcount == 0
        assert connection.execute("DELETE FROM dues_receipt WHERE branch_id = %s", (branch_b,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a row written into branch B
            connection.execute(
                "INSERT INTO setting (branch_id, key, value) VALUES (%s, 'x', 'y')", (branch_b,)
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the accounts are not hers to read
            connection.execute("SELECT * FROM dangjian_account")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor to give herself another branch
            connection.execute("UPDATE dangjian_account SET branch_id = %s", (branch_b,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the change log only grows
            connection.execute("DELETE FROM audit_log")
    with _raw(township_db.owner_url) as owner:  # all of B is still there
        assert owner.execute("SELECT name FROM member WHERE id = %s", (b_member,)).fetchone() == ("B村党员",)


_EVENT = (
    "INSERT INTO member_event (branch_id, member_id, kind, status_before, status_after, reason, recorded_at, "
    "recorded_by) VALUES (%s, %s, 'note', '', '', '', now(), '')"
)


def test_a_reference_to_another_branchs_row_is_refused_by_the_database(township_db, villages):
    (_a, a_member), (_b, b_member) = villages["A"], villages["B"]
    branch_a = township_db.branch_ids["A"]
    with _raw(township_db.url_for("village_a")) as connection:
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            connection.execute(
                _EVENT,
                (branch_a, b_member),
            )
    with _raw(township_db.owner_url) as owner:  # even the owner, who sees every row, cannot mix branches
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            owner.execute(
                _EVENT,
                (branch_a, b_member),
            )
        owner.execute(
            _EVENT,
            (branch_a, a_member),
        )


def test_a_draft_cannot_refer_to_another_branchs_notice(villages):
    (a, _), (b, _) = villages["A"], villages["B"]
    b_notice = notices.create_draft(b, "free", title="红旗村公示", body="内容")
    with pytest.raises(AppError):
        notices.create_draft(a, "free", title="更正", body="内容", refers_to=b_notice.id)


def test_the_township_reads_every_branch_and_changes_none(township_db, villages, tmp_path):
    township = open_workspace(tmp_path / "township", database_url=township_db.url_for("township"))
    try:
        assert township.is_township and township.read_only and township.branch_id is None
        with pytest.raises(AppError):
            add_member(township, {"name": "乡镇", "id_number": make_id_number(sequence=5)})
    finally:
        township.close()
    with _raw(township_db.url_for("township")) as connection:
        assert connection.execute("SELECT count(*) FROM member").fetchone() == (2,)
        assert connection.execute("SELECT count(DISTINCT branch_id) FROM dues_payment").fetchone() == (2,)
        for statement in (
            "UPDATE member SET name = 'x'",
            "DELETE FROM dues_allocation",
            "INSERT INTO setting (branch_id, key, value) VALUES (1, 'x', 'y')",
            "UPDATE branch SET name = 'x'",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)


def test_the_change_log_names_the_login_that_wrote_it(township_db, villages):
    with _raw(township_db.owner_url) as owner:
        logins = dict(
            owner.execute("SELECT branch_id, min(login) FROM audit_log GROUP BY branch_id").fetchall()
        )
    assert logins == {township_db.branch_ids["A"]: "village_a", township_db.branch_ids["B"]: "village_b"}


def test_a_write_on_a_read_only_server_workspace_is_said_in_words(township_db, tmp_path):
    township = open_workspace(tmp_path / "t", database_url=township_db.url_for("township"))
    try:
        with pytest.raises(LookOnly, match="只能查看"), township.db.transaction() as session:
            session.execute(text("UPDATE branch SET name = 'x'"))
    finally:
        township.close()
