"""Organisation life use cases (组织生活): record meetings with their attendance and minutes, know which
meetings are still due, keep the yearly democratic evaluation (民主评议党员) and print the 会议记录 and the
evaluation results.

The rules are in ``domain.meetings``; this package owns the transactions, writes the audit log in the same
transaction as every change, and returns frozen DTOs, never ORM objects. One file per use-case group:

- ``settings``: how often each kind of meeting is due, the evaluation grades;
- ``meetings``: who is expected, recording, correcting and deleting a meeting, the lists by year;
- ``due``: the meetings still due this month, quarter and year;
- ``evaluation``: the democratic evaluation;
- ``minutes``: the printed 会议记录 and evaluation results.

A member's history across the modules is ``services.timeline``. The names below are the package's public
face (``from dangjian_desktop.services import meetings; meetings.record_meeting(...)``).
"""

from __future__ import annotations

from dangjian_desktop.services.meetings.due import meetings_due
from dangjian_desktop.services.meetings.evaluation import (
    EvaluationRow,
    evaluation_results,
    evaluation_sheet,
    save_evaluation,
)
from dangjian_desktop.services.meetings.meetings import (
    AttendanceRow,
    Attendee,
    MeetingDetail,
    MeetingInfo,
    active_party_groups,
    default_attendance,
    delete_meeting,
    expected_attendees,
    get_meeting,
    list_meetings,
    meeting_years,
    record_meeting,
    roster_attendees,
    update_meeting,
)
from dangjian_desktop.services.meetings.minutes import (
    evaluation_content,
    evaluation_pdf_bytes,
    export_evaluation,
    export_minutes,
    minutes_content,
    minutes_pdf_bytes,
)
from dangjian_desktop.services.meetings.settings import (
    FREQUENCIES,
    GRADES,
    evaluation_grades,
    frequencies,
    set_evaluation_grades,
    set_frequency,
)

__all__ = [
    "FREQUENCIES",
    "GRADES",
    "AttendanceRow",
    "Attendee",
    "EvaluationRow",
    "MeetingDetail",
    "MeetingInfo",
    "active_party_groups",
    "default_attendance",
    "delete_meeting",
    "evaluation_content",
    "evaluation_grades",
    "evaluation_pdf_bytes",
    "evaluation_results",
    "evaluation_sheet",
    "expected_attendees",
    "export_evaluation",
    "export_minutes",
    "frequencies",
    "get_meeting",
    "list_meetings",
    "meeting_years",
    "meetings_due",
    "minutes_content",
    "minutes_pdf_bytes",
    "record_meeting",
    "roster_attendees",
    "save_evaluation",
    "set_evaluation_grades",
    "set_frequency",
    "update_meeting",
]
