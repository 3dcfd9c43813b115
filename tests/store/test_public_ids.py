"""Issue 19: every row gets a public id that travels with it. A database from before the exchange (its heads
the revisions below 0001_04 and the modules' ``*_public_ids``) keeps its rows through the upgrade, and each
row comes out with its own UUID; rows written afterwards get one from the program."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues
from dangjian_desktop.services.members import add_member
from dangjian_desktop.store.db import Database
from dangjian_desktop.store.migrate import _MIGRATIONS_DIR, _revision_graph, upgrade_to_head
from dangjian_desktop.store.schema import metadata

from ..conftest import make_id_number

BEFORE_THE_EXCHANGE = (
    "0001_03", "0002_01", "0007_dues_opening", "0003_versions", "0004_versions", "0005_versions", "0006_versions"
)  # fmt: skip


VILLAGE_MAY_NOT_READ = {"exchange_key", "exchange_received"}  # on the server (store/server.py)


def _public_id_revisions() -> set[str]:
    graph = _revision_graph()
    return {revision for revision in graph if revision == "0001_04" or revision.endswith("public_ids")} | {
        revision for revision, parents in graph.items() if set(parents) == {"0002_01", "0007_dues_opening"}
    }


def test_the_exchange_revisions_stand_right_above_the_heads_named_here():
    graph = _revision_graph()
    above = {parent for revision in _public_id_revisions() for parent in graph[revision]}
    assert above == set(BEFORE_THE_EXCHANGE)


def test_rows_the_program_writes_get_a_uuid_each(workspace):
    first = add_member(
        workspace, {"name": "张三", "id_number": make_id_number(), "joined_date": "1990-01-01"}
    )
    dues.declare_standard(workspace, first.id, year=2026, category="farmer")
    dues.record_payment(
        workspace,
        first.id,
        Month(2026, 1),
        Month(2026, 3),
        "1.5",
        paid_on=dt.date(2026, 3, 1),
        today=dt.date(2026, 3, 1),
    )
    seen: set[str] = set()
    with workspace.db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in VILLAGE_MAY_NOT_READ and connection.dialect.name == "postgresql":
                continue
            query = f'SELECT public_id FROM "{table.name}"'
            if "branch_id" in table.c:
                query += f" WHERE branch_id = {workspace.branch_id}"
            values = list(connection.execute(text(query)).scalars())
            assert None not in values, table.name
            assert all(str(uuid.UUID(value)) == value for value in values), table.name
            seen.update(values)
    assert len(seen) >= 8  # branch, member, event, standard, payment, receipt, allocations, change log


@pytest.mark.sqlite_only(reason="the PC's file, upgraded at start")
def test_the_migration_fills_rows_that_were_there(tmp_path):
    database = Database.for_file(tmp_path / "old.sqlite3")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        for revision in BEFORE_THE_EXCHANGE:
            command.upgrade(config, revision)
        connection.execute(
            text(
                "INSERT INTO branch (name, township, county, secretary, phone, supervision_phone, created_at, version)"
                " VALUES ('中共前进村支部委员会', '', '', '', '', '', :at, 1)"
            ),  # fmt: skip
            {"at": dt.datetime(2026, 1, 1)},
        )
        for n in range(1, 4):
            connection.execute(
                text(
                    'INSERT INTO audit_log (branch_id, at, "user", table_name, record_id, action, summary, login)'
                    " VALUES (1, :at, '书记', 'member', :n, 'insert', '', '')"
                ),
                {"at": dt.datetime(2026, 1, n), "n": n},
            )
    upgrade_to_head(database.engine)
    with database.engine.connect() as connection:
        ids = list(connection.execute(text("SELECT public_id FROM audit_log")).scalars())
        branch_id = connection.execute(text("SELECT public_id FROM branch")).scalar()
    database.dispose()
    assert len(ids) == 3 and len(set(ids)) == 3
    assert all(
        str(uuid.UUID(value)) == value and uuid.UUID(value).version == 4 for value in [*ids, branch_id]
    )
