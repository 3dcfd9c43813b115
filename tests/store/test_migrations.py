import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store.backup import list_backups
from dangjian_desktop.store.db import Database
from dangjian_desktop.store.migrate import head_revision, schema_status, upgrade_to_head
from dangjian_desktop.store.schema import metadata


def test_empty_database_migrates_to_head_and_matches_the_models(tmp_path):
    db = Database.for_file(tmp_path / "empty.sqlite3")
    assert schema_status(db.engine).is_empty
    upgrade_to_head(db.engine)
    status = schema_status(db.engine)
    assert status.current == head_revision() and status.is_current
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    tables = set(inspect(db.engine).get_table_names())
    assert {"branch", "member", "member_event", "audit_log", "setting"} <= tables
    db.dispose()


def test_every_business_table_carries_its_branch():
    for table in metadata.sorted_tables:
        if table.name != "branch":
            assert "branch_id" in table.c, table.name


@pytest.mark.sqlite_only(reason="SQLite's own settings of the PC's file")
def test_sqlite_runs_with_wal_and_foreign_keys(workspace):
    with workspace.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.sqlite_only(reason="a file in the PC's data folder; a server's versions: tests/server")
def test_another_programs_database_is_refused_and_left_as_it_was(tmp_path):
    """D19: a dangjian.sqlite3 without the program's tables is not filled with tables."""
    from dangjian_desktop.domain.data_problems import FOREIGN, LiveDataProblem

    folder = tmp_path / "data"
    folder.mkdir()
    connection = sqlite3.connect(folder / "dangjian.sqlite3")
    connection.execute("CREATE TABLE legacy (x)")
    connection.execute("INSERT INTO legacy VALUES ('其他程序的数据')")
    connection.commit()
    connection.close()
    before = (folder / "dangjian.sqlite3").read_bytes()
    with pytest.raises(LiveDataProblem) as refused:
        open_workspace(folder, daily_backup=False)
    assert refused.value.kind == FOREIGN
    assert "别的程序" in refused.value.message
    assert (folder / "dangjian.sqlite3").read_bytes() == before


@pytest.mark.sqlite_only(reason="a file in the PC's data folder; a server's versions: tests/server")
def test_a_database_from_a_newer_program_is_refused(tmp_path):
    from dangjian_desktop.domain.errors import AppError

    folder = tmp_path / "data"
    open_workspace(folder).close()
    connection = sqlite3.connect(folder / "dangjian.sqlite3")
    connection.execute("DELETE FROM alembic_version")
    connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.commit()
    connection.close()
    try:
        open_workspace(folder, daily_backup=False)
    except AppError as error:
        assert "新版本" in error.message
    else:
        raise AssertionError("a newer schema must be refused")


@pytest.mark.sqlite_only(
    reason="the PC's file is backed up then upgraded at start; a server by admin upgrade"
)
def test_migration_makes_a_backup_first(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    open_workspace(folder).close()
    connection = sqlite3.connect(folder / "dangjian.sqlite3")
    connection.execute(
        "INSERT INTO branch (name, township, county, secretary, phone, supervision_phone, "
        "created_at) VALUES ('中共旧村支部委员会', '', '', '', '', '', '2020-01-01 00:00:00')"
    )
    connection.execute("DELETE FROM alembic_version")  # as if made by the first version of the program
    connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.commit()
    connection.close()
    import dangjian_desktop.services.workspace as workspace_module

    upgraded = []
    monkeypatch.setattr(workspace_module, "upgrade_to_head", lambda engine: upgraded.append(engine) or [])
    monkeypatch.setattr(
        workspace_module,
        "schema_status",
        lambda engine: type(
            "S", (), {"is_current": False, "is_empty": False, "current": "0000", "head": "0001"}
        )(),
    )
    open_workspace(folder, daily_backup=False).close()
    reasons = [b.reason for b in list_backups(folder / "backups")]
    assert upgraded and "before-migration" in reasons


def test_the_fast_reading_of_revisions_agrees_with_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import to_tuple

    from dangjian_desktop.store import migrate

    config = Config()
    config.set_main_option("script_location", str(migrate._MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert migrate.head_revisions() == frozenset(script.get_heads())
    assert migrate.known_revisions() == frozenset(rev.revision for rev in script.walk_revisions())
    assert {revision: set(downs) for revision, downs in migrate._revision_graph().items()} == {
        rev.revision: set(to_tuple(rev.down_revision, default=())) for rev in script.walk_revisions()
    }
