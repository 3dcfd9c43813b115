"""On the township's server the tables of the USB exchange (issue 19) are protected as their use asks, for
any SQL sent with a login: a village reads neither a branch's signing key (not even its own) nor the
township's log of files received; it keeps its log of files sent like any business table; it reads its own
branch's township decisions and changes none. The township reads all of them and writes the decisions of
any branch, with their entries in the change log (and no other entry); nobody but the owner deletes.
A refusal is recognised by PostgreSQL's code (42501), whatever language the server writes its messages in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from dangjian_desktop.services import server_admin
from dangjian_desktop.store.db import INSUFFICIENT_PRIVILEGE, server_error_code, server_url

_INSERT = {
    "exchange_key": "INSERT INTO exchange_key (branch_id, secret, made_at, made_by) "
    "VALUES (:branch, :tag, now(), '乡镇')",
    "exchange_sent": "INSERT INTO exchange_sent (branch_id, sequence, made_at, made_by, file_name, counts) "
    "VALUES (:branch, :sequence, now(), '书记', :tag, '{}')",
    "exchange_received": "INSERT INTO exchange_received "
    "(branch_id, sequence, digest, made_at, imported_at, imported_by, changes) "
    "VALUES (:branch, :sequence, :tag, now(), now(), '乡镇', '{}')",
    "township_decision": "INSERT INTO township_decision "
    "(branch_id, kind, subject, details, decided_on, decided_by, made_at) "
    "VALUES (:branch, 'approval', :tag, '', '2026-03-01', '乡镇党委', now())",
}
# the column each row's tag is written to
_TAG = {
    "exchange_key": "secret",
    "exchange_sent": "file_name",
    "exchange_received": "digest",
    "township_decision": "subject",
}
_AUDIT = (
    'INSERT INTO audit_log (branch_id, at, "user", table_name, record_id, action, summary, login) '
    "VALUES (:branch, now(), '乡镇', :table, 1, 'create', '', :login)"
)


class _As:
    """SQL sent with one login, each statement in a transaction of its own."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = create_engine(server_url(url))

    def run(self, statement: str, **params: Any) -> Any:
        with self.engine.begin() as connection:
            result = connection.execute(text(statement), params)
            return result.all() if result.returns_rows else result.rowcount

    def refused(self, statement: str, **params: Any) -> None:
        with pytest.raises(DBAPIError) as caught:
            self.run(statement, **params)
        assert server_error_code(caught.value) == INSUFFICIENT_PRIVILEGE, caught.value

    def tags(self, table: str) -> list[str]:
        return [row[0] for row in self.run(f"SELECT {_TAG[table]} FROM {table} ORDER BY {_TAG[table]}")]


@pytest.fixture
def logins(township_db) -> Iterator[dict[str, _As]]:
    """The owner, both villages and the township, with one row of each exchange table for A and for B
    (tagged A-<table> and B-<table>), written by the owner."""
    opened = {"owner": _As(township_db.owner_url)}
    opened.update(
        {login: _As(township_db.url_for(login)) for login in ("village_a", "village_b", "township")}
    )
    for code, branch in township_db.branch_ids.items():
        for table, insert in _INSERT.items():
            opened["owner"].run(insert, branch=branch, sequence=1, tag=f"{code}-{table}")
    yield opened
    for login in opened.values():
        login.engine.dispose()


def _every_write(table: str, branch: int) -> list[tuple[str, dict[str, Any]]]:
    return [
        (_INSERT[table], {"branch": branch, "sequence": 2, "tag": "new"}),
        (f"UPDATE {table} SET {_TAG[table]} = 'changed' WHERE branch_id = :branch", {"branch": branch}),
        (f"DELETE FROM {table} WHERE branch_id = :branch", {"branch": branch}),
    ]


@pytest.mark.parametrize("table", ["exchange_key", "exchange_received"])
def test_a_village_gets_nothing_of_the_keys_and_the_files_received_not_even_its_own(
    township_db, logins, table
):
    village = logins["village_a"]
    own = township_db.branch_ids["A"]
    village.refused(f"SELECT * FROM {table}")
    village.refused(f"SELECT count(*) FROM {table} WHERE branch_id = :branch", branch=own)
    for statement, params in _every_write(table, own):
        village.refused(statement, **params)
    assert logins["owner"].tags(table) == [f"A-{table}", f"B-{table}"]


@pytest.mark.parametrize("table", ["exchange_key", "exchange_received"])
def test_the_township_reads_every_key_and_file_received_and_writes_none(township_db, logins, table):
    township = logins["township"]
    assert township.tags(table) == [f"A-{table}", f"B-{table}"]
    for statement, params in _every_write(table, township_db.branch_ids["B"]):
        township.refused(statement, **params)
    assert logins["owner"].tags(table) == [f"A-{table}", f"B-{table}"]


