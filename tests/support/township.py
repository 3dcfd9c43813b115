"""Three branches in one SQLite file, built through the program's own services (each with
``workspace.branch_id`` switched to the branch), for the township report's tests. SQLite has no row-level
security: the report reads every branch in the file, as a township login does on the server."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import dues, flowing, meetings, notices, posts, settings
from dangjian_desktop.services.flowing.settings import ALERT_MONTHS
from dangjian_desktop.services.members import add_member
from dangjian_desktop.store.models import Branch

YEAR = 2026
TODAY = dt.date(2026, 7, 20)  # the report's day: January to June have ended
TOWNSHIP = "城关镇党委"
NAMES = ("中共前进村支部委员会", "中共红星村支部委员会", "中共新民村支部委员会")


def id_number(birth: str, sequence: int) -> str:
    first17 = f"370102{birth}{sequence:03d}"
    return first17 + check_digit(first17)


@dataclass
class Township:
    ids: dict[str, int]  # branch name -> id
    members: dict[str, int]  # member name -> id


def _add_branch(workspace, name: str) -> int:
    with workspace.db.transaction() as session:
        branch = Branch(name=name, township=TOWNSHIP, created_at=dt.datetime(2026, 1, 1))
        session.add(branch)
        session.flush()
        return branch.id


def _member(workspace, people: dict[str, int], name: str, birth: str, sequence: int, **values: object) -> int:
    raw = {"name": name, "id_number": id_number(birth, sequence), "joined_date": "2010-07-01", **values}
    people[name] = add_member(workspace, raw).id
    return people[name]


def _front_village(workspace, people: dict[str, int]) -> None:
    """前进村: four members; dues of 张建国 paid January–June, 李秀英 January–March; a meeting a quarter."""
    zhang = _member(
        workspace,
        people,
        "张建国",
        "19600315",
        1,
        office="书记",
        education="大学本科",
        joined_date="1980-06-01",
    )
    li = _member(workspace, people, "李秀英", "19950101", 2, education="高中", joined_date="2022-07-01")
    wang = _member(workspace, people, "王德福", "19850601", 3, education="初中", dues_category="farmer")
    _member(workspace, people, "赵桂兰", "19900909", 4, category="预备党员", joined_date="2026-03-10")
    dues.declare_standard(workspace, zhang, year=YEAR, category="employed", income="3500")  # 35.00
    dues.declare_standard(workspace, li, year=YEAR, category="farmer")  # 0.50
    dues.declare_standard(workspace, wang, year=YEAR, category="farmer")
    dues.record_payment(
        workspace, zhang, Month(YEAR, 1), Month(YEAR, 6), "210", paid_on=dt.date(YEAR, 6, 30), today=TODAY
    )
    dues.record_payment(
        workspace, li, Month(YEAR, 1), Month(YEAR, 3), "1.5", paid_on=dt.date(YEAR, 3, 5), today=TODAY
    )
    dues.record_handup(workspace, handed_on=dt.date(YEAR, 4, 10), amount="100", receiver="城关镇党委组织办")
    for day in (dt.date(YEAR, 2, 10), dt.date(YEAR, 5, 12)):
        meetings.record_meeting(workspace, {"kind": "支部党员大会", "held_on": day, "topic": "学习党章"})
    meetings.record_meeting(workspace, {"kind": "党课", "held_on": dt.date(YEAR, 3, 1), "topic": "党史"})
    draft = notices.create_draft(
        workspace,
        "free",
        title="关于召开党员大会的通知",
        body="定于3月10日召开党员大会。",
        today=dt.date(YEAR, 3, 1),
        days=5,
    )
    notices.publish(workspace, draft.id, now=dt.datetime(YEAR, 3, 1, 9))
    draft = notices.create_draft(
        workspace,
        "free",
        title="关于清理村道的通知",
        body="定于7月18日清理村道。",
        today=dt.date(YEAR, 7, 15),
    )
    notices.publish(workspace, draft.id, now=dt.datetime(YEAR, 7, 15, 9))
    term = posts.term_for_year(workspace, YEAR)
    assignment = posts.assign(workspace, li, posts.list_posts(workspace)[0].id, term.id)
    posts.evaluate(workspace, assignment.id, "优秀", on=dt.date(YEAR, 6, 30))
    flowing.register_leave(
        workspace, wang, {"since": "2025-06-01", "destination": "江苏省苏州市昆山市星光电子厂"}
    )


def _red_star(workspace, people: dict[str, int]) -> None:
    """红星村: two members, one away with recent news; dues declared from April, nothing paid."""
    sun = _member(workspace, people, "孙立新", "19700202", 6, education="大学专科")
    zhou = _member(
        workspace, people, "周明", "19450505", 7, joined_date="1970-01-01", dues_category="retired"
    )
    dues.declare_standard(workspace, sun, year=YEAR, category="farmer", from_month=Month(YEAR, 4))
    flowing.register_leave(workspace, zhou, {"since": "2026-05-01", "destination": "浙江省宁波市北仑区"})
    flowing.add_contact(
        workspace, zhou, {"date": "2026-07-01", "means": "电话", "content": "在宁波务工，一切正常"}
    )
    settings.set_value(workspace, ALERT_MONTHS, 3)


def build_township(workspace) -> Township:
    """前进村 is the workspace's own branch; 红星村 and 新民村 (an empty one) are added."""
    ids = {NAMES[0]: workspace.require_branch()}
    for name in NAMES[1:]:
        ids[name] = _add_branch(workspace, name)
    people: dict[str, int] = {}
    _front_village(workspace, people)
    workspace.branch_id = ids[NAMES[1]]
    _red_star(workspace, people)
    workspace.branch_id = ids[NAMES[0]]
    return Township(ids, people)


def act_as_township(monkeypatch) -> None:
    """Every workspace opened in this test behaves as a township login (on SQLite there is no login: the
    report then reads every branch in the file, as the township's read-only grant does on the server)."""
    from dangjian_desktop.services.workspace import Workspace

    monkeypatch.setattr(Workspace, "is_township", property(lambda self: True))
