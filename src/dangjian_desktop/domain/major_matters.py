"""四议两公开: the steps a major village matter walks, in order, and when a step passes.

四议: ① 村党组织提议 ② 村"两委"会议商议 ③ 党员大会审议 ④ 村民代表会议或村民会议决议; then the two
公开: ⑤ 决议公开 (a notice), ⑥ 组织实施, ⑦ 实施结果公开 (a notice). rules-research.md §4.3.

- A step cannot be skipped, nor recorded twice.
- Quorum: at least two thirds of those expected for the 党员大会 and the 村民代表会议 (村民委员会组织法
  第二十六条; the common local rule for the 党员大会), more than half for the other meetings.
- A step passes when its quorum is met and more than half of those *expected* vote for it
  (应到会人数半数以上).
- A meeting without its quorum decides nothing: it is recorded as 未达到法定人数 and convened again, and
  the matter stays open. A vote that fails (quorum met, too few for it) is recorded and ends the matter.
- The steps are held in order in time: a step's date is not before the date of the step recorded before it.
- 组织实施 starts after the 决议公开 period has ended, unless a reason for starting early is written down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dangjian_desktop.domain.errors import Conflict, FieldErrors
from dangjian_desktop.i18n import N_, _, format_date

PROPOSE, CONSULT, REVIEW, RESOLVE = "propose", "consult", "review", "resolve"
PUBLISH_RESOLUTION, IMPLEMENT, PUBLISH_RESULT = "publish_resolution", "implement", "publish_result"
TWO_THIRDS, MORE_THAN_HALF = "two_thirds", "more_than_half"


@dataclass(frozen=True)
class Step:
    code: str
    label_source: str  # English, shown through _()
    name: str  # Chinese, as printed: 村党组织提议
    meeting: str  # the body that meets, as printed: 村党组织会议
    voting: bool = True
    quorum: str = MORE_THAN_HALF

    def label(self) -> str:
        return _(self.label_source)


STEPS: tuple[Step, ...] = (
    Step(PROPOSE, N_("Proposal by the village Party organisation"), "村党组织提议", "村党组织会议"),
    Step(CONSULT, N_("Consultation by the two village committees"), "村“两委”会议商议", "村“两委”联席会议"),
    Step(REVIEW, N_("Review by the members' meeting"), "党员大会审议", "党员大会", quorum=TWO_THIRDS),
    Step(
        RESOLVE,
        N_("Resolution by the villagers' representatives"),
        "村民代表会议或村民会议决议",
        "村民代表会议",
        quorum=TWO_THIRDS,
    ),
    Step(PUBLISH_RESOLUTION, N_("Resolution made public"), "决议公开", "", voting=False),
    Step(IMPLEMENT, N_("Implementation"), "组织实施", "", voting=False),
    Step(PUBLISH_RESULT, N_("Result made public"), "实施结果公开", "", voting=False),
)
STEP_CODES: tuple[str, ...] = tuple(s.code for s in STEPS)
VOTING_STEPS: tuple[str, ...] = tuple(s.code for s in STEPS if s.voting)
_BY_CODE = {s.code: s for s in STEPS}

OPEN, REJECTED, DONE = "open", "rejected", "done"
STATUS_LABELS = {OPEN: N_("In progress"), REJECTED: N_("Not passed (ended)"), DONE: N_("Completed")}


def step(code: str) -> Step:
    found = _BY_CODE.get(code)
    if found is None:
        raise FieldErrors(
            {
                "step": _("Unknown step {code}. Use one of: {codes}.").format(
                    code=code, codes=", ".join(VOTING_STEPS)
                )
            }
        )
    return found


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


@dataclass(frozen=True)
class Vote:
    expected: int
    present: int
    votes_for: int
    against: int
    abstain: int


def _whole(value: object) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number


def validate_vote(raw: Mapping[str, object]) -> Vote:
    """The numbers of a meeting: whole, not negative, present ≤ expected, votes ≤ present."""
    errors: dict[str, str] = {}
    values: dict[str, int] = {}
    for key in ("expected", "present", "votes_for", "against", "abstain"):
        number = _whole(raw.get(key, 0 if key in ("against", "abstain") else None))
        if number is None or number < 0:
            errors[key] = _("Enter a whole number, 0 or more.")
        else:
            values[key] = number
    if not errors:
        if values["expected"] < 1:
            errors["expected"] = _("At least one person must be expected at the meeting.")
        elif values["present"] > values["expected"]:
            errors["present"] = _("More people are present ({present}) than expected ({expected}).").format(
                present=values["present"], expected=values["expected"]
            )
        elif values["votes_for"] + values["against"] + values["abstain"] > values["present"]:
            errors["votes_for"] = _(
                "For, against and abstaining add up to {votes}, more than the {present} present."
            ).format(
                votes=values["votes_for"] + values["against"] + values["abstain"], present=values["present"]
            )
    if errors:
        raise FieldErrors(errors)
    return Vote(**values)


def required_present(code: str, expected: int) -> int:
    """The fewest people present for the quorum: two thirds (rounded up) or more than half."""
    if step(code).quorum == TWO_THIRDS:
        return -(-expected * 2 // 3)
    return expected // 2 + 1


def quorum_met(code: str, vote: Vote) -> bool:
    return vote.present >= required_present(code, vote.expected)


def votes_pass(vote: Vote) -> bool:
    """More than half of those expected (应到) vote for it."""
    return vote.votes_for * 2 > vote.expected


@dataclass(frozen=True)
class Outcome:
    quorum_met: bool
    passed: bool

    @property
    def adjourned(self) -> bool:
        """Too few came: the meeting decided nothing and is convened again; the matter goes on."""
        return not self.quorum_met

    @property
    def ends_matter(self) -> bool:
        """The vote was held and failed: recording it ends the matter."""
        return self.quorum_met and not self.passed

    def text(self) -> str:
        """Chinese, as recorded on the register: 通过 / 未达到法定人数（另行召开） / 未通过（赞成票未过半）."""
        if self.passed:
            return "通过"
        if not self.quorum_met:
            return ADJOURNED_TEXT
        return "未通过（赞成票未过应到人数半数）"

    def explain(self, code: str, vote: Vote) -> str:
        if not self.quorum_met:
            return _(
                "Quorum not met: {present} present, but at least {needed} of the {expected} expected must be "
                "there. The meeting decides nothing: recording it keeps the matter open, and the meeting is "
                "convened again."
            ).format(
                present=vote.present, needed=required_present(code, vote.expected), expected=vote.expected
            )
        if not self.passed:
            return _(
                "Not passed: {votes} voted for; more than half of the {expected} expected ({needed}) are needed. "
                "Recording this ends the matter: no later step can be recorded for it."
            ).format(votes=vote.votes_for, expected=vote.expected, needed=vote.expected // 2 + 1)
        return _("Passed: {present} of {expected} present, {votes} for.").format(
            present=vote.present, expected=vote.expected, votes=vote.votes_for
        )


ADJOURNED_TEXT = "未达到法定人数（另行召开）"


def decide(code: str, vote: Vote) -> Outcome:
    met = quorum_met(code, vote)
    return Outcome(met, met and votes_pass(vote))


def next_step(done: Sequence[tuple[str, bool]]) -> str | None:
    """The step due after ``done`` ((code, passed) in the order recorded, meetings without a quorum left
    out); None when the matter has ended (a step failed, or every step is done)."""
    if any(not passed for _code, passed in done):
        return None
    if len(done) >= len(STEP_CODES):
        return None
    return STEP_CODES[len(done)]


def matter_status(done: Sequence[tuple[str, bool]]) -> str:
    if any(not passed for _code, passed in done):
        return REJECTED
    return DONE if len(done) >= len(STEP_CODES) else OPEN


class StepOutOfOrder(Conflict):
    """A step was given that is not the one due: nothing is recorded."""


def check_order(done: Sequence[tuple[str, bool]], code: str) -> Step:
    """The step, if it is the one due now; otherwise StepOutOfOrder saying which one is due."""
    wanted = step(code)
    due = next_step(done)
    if due == code:
        return wanted
    if matter_status(done) == REJECTED:
        failed = next(c for c, passed in done if not passed)
        raise StepOutOfOrder(
            _(
                "This matter ended when the step “{failed}” did not pass; no further step can be recorded."
            ).format(failed=step(failed).label())
        )
    if due is None:
        raise StepOutOfOrder(_("Every step of this matter has been recorded."))
    if code in (c for c, _passed in done):
        raise StepOutOfOrder(
            _("The step “{step}” has already been recorded. The next step is “{due}”.").format(
                step=wanted.label(), due=step(due).label()
            )
        )
    raise StepOutOfOrder(
        _("Steps cannot be skipped: the next step is “{due}”, not “{step}”.").format(
            due=step(due).label(), step=wanted.label()
        )
    )


def check_date_order(held_on: dt.date, previous: tuple[str, dt.date] | None) -> None:
    """A step is not dated before the step recorded before it (``previous``: its code and date)."""
    if previous is None or held_on >= previous[1]:
        return
    raise FieldErrors(
        {
            "held_on": _(
                "{date} is before the step before it ({step}, {last}). The steps are held in this order: "
                "please check the date."
            ).format(
                date=format_date(held_on, "long"),
                step=step(previous[0]).label(),
                last=format_date(previous[1], "long"),
            )
        }
    )


def check_implementation_start(held_on: dt.date, period_to: dt.date | None, reason: str) -> None:
    """组织实施 waits until the 决议公开 period (ending ``period_to``) is over, unless a reason is given."""
    if period_to is None or held_on > period_to or reason.strip():
        return
    raise FieldErrors(
        {
            "reason": _(
                "The resolution is public until {end}; the implementation starts after that, so that villagers "
                "can still object. If it had to start earlier, write down why."
            ).format(end=format_date(period_to, "long"))
        }
    )
