"""四议两公开: a record for each major village matter, walking its steps in order (domain.major_matters).

Each use case is one transaction and writes the audit log. A step out of order raises ``StepOutOfOrder``
and records nothing; a step that fails is recorded and ends the matter; a meeting without its quorum is
recorded (未达到法定人数) and the same step is due again. The two 公开 steps are recorded by the notices
service when the 决议公开 / 实施结果公开 notice is published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import major_matters as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.meetings import GENERAL_MEETING
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services import meetings
from dangjian_desktop.services.recording import add_logged, load_row
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.notices_models import Matter, MatterStep, Notice

StepOutOfOrder = rules.StepOutOfOrder


@dataclass(frozen=True)
class StepInfo:
    step: str
    position: int
    held_on: dt.date
    expected: int | None
    present: int | None
    votes_for: int | None
    against: int | None
    abstain: int | None
    quorum_met: bool
    passed: bool
    outcome: str  # Chinese, as on the register
    text: str
    notice_id: int | None
    notice_number: str
    reason: str = ""  # why 组织实施 started within the 决议公开 period
    meeting_id: int | None = None  # the 支部党员大会 of 组织生活 this step was

    @property
    def adjourned(self) -> bool:
        """A meeting without its quorum: it decided nothing and was convened again."""
        return not self.quorum_met

    @property
    def label(self) -> str:
        return rules.step(self.step).label()

    @property
    def name(self) -> str:
        return rules.step(self.step).name

    @property
    def vote(self) -> rules.Vote | None:
        if self.expected is None or self.present is None:
            return None
        return rules.Vote(
            self.expected, self.present, self.votes_for or 0, self.against or 0, self.abstain or 0
        )

    def summary(self) -> str:
        """One line for the screen: the numbers and the outcome."""
        vote = self.vote
        if vote is None:
            return self.notice_number or self.text
        return _(
            "Expected {expected}, present {present}; for {votes_for}, against {against}, abstaining {abstain}"
        ).format(
            expected=vote.expected,
            present=vote.present,
            votes_for=vote.votes_for,
            against=vote.against,
            abstain=vote.abstain,
        )


@dataclass(frozen=True)
class MatterInfo:
    id: int
    title: str
    content: str
    status: str
    steps: tuple[StepInfo, ...]
    created_at: dt.datetime

    @property
    def done(self) -> list[tuple[str, bool]]:
        """The steps that count, in order: a meeting without its quorum decided nothing."""
        return [(s.step, s.passed) for s in self.steps if not s.adjourned]

    @property
    def next_step(self) -> str | None:
        return rules.next_step(self.done)

    @property
    def status_label(self) -> str:
        return rules.status_label(self.status)

    def step_info(self, code: str) -> StepInfo | None:
        """The step that counts (a meeting without its quorum does not)."""
        return next((s for s in self.steps if s.step == code and not s.adjourned), None)

    @property
    def adjourned_meetings(self) -> tuple[StepInfo, ...]:
        return tuple(s for s in self.steps if s.adjourned)


def _steps(session: Session, matter_id: int) -> list[MatterStep]:
    return list(
        session.scalars(
            select(MatterStep).where(MatterStep.matter_id == matter_id).order_by(MatterStep.position)
        )
    )


def _info(session: Session, matter: Matter) -> MatterInfo:
    rows = _steps(session, matter.id)
    numbers = {}
    notice_ids = [r.notice_id for r in rows if r.notice_id]
    if notice_ids:
        query = select(Notice.id, Notice.number).where(Notice.id.in_(notice_ids))
        numbers = {row.id: row.number for row in session.execute(query)}
    steps = tuple(
        StepInfo(
            r.step,
            r.position,
            r.held_on,
            r.expected,
            r.present,
            r.votes_for,
            r.votes_against,
            r.votes_abstain,
            bool(r.quorum_met),
            bool(r.passed),
            r.outcome,
            r.text,
            r.notice_id,
            numbers.get(r.notice_id, "") if r.notice_id else "",
            r.reason or "",
            r.meeting_id,
        )
        for r in rows
    )
    return MatterInfo(matter.id, matter.title, matter.content, matter.status, steps, matter.created_at)


def _load(session: Session, branch_id: int, matter_id: int) -> Matter:
    return load_row(
        session, Matter, matter_id, branch_id, _("There is no major matter number {id}.").format(id=matter_id)
    )


def new_matter(workspace: Workspace, title: str, content: str = "") -> MatterInfo:
    branch_id = workspace.require_branch()
    title = normalize_text(title)
    if not title:
        raise FieldErrors({"title": _("Please give the matter a title, e.g. 村道硬化工程.")})
    if len(title) > 200:
        raise FieldErrors({"title": _("The title is too long (at most 200 characters).")})
    now = dt.datetime.now()
    with workspace.db.transaction() as session:
        matter = Matter(
            branch_id=branch_id,
            title=title,
            content=(content or "").strip(),
            status=rules.OPEN,
            created_at=now,
            updated_at=now,
            created_by=current_user(),
        )
        add_logged(session, matter, title, {"title": title, "content": matter.content})
        return _info(session, matter)


def get_matter(workspace: Workspace, matter_id: int) -> MatterInfo:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _info(session, _load(session, branch_id, matter_id))


def list_matters(workspace: Workspace) -> list[MatterInfo]:
    """Every matter, newest first."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        matters = session.scalars(
            select(Matter).where(Matter.branch_id == branch_id).order_by(Matter.id.desc())
        ).all()
        return [_info(session, m) for m in matters]


