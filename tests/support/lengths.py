"""Every value a test stored fits its column (township.md TP1): SQLite keeps a value longer than its
VARCHAR(n) without a word, PostgreSQL refuses it. Run after each test that used the ``workspace``
fixture, on either engine, so a too-long value is found on the PC's SQLite long before a township
server would refuse it."""

from __future__ import annotations

from sqlalchemy import String, func, select, text

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
        readable = _readable(connection, {table.name for table, _column in checks})
        for table, column in checks:
            if table.name not in readable:
                continue
            longest = connection.execute(select(func.max(func.length(column))).select_from(table)).scalar()
            if longest is not None and longest > column.type.length:
                found.append(f"{table.name}.{column.name}: {longest} > VARCHAR({column.type.length})")
    return found


def _readable(connection, names: set[str]) -> set[str]:  # noqa: ANN001 - a Connection
    """The tables the login may read: a village login on the server reads neither the exchange's keys nor
    the township's log of files received (store/server.py); only the administrator writes them."""
    if connection.dialect.name != "postgresql":
        return names
    query = text("SELECT has_table_privilege(:name, 'SELECT')")
    return {name for name in names if connection.execute(query, {"name": name}).scalar()}
