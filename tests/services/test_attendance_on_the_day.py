"""The attendance checklist as the branch was on the meeting's date (issue 15, paper.md H3): who was away
that day is pre-marked 外出, members who joined the Party later are not expected, members transferred out
later are, and a member marked away on the roster with no stay on record is judged by that mark."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.services import flowing, meetings, members
from support.branch import id_number


def _add(workspace, n: int, name: str, **extra) -> int:
    return members.add_member(workspace, {"name": name, "id_number": id_number(n), **extra}).id


def test_the_checklist_is_as_the_branch_was_on_the_day(workspace):
    left_later = _add(workspace, 1, "孙振华")
    came_back = _add(workspace, 3, "谢明亮")
    joined_later = _add(workspace, 5, "宋德胜", joined_date="2026-03-01", category="probationary")
    roster_only = _add(workspace, 7, "唐志刚", flowing=True, away_place="浙江省宁波市")
    at_home = _add(workspace, 9, "王建国")
    moved_away = _add(workspace, 11, "林卫东")
    members.leave_roster(workspace, moved_away, "transferred_out", dt.date(2026, 2, 1), "转往县城")
    flowing.register_leave(workspace, left_later, {"since": "2026-02-20", "destination": "江苏省苏州市"})
    flowing.register_leave(workspace, came_back, {"since": "2025-05-01", "destination": "浙江省杭州市"})
    flowing.register_return(workspace, came_back, "2026-01-05")

    def away_on(day: dt.date) -> dict[int, bool]:
        return {
            a.member_id: a.away for a in meetings.expected_attendees(workspace, rules.GENERAL_MEETING, on=day)
        }

    january = away_on(dt.date(2026, 1, 10))
    assert january == {
        left_later: False,
        came_back: False,
        roster_only: True,
        at_home: False,
        moved_away: False,
    }
    assert joined_later not in january
    december_2025 = away_on(dt.date(2025, 12, 1))
    assert december_2025[came_back] is True and december_2025[left_later] is False
    march = away_on(dt.date(2026, 3, 10))
    assert march[left_later] is True and march[came_back] is False and joined_later in march
    assert moved_away not in march  # transferred out in February

    detail = meetings.record_meeting(
        workspace, {"kind": rules.GENERAL_MEETING, "held_on": "2026-01-10", "topic": "学习党章"}
    )
    marks = {row.name: row.reason_text for row in detail.absent}
    assert marks == {"唐志刚": "外出"}  # without a checklist, the default is taken on the meeting's date