def _done(steps: list[MatterStep]) -> list[tuple[str, bool]]:
    return [(r.step, bool(r.passed)) for r in steps if r.quorum_met]


def _resolution_period_end(session: Session, steps: list[MatterStep]) -> dt.date | None:
    published = next((r for r in steps if r.step == rules.PUBLISH_RESOLUTION and r.notice_id), None)
    if published is None:
        return None
    return session.scalar(select(Notice.period_to).where(Notice.id == published.notice_id))


def _add_step(
    session: Session,
    matter: Matter,
    code: str,
    held_on: dt.date,
    *,
    vote: rules.Vote | None = None,
    outcome: rules.Outcome | None = None,
    text: str = "",
    notice_id: int | None = None,
    reason: str = "",
    meeting_id: int | None = None,
) -> MatterStep:
    """Check the order (steps and dates), write the step and the matter's new status, audit. Raises
    StepOutOfOrder or FieldErrors first, writing nothing."""
    steps = _steps(session, matter.id)
    done = _done(steps)
    rules.check_order(done, code)
    rules.check_date_order(held_on, (steps[-1].step, steps[-1].held_on) if steps else None)
    if code == rules.IMPLEMENT:
        rules.check_implementation_start(held_on, _resolution_period_end(session, steps), reason)
    passed = outcome.passed if outcome else True
    quorum_met = outcome.quorum_met if outcome else True
    row = MatterStep(
        branch_id=matter.branch_id,
        matter_id=matter.id,
        step=code,
        position=len(steps) + 1,
        held_on=held_on,
        expected=vote.expected if vote else None,
        present=vote.present if vote else None,
        votes_for=vote.votes_for if vote else None,
        votes_against=vote.against if vote else None,
        votes_abstain=vote.abstain if vote else None,
        quorum_met=quorum_met,
        passed=passed,
        outcome=outcome.text() if outcome else "完成",
        text=(text or "").strip(),
        reason=(reason or "").strip(),
        meeting_id=meeting_id,
        notice_id=notice_id,
        recorded_at=dt.datetime.now(),
        recorded_by=current_user(),
    )
    after: dict[str, object] = {
        "matter_id": matter.id,
        "step": code,
        "held_on": held_on.isoformat(),
        "expected": row.expected,
        "present": row.present,
        "for": row.votes_for,
        "against": row.votes_against,
        "abstain": row.votes_abstain,
        "outcome": row.outcome,
        "notice_id": notice_id,
        "reason": row.reason,
        "meeting_id": meeting_id,
    }
    add_logged(session, row, f"{matter.title}：{rules.step(code).name} {row.outcome}", after)
    matter.status = rules.matter_status([*done, (code, passed)] if quorum_met else done)
    matter.updated_at = dt.datetime.now()
    return row


