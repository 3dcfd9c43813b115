"""What is still due: the kinds of meeting (and Party groups) not yet held in the current month, quarter
and year, by the frequencies of the setting. The home page's meeting lines read this."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.meetings import DueMeeting, HeldMeeting
from dangjian_desktop.services.meetings.meetings import active_party_groups
from dangjian_desktop.services.meetings.settings import frequencies
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.meetings_models import Meeting


def meetings_due(workspace: Workspace, as_of: dt.date | None = None) -> list[DueMeeting]:
    """The kinds of meeting still due in the current month, quarter and year (frequencies: the setting)."""
    as_of = as_of or dt.date.today()
    branch_id = workspace.require_branch()
    with workspace.db.engine.connect() as connection:
        held = [
            HeldMeeting(r.kind, r.held_on, r.party_group)
            for r in connection.execute(
                select(Meeting.kind, Meeting.held_on, Meeting.party_group).where(
                    Meeting.branch_id == branch_id,
                    Meeting.held_on >= dt.date(as_of.year, 1, 1),
                    Meeting.held_on <= as_of,
                )
            )
        ]
    return rules.meetings_due(held, as_of, frequencies(workspace), active_party_groups(workspace))
