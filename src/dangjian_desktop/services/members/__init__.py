"""Roster use cases: add, correct, find, leave and return, delete by mistake and restore.

Members are never physically deleted: leaving the roster and deletion are status changes kept in the
member's history, and every change is written to the audit log in the same transaction.

The use cases live in one file per group (``records``: entering and correcting; ``status``: leaving,
returning, deleting, history; ``queries``: reading); this package offers them all by their old names,
``members.add_member(...)``.
"""

from __future__ import annotations

from dangjian_desktop.services.members.common import MemberHistoryEntry, MemberRecord, RosterRow
from dangjian_desktop.services.members.queries import (
    MemberRef,
    deleted_members,
    departed_members,
    find_member,
    members_by_id_number,
    members_with_status,
    party_groups,
    people_named,
    people_named_in,
    roster_contacts,
    roster_rows,
)
from dangjian_desktop.services.members.records import (
    SaveStopped,
    SaveSummary,
    add_member,
    get_member,
    save_many,
    update_member,
)
from dangjian_desktop.services.members.status import (
    delete_member,
    leave_roster,
    member_history,
    restore_deleted,
    return_to_roster,
)

__all__ = [
    "MemberHistoryEntry",
    "MemberRecord",
    "MemberRef",
    "RosterRow",
    "SaveStopped",
    "SaveSummary",
    "add_member",
    "delete_member",
    "deleted_members",
    "departed_members",
    "find_member",
    "get_member",
    "leave_roster",
    "member_history",
    "members_by_id_number",
    "members_with_status",
    "party_groups",
    "people_named",
    "people_named_in",
    "restore_deleted",
    "return_to_roster",
    "roster_contacts",
    "roster_rows",
    "save_many",
    "update_member",
]