def test_the_files_sent_are_the_villages_own_like_any_business_table(township_db, logins):
    a, township = logins["village_a"], logins["township"]
    own, other = township_db.branch_ids["A"], township_db.branch_ids["B"]
    assert a.tags("exchange_sent") == ["A-exchange_sent"]
    a.run(_INSERT["exchange_sent"], branch=own, sequence=2, tag="A-second")
    a.refused(_INSERT["exchange_sent"], branch=other, sequence=2, tag="into B")  # the policy's check
    assert a.run("UPDATE exchange_sent SET accepted_at = now() WHERE branch_id = :b", b=other) == 0
    assert a.run("DELETE FROM exchange_sent WHERE branch_id = :b", b=other) == 0
    assert a.run("DELETE FROM exchange_sent WHERE file_name = 'A-second'") == 1
    assert township.tags("exchange_sent") == ["A-exchange_sent", "B-exchange_sent"]
    for statement, params in _every_write("exchange_sent", other):
        township.refused(statement, **params)
    assert logins["owner"].tags("exchange_sent") == ["A-exchange_sent", "B-exchange_sent"]


def test_a_village_reads_its_own_township_decisions_and_changes_none(township_db, logins):
    a, b = logins["village_a"], logins["village_b"]
    assert a.tags("township_decision") == ["A-township_decision"]
    assert b.tags("township_decision") == ["B-township_decision"]
    for statement, params in _every_write("township_decision", township_db.branch_ids["A"]):
        a.refused(statement, **params)
    assert logins["owner"].tags("township_decision") == ["A-township_decision", "B-township_decision"]


def test_the_township_writes_the_decisions_of_any_branch_but_deletes_none(township_db, logins):
    township = logins["township"]
    branch_a, branch_b = township_db.branch_ids["A"], township_db.branch_ids["B"]
    assert township.tags("township_decision") == ["A-township_decision", "B-township_decision"]
    for code, branch in (("A", branch_a), ("B", branch_b)):  # its id comes from the table's sequence
        township.run(_INSERT["township_decision"], branch=branch, tag=f"{code}-notice")
    changed = township.run(
        "UPDATE township_decision SET details = '已批准', version = version + 1 "
        "WHERE subject = 'B-township_decision'"
    )
    assert changed == 1
    township.refused("DELETE FROM township_decision WHERE subject = 'A-notice'")
    township.refused("DELETE FROM township_decision")
    assert logins["village_a"].tags("township_decision") == ["A-notice", "A-township_decision"]
    assert logins["village_b"].run("SELECT subject, details, version FROM township_decision ORDER BY id") == [
        ("B-township_decision", "已批准", 2),
        ("B-notice", "", 1),
    ]


def test_the_township_logs_its_decisions_and_writes_nothing_else_in_the_change_log(township_db, logins):
    township, owner = logins["township"], logins["owner"]
    branch_a = township_db.branch_ids["A"]
    township.run(_AUDIT, branch=branch_a, table="township_decision", login="village_a")
    for table in ("member", "dues_payment", "exchange_key", "audit_log"):
        township.refused(_AUDIT, branch=branch_a, table=table, login="township")
    township.refused("UPDATE audit_log SET summary = 'x'")
    township.refused("DELETE FROM audit_log")
    # the server stamps the login that wrote the entry, whatever the statement said
    assert owner.run("SELECT table_name, login FROM audit_log") == [("township_decision", "township")]
    assert [row[0] for row in logins["village_a"].run("SELECT login FROM audit_log")] == ["township"]
    assert logins["village_b"].run("SELECT count(*) FROM audit_log") == [(0,)]


def test_a_villages_change_log_is_as_before(township_db, logins):
    a = logins["village_a"]
    own, other = township_db.branch_ids["A"], township_db.branch_ids["B"]
    a.run(_AUDIT, branch=own, table="member", login="")
    a.run(_AUDIT, branch=own, table="township_decision", login="")
    a.refused(_AUDIT, branch=other, table="member", login="")
    a.refused("UPDATE audit_log SET summary = 'x'")
    a.refused("DELETE FROM audit_log")
    assert logins["owner"].run("SELECT branch_id, login FROM audit_log") == [
        (own, "village_a"),
        (own, "village_a"),
    ]


def test_admin_upgrade_takes_back_what_an_earlier_install_gave(township_db, logins):
    owner = logins["owner"]
    # as the install of commit aa226f5 left them: every exchange table a business table
    for table in _INSERT:
        owner.run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO dangjian_village")
    owner.run("GRANT DELETE ON township_decision TO dangjian_township")  # and one given by hand
    assert logins["village_a"].tags("exchange_key") == ["A-exchange_key"]
    server_admin.upgrade_database(township_db.owner_url)
    a = logins["village_a"]
    a.refused("SELECT * FROM exchange_key")
    a.refused("SELECT * FROM exchange_received")
    a.refused("UPDATE township_decision SET details = 'x'")
    logins["township"].refused("DELETE FROM township_decision")
    assert a.tags("exchange_sent") == ["A-exchange_sent"]