def record_step(
    workspace: Workspace,
    matter_id: int,
    code: str,
    held_on: dt.date,
    raw_vote: Mapping[str, object],
    text: str = "",
    *,
    meeting_id: int | None = None,
) -> tuple[MatterInfo, StepInfo]:
    """Record one of the four meetings (提议, 商议, 审议, 决议) with its attendance and votes. Returns the matter
    and the step just recorded: ``step.adjourned`` means the quorum was not met and the same step is due
    again; otherwise ``step.passed`` False means the matter has ended. ``meeting_id``: the 支部党员大会 of
    组织生活 that was this 党员大会."""
    branch_id = workspace.require_branch()
    kind = rules.step(code)
    if not kind.voting:
        raise FieldErrors({"step": _("Only the four meetings are recorded with votes.")})
    vote = rules.validate_vote(raw_vote)
    outcome = rules.decide(code, vote)
    if meeting_id is not None:
        _check_meeting(workspace, code, meeting_id)
    with workspace.db.transaction() as session:
        matter = _load(session, branch_id, matter_id)
        _add_step(
            session, matter, code, held_on, vote=vote, outcome=outcome, text=text, meeting_id=meeting_id
        )
        info = _info(session, matter)
    return info, info.steps[-1]


def record_implementation(
    workspace: Workspace, matter_id: int, held_on: dt.date, text: str, *, reason: str = ""
) -> MatterInfo:
    """组织实施: what was done, after the resolution's period of publicity ended (or, with ``reason``, earlier)."""
    branch_id = workspace.require_branch()
    if not (text or "").strip():
        raise FieldErrors(
            {"text": _("Please write what was done (the work, the money spent, the check on completion).")}
        )
    with workspace.db.transaction() as session:
        matter = _load(session, branch_id, matter_id)
        _add_step(session, matter, rules.IMPLEMENT, held_on, text=text, reason=reason)
        return _info(session, matter)


def resolution_period_end(workspace: Workspace, matter_id: int) -> dt.date | None:
    """The last day of the 决议公开 period (None before the resolution notice is published)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        matter = _load(session, branch_id, matter_id)
        return _resolution_period_end(session, _steps(session, matter.id))


def mark_published_in(
    session: Session, branch_id: int, matter_id: int, code: str, notice_id: int, day: dt.date
) -> None:
    """Within the notices service's publishing transaction: record 决议公开 / 实施结果公开."""
    matter = _load(session, branch_id, matter_id)
    _add_step(session, matter, code, day, notice_id=notice_id)


def check_can_publish_in(session: Session, branch_id: int, matter_id: int, code: str) -> MatterInfo:
    """Raise StepOutOfOrder unless ``code`` (决议公开 / 实施结果公开) is the matter's next step."""
    matter = _load(session, branch_id, matter_id)
    info = _info(session, matter)
    rules.check_order(info.done, code)
    return info


def matter_in(session: Session, branch_id: int, matter_id: int) -> MatterInfo:
    return _info(session, _load(session, branch_id, matter_id))


# --- the 党员大会 step and 组织生活 ------------------------------------------------------------------------


@dataclass(frozen=True)
class MembersMeeting:
    """A 支部党员大会 recorded in 组织生活 that a 党员大会审议 step can be."""

    id: int
    held_on: dt.date
    topic: str
    expected: int
    present: int

    def describe(self) -> str:
        return _("{date} {topic} (expected {expected}, present {present})").format(
            date=self.held_on.isoformat(),
            topic=self.topic or "—",
            expected=self.expected,
            present=self.present,
        )


def members_meetings(workspace: Workspace) -> list[MembersMeeting]:
    """The 支部党员大会 recorded in 组织生活, newest first."""
    held = [m for m in meetings.list_meetings(workspace) if m.kind == GENERAL_MEETING]
    return [
        MembersMeeting(m.id, m.held_on, m.topic, m.count.expected, m.count.present) for m in reversed(held)
    ]


def usual_expected(workspace: Workspace, code: str) -> int | None:
    """How many were expected the last time this body met for a matter (the 两委, the representatives: the
    same people each time), to prefill 应到; None the first time."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return session.scalar(
            select(MatterStep.expected)
            .where(
                MatterStep.branch_id == branch_id, MatterStep.step == code, MatterStep.expected.is_not(None)
            )
            .order_by(MatterStep.held_on.desc(), MatterStep.id.desc())
            .limit(1)
        )


def expected_members(workspace: Workspace) -> int | None:
    """How many members are expected at a 党员大会 today (for the 应到 field)."""
    return len(meetings.expected_attendees(workspace, GENERAL_MEETING))


def _check_meeting(workspace: Workspace, code: str, meeting_id: int) -> None:
    if code != rules.REVIEW:
        raise FieldErrors(
            {"meeting": _("Only the members' meeting step is taken from the organisation life.")}
        )
    if all(m.id != meeting_id for m in members_meetings(workspace)):
        raise FieldErrors(
            {
                "meeting": _("There is no members' meeting number {id} in the organisation life.").format(
                    id=meeting_id
                )
            }
        )
