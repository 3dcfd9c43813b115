"""Every stored choice code fits its column (review C1: PostgreSQL refuses a longer value, SQLite does not
check), and migration 0001_01 widens the two roster columns of an existing database without losing a row."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import String, text

from dangjian_desktop.domain import choices, flowing, meetings
from dangjian_desktop.domain.choices import ChoiceList
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import dues
from dangjian_desktop.services.members import add_member, get_member
from dangjian_desktop.store.migrate import _revision_graph, schema_status, upgrade_to_head
from dangjian_desktop.store.schema import metadata

STORED_CODES: dict[str, ChoiceList] = {
    "member.sex": choices.SEX,
    "member.category": choices.CATEGORY,
    "member.dues_category": choices.DUES_CATEGORY,
    "member.status": choices.MEMBER_STATUS,
    "member_event.status_before": choices.MEMBER_STATUS,
    "member_event.status_after": choices.MEMBER_STATUS,
    "dues_standard.category": choices.DUES_CATEGORY,
    "meeting.kind": meetings.MEETING_KIND,
    "meeting_attendance.status": meetings.ATTENDANCE_STATUS,
    "meeting_attendance.reason": meetings.ABSENCE_REASON,
    "activity_book.status": flowing.BOOK_STATUS,
    "flowing_stay.reason": flowing.LEAVE_REASON,
    "flowing_org_life.kind": flowing.ORG_LIFE_KIND,
    "flowing_contact.means": flowing.CONTACT_MEANS,
    "flowing_opinion.kind": flowing.OPINION_KIND,
}
REVISION = "0001_01"


@pytest.mark.parametrize("where", sorted(STORED_CODES))
def test_every_choice_code_fits_its_column(where):
    table, column = where.split(".")
    column_type = metadata.tables[table].c[column].type
    assert isinstance(column_type, String) and column_type.length is not None
    too_long = [code for code in STORED_CODES[where].codes() if len(code) > column_type.length]
    assert not too_long, f"{where} is VARCHAR({column_type.length}): {too_long}"


@pytest.mark.sqlite_only(reason="the PC's file upgraded at start; a server is upgraded by admin upgrade")
def test_an_older_database_gets_the_wider_columns_and_keeps_every_row(workspace):
    first17 = "37010219700101002"  # an even sequence: a woman
    member = add_member(
        workspace,
        {
            "name": "李秀英",
            "sex": "female",
            "category": "probationary",
            "id_number": first17 + check_digit(first17),
            "joined_date": "2025-06-01",
        },
    ).id
    dues.declare_standard(workspace, member, year=2026, category="farmer")
    day = dt.date(2026, 1, 5)
    dues.record_payment(workspace, member, Month(2026, 1), Month(2026, 1), "0.50", paid_on=day, today=day)
    engine = workspace.db.engine
    _downgrade_later_core_revisions(engine)
    with engine.begin() as connection:  # as the program before this revision left it
        connection.execute(text("DELETE FROM alembic_version WHERE version_num = :r"), {"r": REVISION})
    assert not schema_status(engine).is_current
    upgrade_to_head(engine)
    assert schema_status(engine).is_current
    with engine.connect() as connection:
        sql = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'member'").scalar()
        assert "sex VARCHAR(10)" in sql and "category VARCHAR(20)" in sql
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again after the upgrade
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        paid = connection.execute(
            text("SELECT COUNT(*) FROM dues_payment WHERE member_id = :m"), {"m": member}
        )
        assert paid.scalar() == 1
    data = get_member(workspace, member).data
    assert (data.name, data.sex, data.category) == ("李秀英", "female", "probationary")
    assert REVISION in _revision_graph() and _revision_graph()[REVISION] == ("0001",)


def _downgrade_later_core_revisions(engine) -> None:  # noqa: ANN001
    """Undo the core revisions after this one (they would add their columns a second time)."""
    from alembic import command
    from alembic.config import Config

    from dangjian_desktop.store.migrate import _MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, REVISION)
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
