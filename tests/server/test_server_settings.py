"""What the township server's own settings must not change (township.md TP8, TP10), tried the way the
review found them: the database's DateStyle set to 'SQL, DMY', and a database made with a Chinese (ICU)
collation, which orders 第一/第二/第三 by pinyin."""

from __future__ import annotations

import psycopg
import pytest

from dangjian_desktop.services.members import add_member, roster_rows
from dangjian_desktop.services.workspace import open_workspace
from support.postgres import _superuser_execute, _with_database

from ..conftest import make_id_number

GROUPS = ("第三党小组", "第一党小组", "第十党小组", "第二党小组", "")


def _fill(workspace) -> None:  # noqa: ANN001
    for sequence, group in enumerate(GROUPS, start=1):
        add_member(
            workspace,
            {
                "name": f"党员{sequence}",
                "id_number": make_id_number(sequence=2 * sequence + 1),
                "joined_date": "1990-05-01",
                "party_group": group,
            },
        )


def test_dates_are_iso_whatever_the_servers_date_style(township_db, tmp_path):
    with psycopg.connect(township_db.owner_url, autocommit=True) as owner:
        owner.execute(f"ALTER DATABASE \"{township_db.name}\" SET DateStyle = 'SQL, DMY'")
    workspace = open_workspace(tmp_path / "a", database_url=township_db.url_for("village_a"))
    try:
        _fill(workspace)
        rows = roster_rows(workspace)
        assert {row.birth_date for row in rows} == {"1970-01-01"}
        assert {row.joined_date for row in rows} == {"1990-05-01"}
    finally:
        workspace.close()


def test_party_groups_keep_their_order_on_a_chinese_collation(township_db, tmp_path):
    admin_url = township_db.owner_url
    name = f"{township_db.name}_zh"
    try:
        _superuser_execute(
            admin_url,
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh' LOCALE 'C.UTF-8'",
        )
    except psycopg.Error as error:  # a server built without ICU: nothing to compare against
        pytest.skip(f"this PostgreSQL has no ICU collations: {error}")
    try:
        from dangjian_desktop.services import server_admin
        from dangjian_desktop.store import server
        from dangjian_desktop.store.db import Database

        owner = _with_database(admin_url, name)
        server_admin.init_database(owner)
        branch = server_admin.add_branch(owner, "A", "中共前进村支部委员会")
        database = Database(owner)
        with database.engine.begin() as connection:
            server.create_login(connection, "village_a", "secret", server.VILLAGE, branch)
            by_collation = [
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT g FROM (VALUES ('第一党小组'), ('第二党小组'), ('第三党小组')) AS t(g) ORDER BY g"
                )
            ]
        database.dispose()
        assert by_collation == ["第二党小组", "第三党小组", "第一党小组"]  # pinyin: er, san, yi
        workspace = open_workspace(
            tmp_path / "zh", database_url=_with_database(admin_url, name, "village_a", "secret")
        )
        try:
            _fill(workspace)
            groups = [row.party_group for row in roster_rows(workspace)]
        finally:
            workspace.close()
        assert groups == ["第一党小组", "第二党小组", "第三党小组", "第十党小组", ""]
    finally:
        _superuser_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
