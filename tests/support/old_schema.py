"""Making a database look as an older program left it, for the tests of a migration of the dues branch:
revision 0002_02 (the dues rows' public ids, issue 19) stands above every earlier dues revision, so a test
that takes an earlier one back takes 0002_02 back first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DUES_PUBLIC_IDS = "0002_02"
DUES_TABLES = (
    "dues_standard",
    "dues_payment",
    "dues_allocation",
    "dues_receipt",
    "dues_handup",
    "dues_opening_note",
)


def undo_dues_public_ids(execute: Callable[..., Any], tables: list[str] | None = None) -> None:
    """Drop the public ids of the dues tables (those still there: ``tables``) and put 0002_02's parents in
    its place in alembic_version. ``execute(sql, parameters)`` runs one SQLite statement."""
    from dangjian_desktop.store.migrate import _revision_graph

    for table in tables if tables is not None else DUES_TABLES:
        execute(f"DROP INDEX ix_{table}_public_id", ())
        execute(f"ALTER TABLE {table} DROP COLUMN public_id", ())
    execute("DELETE FROM alembic_version WHERE version_num = ?", (DUES_PUBLIC_IDS,))
    for parent in _revision_graph()[DUES_PUBLIC_IDS]:
        execute("INSERT INTO alembic_version (version_num) VALUES (?)", (parent,))
