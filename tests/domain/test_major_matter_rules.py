"""四议两公开: the steps in order, the quorum of each meeting and the votes needed."""

from __future__ import annotations

import pytest

from dangjian_desktop.domain import major_matters as rules
from dangjian_desktop.domain.errors import FieldErrors


def vote(expected: int, present: int, votes_for: int, against: int = 0, abstain: int = 0) -> rules.Vote:
    return rules.validate_vote(
        {
            "expected": expected,
            "present": present,
            "votes_for": votes_for,
            "against": against,
            "abstain": abstain,
        }
    )


def test_the_steps_are_the_four_meetings_then_the_two_disclosures():
    assert rules.STEP_CODES == (
        "propose",
        "consult",
        "review",
        "resolve",
        "publish_resolution",
        "implement",
        "publish_result",
    )
    assert rules.VOTING_STEPS == ("propose", "consult", "review", "resolve")
    assert [rules.step(c).name for c in rules.VOTING_STEPS] == [
        "村党组织提议",
        "村“两委”会议商议",
        "党员大会审议",
        "村民代表会议或村民会议决议",
    ]


def test_steps_must_come_in_order():
    assert rules.check_order([], "propose").code == "propose"
    with pytest.raises(rules.StepOutOfOrder, match="不能跳过"):
        rules.check_order([], "consult")
    with pytest.raises(rules.StepOutOfOrder):
        rules.check_order([("propose", True)], "review")
    with pytest.raises(rules.StepOutOfOrder, match="已经记录过"):
        rules.check_order([("propose", True), ("consult", True)], "propose")
    assert rules.check_order([("propose", True), ("consult", True)], "review").code == "review"


def test_a_failed_step_ends_the_matter():
    done = [("propose", True), ("consult", False)]
    assert rules.next_step(done) is None
    assert rules.matter_status(done) == rules.REJECTED
    with pytest.raises(rules.StepOutOfOrder, match="终止"):
        rules.check_order(done, "review")


def test_a_matter_is_done_after_the_result_is_made_public():
    done = [(code, True) for code in rules.STEP_CODES]
    assert rules.matter_status(done) == rules.DONE
    assert rules.matter_status(done[:4]) == rules.OPEN
    assert rules.next_step(done[:4]) == "publish_resolution"


@pytest.mark.parametrize(
    ("step", "expected", "needed"),
    [
        ("propose", 5, 3),  # more than half
        ("propose", 6, 4),
        ("consult", 9, 5),
        ("review", 30, 20),  # two thirds
        ("review", 31, 21),  # rounded up
        ("resolve", 40, 27),
        ("resolve", 3, 2),
    ],
)
def test_the_quorum_is_two_thirds_for_the_members_and_representatives_and_half_otherwise(
    step, expected, needed
):
    assert rules.required_present(step, expected) == needed
    assert rules.quorum_met(step, vote(expected, needed, needed))
    assert not rules.quorum_met(step, vote(expected, needed - 1, needed - 1))


def test_a_step_passes_when_more_than_half_of_those_expected_vote_for_it():
    assert rules.decide("review", vote(30, 20, 16)).passed  # 16 > 15
    exactly_half = rules.decide("review", vote(30, 20, 15))
    assert exactly_half.quorum_met and not exactly_half.passed
    assert "赞成票" in exactly_half.text()
    # More than half of those present is not enough: it is counted against those expected.
    assert not rules.decide("resolve", vote(40, 27, 19, 5, 3)).passed


def test_without_a_quorum_nothing_passes():
    outcome = rules.decide("resolve", vote(40, 26, 26))
    assert not outcome.quorum_met and not outcome.passed
    assert outcome.text() == "未达到法定人数（另行召开）" and outcome.adjourned and not outcome.ends_matter
    assert "27" in outcome.explain("resolve", vote(40, 26, 26))


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"expected": 0, "present": 0, "votes_for": 0}, "expected"),
        ({"expected": 5, "present": 6, "votes_for": 5}, "present"),
        ({"expected": 5, "present": 5, "votes_for": 4, "against": 1, "abstain": 1}, "votes_for"),
        ({"expected": 5, "present": -1, "votes_for": 0}, "present"),
        ({"expected": "五", "present": 5, "votes_for": 5}, "expected"),
    ],
)
def test_impossible_numbers_are_refused(raw, field):
    with pytest.raises(FieldErrors) as caught:
        rules.validate_vote(raw)
    assert field in caught.value.errors
