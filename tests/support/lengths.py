"""Every value a test stored fits its column (township.md TP1): SQLite keeps a value longer than its
VARCHAR(n) without a word, PostgreSQL refuses it. Run after each test that used the ``workspace``
fixture, on either engine, so a too-long value is found on the PC's SQLite long before a township
server would refuse it."""

from __future__ import annotations

from sqlalchemy import String, func, select

from dangjian_desktop.store.schema import metadata


def values_longer_than_their_columns(workspace) -> list[str]:  # noqa: ANN001 - a Workspace
    checks = [
        (table, column)
        for table in metadata.sorted_tables
        for column in table.c
        if isinstance(column.type, String) and column.type.length is not None
    ]
    found = []
    with workspace.db.engine.connect() as connection:
        readable = _readable(connection)
        for table, column in checks:
            if table.name not in readable:
                continue
            longest = connection.execute(select(func.max(func.length(column))).select_from(table)).scalar()
            if longest is not None and longest > column.type.length:
                found.append(f"{table.name}.{column.name}: {longest} > VARCHAR({column.type.length})")
    return found


def _readable(connection) -> set[str]:  # noqa: ANN001 - a Connection
    """The tables the login may read (a village login may not read the exchange keys on the server)."""
    if connection.dialect.name != "postgresql":
        return set(metadata.tables)
    return {
        table.name
        for table in metadata.sorted_tables
        if connection.exec_driver_sql("SELECT has_table_privilege(%s, 'SELECT')", (table.name,)).scalar()
    }
