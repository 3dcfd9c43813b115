"""Notices and 四议两公开 through the services: drafts from each template, the privacy check at publishing,
freezing and verifying, corrections and withdrawals, board dates, and the matter's steps."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, text

from dangjian_desktop.domain import major_matters as matter_rules
from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, Conflict, FieldErrors
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.domain.notice_texts import Candidate
from dangjian_desktop.services import members, notices
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.notices import matters as major_matters
from dangjian_desktop.store.models import AuditEntry
from dangjian_desktop.store.notices_models import FrozenNoticeError, Notice

TODAY = dt.date(2026, 3, 2)


def id_number(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def people(workspace) -> dict[str, int]:
    save_profile(
        workspace,
        BranchProfile(name="中共前进村支部委员会", township="城关镇党委", supervision_phone="05318765432"),
    )
    notices.save_notice_settings(workspace, public_phones=["镇党委组织委员 0531-82345678"])
    ids = {}
    for n, name in enumerate(("张建国", "李秀英", "王德福"), start=1):
        record = members.add_member(
            workspace,
            {
                "name": name,
                "id_number": id_number(n),
                "phone": f"1381234560{n}",
                "address": f"前进村{n}组{n}号",
                "joined_date": "1995-07-01",
            },
        )
        ids[name] = record.id
    return ids


def publish_free(workspace, body: str = "经研究，定于2026年3月10日召开全体党员大会。", **changes):
    draft = notices.create_draft(
        workspace, "free", title="关于召开党员大会的通知", body=body, today=TODAY, **changes
    )
    return notices.publish(workspace, draft.id)


# --- publishing, freezing, verifying -------------------------------------------------------------------------


def test_publishing_numbers_freezes_and_verifies(workspace, people):
    published = publish_free(workspace)
    assert published.status == rules.PUBLISHED
    assert published.number == "党务公开〔2026〕1号"
    assert published.content.number == published.number
    assert len(published.check_code) == 8
    stored = notices.get_notice(workspace, published.id)
    assert stored.content == published.content
    assert (
        "村党支部 0531-8765432" in stored.content.phones
        and "镇党委组织委员 0531-82345678" in stored.content.phones
    )
    result = notices.verify(workspace, "党务公开〔2026〕第1号", published.check_code_text)
    assert result.genuine and result.notice.id == published.id
    assert notices.verify(workspace, "2026-1", published.check_code.lower()).genuine  # typed loosely


def test_numbers_run_on_within_a_year_and_start_again_the_next(workspace, people):
    first = publish_free(workspace)
    second = publish_free(workspace)
    next_year = publish_free(workspace, issued_on=dt.date(2027, 1, 4))
    assert [first.number, second.number, next_year.number] == [
        "党务公开〔2026〕1号",
        "党务公开〔2026〕2号",
        "党务公开〔2027〕1号",
    ]


def test_a_published_notice_cannot_be_changed(workspace, people):
    published = publish_free(workspace)
    with pytest.raises(Conflict):
        notices.update_draft(workspace, published.id, {"body": "改过的正文"})
    with pytest.raises(Conflict):
        notices.delete_draft(workspace, published.id)
    with pytest.raises(Conflict):
        notices.publish(workspace, published.id)
    # Not even through the ORM behind the service's back.
    with pytest.raises(FrozenNoticeError), workspace.db.transaction() as session:
        session.get(Notice, published.id).body = "改过的正文"
    assert notices.get_notice(workspace, published.id).body == published.body
    # Its board dates may change: they are not part of the printed sheet.
    notices.set_board_dates(workspace, published.id, dt.date(2026, 3, 2), None)


@pytest.mark.parametrize("column", ["body", "frozen_content"])
def test_an_altered_notice_does_not_verify(workspace, people, column):
    published = publish_free(workspace)
    assert notices.verify(workspace, published.number, published.check_code).genuine
    with workspace.db.engine.begin() as connection:  # someone edits the database file directly
        if column == "body":
            connection.execute(
                text("UPDATE notice SET body = '定于2026年3月11日召开' WHERE id = :id"), {"id": published.id}
            )
        else:
            frozen = json.loads(published.content.to_json())
            frozen["body"] = "定于2026年3月11日召开"
            connection.execute(
                text("UPDATE notice SET frozen_content = :f WHERE id = :id"),
                {"f": json.dumps(frozen, ensure_ascii=False), "id": published.id},
            )
    result = notices.verify(workspace, published.number, published.check_code)
    assert not result.genuine and result.status == notices.ALTERED


def test_a_wrong_code_or_number_does_not_verify(workspace, people):
    published = publish_free(workspace)
    other = "22222222" if published.check_code != "22222222" else "33333333"
    assert notices.verify(workspace, published.number, other).status == notices.WRONG_CODE
    assert (
        notices.verify(workspace, "党务公开〔2026〕第9号", published.check_code).status == notices.NOT_FOUND
    )
    assert notices.verify(workspace, "第三号", published.check_code).status == notices.NOT_FOUND


def test_reprinting_gives_the_same_bytes(workspace, people):
    published = publish_free(workspace)
    first = notices.pdf_bytes(workspace, published.id)
    notices.save_notice_settings(workspace, public_phones=["镇纪委 0531-82345679"], place="村委会门口")
    assert notices.pdf_bytes(workspace, published.id) == first  # later settings do not touch it
    assert notices.pdf_bytes(workspace, published.id, "a3") != first


# --- privacy ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "what"),
    [
        (f"张建国同志（{id_number(1)}）", "id_number"),
        ("有事请联系张建国，电话13812345601。", "roster_phone"),
        ("有事请拨打 139 0000 1111。", "mobile"),
        ("王德福家住前进村3组3号。", "address"),
    ],
)
def test_private_data_is_refused_and_nothing_is_published(workspace, people, body, what):
    draft = notices.create_draft(workspace, "free", title="通知", body=body, today=TODAY)
    assert [f.kind for f in notices.privacy_refusal(workspace, draft.id).findings] == [what]
    with pytest.raises(notices.PrivateDataFound) as refused:
        notices.publish(workspace, draft.id)
    assert refused.value.findings[0].kind == what
    assert refused.value.findings[0].part == "body" and refused.value.findings[0].line == 1
    still = notices.get_notice(workspace, draft.id)
    assert still.is_draft and still.number == ""
    assert publish_free(workspace).number == "党务公开〔2026〕1号"  # no number was used up


def test_the_public_phones_may_be_in_the_text(workspace, people):
    published = publish_free(workspace, body="监督电话0531-8765432，镇党委组织委员电话0531-82345678。")
    assert published.status == rules.PUBLISHED


# --- corrections, withdrawals, the archive ---------------------------------------------------------------------


def test_a_correction_is_a_new_notice_referring_to_the_old(workspace, people):
    old = publish_free(workspace)
    correction = notices.start_correction(workspace, old.id, today=TODAY)
    assert correction.is_draft and correction.refers_to == old.id and correction.relation == rules.CORRECTION
    assert correction.content.refers_to == old.number
    assert old.number in correction.body
    notices.update_draft(workspace, correction.id, {"body": correction.body.replace("3月10日", "3月12日")})
    new = notices.publish(workspace, correction.id)
    assert new.number == "党务公开〔2026〕2号"
    assert new.refers_to_number == old.number and old.number in new.content.reference_line()
    old_now = notices.get_notice(workspace, old.id)
    assert old_now.status == rules.WITHDRAWN
    assert old_now.content == old.content  # the old sheet is kept as it was
    checked = notices.verify(workspace, old.number, old.check_code)
    assert checked.genuine and checked.superseded  # a real sheet, but no longer valid — said first
    assert checked.replaced_by == new.number and checked.replaced_how == rules.CORRECTION
    assert checked.message.startswith("这张公告是本支部发的，但已经作废") and new.number in checked.message
    current = notices.verify(workspace, new.number, new.check_code)
    assert current.genuine and not current.superseded and current.replaced_by == ""
    with pytest.raises(Conflict):
        notices.start_correction(workspace, old.id)


def test_verifying_a_withdrawn_notice_names_the_withdrawal(workspace, people):
    old = publish_free(workspace)
    withdrawal = notices.publish(workspace, notices.start_withdrawal(workspace, old.id, today=TODAY).id)
    checked = notices.verify(workspace, old.number, old.check_code)
    assert checked.superseded and checked.replaced_how == rules.WITHDRAWAL
    assert f"已被{withdrawal.number}撤回" in checked.message


def test_a_withdrawal_refers_to_the_old_notice(workspace, people):
    old = publish_free(workspace)
    withdrawal = notices.start_withdrawal(workspace, old.id, today=TODAY)
    assert withdrawal.type == rules.FREE and withdrawal.relation == rules.WITHDRAWAL
    assert old.number in withdrawal.body and "撤回" in withdrawal.title
    notices.publish(workspace, withdrawal.id)
    assert notices.get_notice(workspace, old.id).status == rules.WITHDRAWN


def test_the_archive_shows_periods_and_whether_a_notice_is_on_the_board(workspace, people):
    first = publish_free(workspace)
    second = publish_free(workspace)
    draft = notices.create_draft(workspace, "free", title="草稿", body="草稿正文", today=TODAY)
    notices.set_board_dates(workspace, first.id, dt.date(2026, 3, 2), dt.date(2026, 3, 9))
    notices.set_board_dates(workspace, second.id, dt.date(2026, 3, 2), None)
    archive = notices.list_notices(workspace)
    assert [n.id for n in archive] == [draft.id, second.id, first.id]
    by_id = {n.id: n for n in archive}
    assert by_id[first.id].on_board(dt.date(2026, 3, 5)) and not by_id[first.id].on_board(dt.date(2026, 3, 9))
    assert by_id[second.id].on_board(dt.date(2026, 4, 1))
    assert not by_id[draft.id].on_board()
    assert by_id[first.id].content.period_to == dt.date(2026, 3, 8)
    with pytest.raises(FieldErrors):
        notices.set_board_dates(workspace, first.id, dt.date(2026, 3, 9), dt.date(2026, 3, 2))


def test_every_write_is_in_the_audit_log(workspace, people):
    published = publish_free(workspace)
    notices.set_board_dates(workspace, published.id, TODAY, None)
    with workspace.db.transaction() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.table_name == "notice").order_by(AuditEntry.id)
        ).all()
    assert actions == ["insert", "publish", "update"]


# --- templates ----------------------------------------------------------------------------------------------


def test_a_free_notice_needs_a_title_and_a_text(workspace, people):
    with pytest.raises(FieldErrors):
        notices.create_draft(workspace, "free", title="", body="正文")
    with pytest.raises(FieldErrors):
        notices.create_draft(workspace, "free", title="标题", body="  ")


def test_each_kind_has_its_default_period(workspace, people):
    notices.save_notice_settings(workspace, holidays="2026-03-04")
    recruitment = notices.create_draft(
        workspace, "recruitment", candidate=Candidate("development", "赵小明", "男", 1995), today=TODAY
    )
    assert recruitment.content.working_days and recruitment.content.period_days == 5
    assert recruitment.content.period_to == dt.date(2026, 3, 9)  # Mon–Fri with Wednesday a holiday: next Mon
    free = notices.create_draft(workspace, "free", title="通知", body="正文", today=TODAY, days=10)
    assert free.content.period_to == dt.date(2026, 3, 11)
    notices.save_notice_settings(workspace, days={"free": 3})
    assert (
        notices.create_draft(workspace, "free", title="通知", body="正文", today=TODAY).content.period_days
        == 3
    )


def test_dues_notice_has_names_and_amounts_only(workspace, people):
    from dangjian_desktop.services import dues

    for member_id in people.values():
        dues.declare_standard(workspace, member_id, year=2026, category="farmer")
    dues.record_payment(
        workspace, people["张建国"], Month(2026, 1), Month(2026, 3), "1.50", paid_on=TODAY, today=TODAY
    )
    draft = notices.create_draft(workspace, "dues", year=2026, months=(1, 3), today=TODAY)
    assert draft.title == "关于2026年1月至3月党费收缴情况的公示"
    assert "张建国｜3｜1.50" in draft.body and "李秀英" in draft.body
    assert "13812345601" not in draft.body and "前进村1组" not in draft.body
    assert notices.privacy_refusal(workspace, draft.id) is None


def test_posts_notice_comes_from_the_posts_of_the_year(workspace, people):
    from dangjian_desktop.services import posts

    posts.ensure_catalogue(workspace)
    post = posts.list_posts(workspace)[0]
    term = posts.term_for_year(workspace, 2026)
    posts.assign(workspace, people["李秀英"], post.id, term.id, commitment="每月走访群众")
    draft = notices.create_draft(workspace, "posts", year=2026, today=TODAY)
    assert "2026年度" in draft.title and post.name in draft.body and "李秀英" in draft.body
    with pytest.raises(AppError):
        notices.create_draft(workspace, "posts", year=2024, today=TODAY)


def test_recruitment_notice_from_a_candidate(workspace, people):
    candidate = Candidate(
        "development",
        "赵小明",
        "男",
        1995,
        "高中",
        "农民",
        dt.date(2024, 3, 1),
        dt.date(2024, 9, 1),
        dt.date(2026, 2, 20),
    )
    draft = notices.create_draft(workspace, "recruitment", candidate=candidate, today=TODAY)
    assert draft.title == "关于拟确定赵小明同志为发展对象的公示"
    assert "赵小明｜男｜1995年｜高中｜农民" in draft.body
    assert "2024年3月1日向党组织提出入党申请" in draft.body
    with pytest.raises(FieldErrors):
        notices.create_draft(workspace, "recruitment", today=TODAY)


def test_meetings_and_evaluation_notices_use_organisation_life(workspace, people):
    meetings = pytest.importorskip("dangjian_desktop.services.meetings")
    meetings.record_meeting(
        workspace, {"kind": "支部党员大会", "held_on": dt.date(2025, 3, 5), "topic": "学习党章"}, today=TODAY
    )
    meetings.save_evaluation(workspace, 2025, people["张建国"], "", {"优秀": 3}, "优秀")
    meetings.save_evaluation(workspace, 2025, people["李秀英"], "", {"合格": 3}, "合格")
    held = notices.create_draft(workspace, "meetings", year=2025, today=TODAY)
    assert "2025年组织生活" in held.title and "学习党章" in held.body and "3月5日" in held.body
    graded = notices.create_draft(workspace, "evaluation", year=2025, today=TODAY)
    assert "优秀（1名）：张建国" in graded.body and "合格（1名）：李秀英" in graded.body
    with pytest.raises(AppError):
        notices.create_draft(workspace, "evaluation", year=2024, today=TODAY)


# --- 四议两公开 --------------------------------------------------------------------------------------------------


def vote(expected, present, votes_for, against=0, abstain=0):
    return {
        "expected": expected,
        "present": present,
        "votes_for": votes_for,
        "against": against,
        "abstain": abstain,
    }


def walk_four_steps(workspace, matter_id):
    for code, numbers in (
        ("propose", vote(5, 5, 5)),
        ("consult", vote(9, 8, 8)),
        ("review", vote(30, 25, 22, 2, 1)),
        ("resolve", vote(40, 30, 28, 1, 1)),
    ):
        _matter, step = major_matters.record_step(workspace, matter_id, code, dt.date(2026, 3, 1), numbers)
        assert step.passed


def test_a_matter_walks_its_steps_and_its_notices(workspace, people):
    matter = major_matters.new_matter(workspace, "村道硬化工程", "对村内主干道1.2公里进行硬化。")
    with pytest.raises(Conflict):
        notices.create_draft(workspace, "resolution", matter_id=matter.id, today=TODAY)  # not resolved yet
    walk_four_steps(workspace, matter.id)
    resolution = notices.create_draft(workspace, "resolution", matter_id=matter.id, today=TODAY)
    assert resolution.title == "关于村道硬化工程的决议公开"
    assert resolution.content.issuer == "中共前进村支部委员会 前进村村民委员会"  # 党组织 and 村委会 together
    assert "应到40人，实到30人，同意28人" in resolution.body and "1.2公里" in resolution.body
    with pytest.raises(Conflict):
        notices.create_draft(workspace, "result", matter_id=matter.id, today=TODAY)  # nothing implemented yet
    published = notices.publish(workspace, resolution.id)
    info = major_matters.get_matter(workspace, matter.id)
    assert info.step_info(matter_rules.PUBLISH_RESOLUTION).notice_number == published.number
    major_matters.record_implementation(workspace, matter.id, dt.date(2026, 5, 1), "硬化完成，经验收合格。")
    result = notices.publish(
        workspace,
        notices.create_draft(workspace, "result", matter_id=matter.id, today=dt.date(2026, 5, 6)).id,
    )
    assert published.number in result.body and "经验收合格" in result.body
    assert major_matters.get_matter(workspace, matter.id).status == matter_rules.DONE


def test_a_step_out_of_order_records_nothing(workspace, people):
    matter = major_matters.new_matter(workspace, "村道硬化工程")
    with pytest.raises(major_matters.StepOutOfOrder):
        major_matters.record_step(workspace, matter.id, "review", TODAY, vote(30, 25, 22))
    assert major_matters.get_matter(workspace, matter.id).steps == ()
    with pytest.raises(major_matters.StepOutOfOrder):
        major_matters.record_implementation(workspace, matter.id, TODAY, "提前施工")


def test_a_step_dated_before_the_step_before_it_records_nothing(workspace, people):
    """党员大会审议 on 9 October after the 两委 consulted on 10 October is a typing mistake: the steps are
    held in order, so the date is refused with a message saying what to check."""
    matter = major_matters.new_matter(workspace, "村东主干道硬化工程")
    major_matters.record_step(workspace, matter.id, "propose", dt.date(2026, 10, 8), vote(7, 7, 6))
    major_matters.record_step(workspace, matter.id, "consult", dt.date(2026, 10, 10), vote(11, 10, 9))
    with pytest.raises(FieldErrors) as raised:
        major_matters.record_step(workspace, matter.id, "review", dt.date(2026, 10, 9), vote(40, 30, 28))
    assert "2026年10月10日" in raised.value.errors["held_on"]
    assert [s.step for s in major_matters.get_matter(workspace, matter.id).steps] == ["propose", "consult"]
    major_matters.record_step(workspace, matter.id, "review", dt.date(2026, 10, 10), vote(40, 30, 28))


def test_a_failed_step_is_recorded_and_ends_the_matter(workspace, people):
    matter = major_matters.new_matter(workspace, "新建文化广场")
    major_matters.record_step(workspace, matter.id, "propose", TODAY, vote(5, 5, 4))
    info, step = major_matters.record_step(workspace, matter.id, "consult", TODAY, vote(9, 8, 4, 3, 1))
    assert not step.passed and step.quorum_met and info.status == matter_rules.REJECTED
    assert [s.step for s in info.steps] == ["propose", "consult"]
    with pytest.raises(major_matters.StepOutOfOrder):
        major_matters.record_step(workspace, matter.id, "review", TODAY, vote(30, 25, 22))


def test_a_meeting_without_a_quorum_is_convened_again_and_does_not_end_the_matter(workspace, people):
    """16 of 26 came to the 党员大会 (18 needed): it decided nothing. It is recorded as 未达到法定人数, the
    matter stays open with the same step due, and the meeting held again a week later counts."""
    matter = major_matters.new_matter(workspace, "村道硬化工程", "硬化主干道。")
    major_matters.record_step(workspace, matter.id, "propose", dt.date(2026, 3, 1), vote(5, 5, 5))
    major_matters.record_step(workspace, matter.id, "consult", dt.date(2026, 3, 3), vote(9, 8, 8))
    info, step = major_matters.record_step(
        workspace, matter.id, "review", dt.date(2026, 3, 5), vote(26, 16, 16)
    )
    assert step.adjourned and not step.passed and step.outcome == "未达到法定人数（另行召开）"
    assert info.status == matter_rules.OPEN and info.next_step == "review"
    assert info.step_info("review") is None and [s.step for s in info.adjourned_meetings] == ["review"]
    with pytest.raises(FieldErrors):  # the new meeting is not dated before the one that failed
        major_matters.record_step(workspace, matter.id, "review", dt.date(2026, 3, 4), vote(26, 20, 19))
    info, step = major_matters.record_step(
        workspace, matter.id, "review", dt.date(2026, 3, 12), vote(26, 20, 19)
    )
    assert step.passed and info.next_step == "resolve" and info.step_info("review").present == 20
    assert [(s.step, s.outcome) for s in info.steps] == [
        ("propose", "通过"),
        ("consult", "通过"),
        ("review", "未达到法定人数（另行召开）"),
        ("review", "通过"),
    ]
    major_matters.record_step(workspace, matter.id, "resolve", dt.date(2026, 3, 15), vote(40, 30, 28))
    resolution = notices.create_draft(
        workspace, "resolution", matter_id=matter.id, today=dt.date(2026, 3, 16)
    )
    assert "实到16人" not in resolution.body and "实到20人" in resolution.body  # the meeting that counted
    reopened = major_matters.get_matter(workspace, matter.id)
    assert reopened.status == matter_rules.OPEN and reopened.next_step == "publish_resolution"


def test_a_vote_that_fails_with_a_quorum_still_ends_the_matter(workspace, people):
    matter = major_matters.new_matter(workspace, "新建文化广场")
    major_matters.record_step(workspace, matter.id, "propose", TODAY, vote(5, 5, 5))
    info, step = major_matters.record_step(workspace, matter.id, "consult", TODAY, vote(9, 9, 4, 5))
    assert not step.adjourned and not step.passed and info.status == matter_rules.REJECTED


def _resolved_and_published(workspace, title="村道硬化工程"):
    matter = major_matters.new_matter(workspace, title, "硬化主干道。")
    walk_four_steps(workspace, matter.id)
    draft = notices.create_draft(workspace, "resolution", matter_id=matter.id, today=TODAY)  # 2 to 8 March
    notices.publish(workspace, draft.id)
    return matter


def test_the_implementation_waits_for_the_resolution_period_unless_a_reason_is_given(workspace, people):
    matter = _resolved_and_published(workspace)
    with pytest.raises(FieldErrors) as raised:
        major_matters.record_implementation(workspace, matter.id, dt.date(2026, 3, 8), "开工")
    assert "2026年3月8日" in raised.value.errors["reason"]
    assert major_matters.get_matter(workspace, matter.id).next_step == "implement"
    info = major_matters.record_implementation(
        workspace,
        matter.id,
        dt.date(2026, 3, 6),
        "抢修塌方路段",
        reason="汛期塌方，危及通行，经镇党委同意提前实施",
    )
    assert info.step_info("implement").reason.startswith("汛期塌方")


def test_the_implementation_after_the_period_needs_no_reason(workspace, people):
    matter = _resolved_and_published(workspace)
    info = major_matters.record_implementation(workspace, matter.id, dt.date(2026, 3, 9), "硬化完成")
    assert info.step_info("implement").reason == "" and info.next_step == "publish_result"


def test_a_result_notice_dated_before_the_implementation_is_not_published(workspace, people):
    matter = _resolved_and_published(workspace)
    major_matters.record_implementation(workspace, matter.id, dt.date(2026, 5, 1), "硬化完成")
    early = notices.create_draft(workspace, "result", matter_id=matter.id, today=dt.date(2026, 4, 20))
    with pytest.raises(FieldErrors) as raised:
        notices.publish(workspace, early.id)
    assert "2026年5月1日" in raised.value.message
    assert notices.get_notice(workspace, early.id).is_draft  # nothing was numbered
    assert major_matters.get_matter(workspace, matter.id).next_step == "publish_result"


def test_the_members_meeting_step_can_be_the_meeting_recorded_in_organisation_life(workspace, people):
    from dangjian_desktop.services import meetings

    held = meetings.record_meeting(
        workspace, {"kind": "支部党员大会", "held_on": dt.date(2026, 3, 5), "topic": "审议村道硬化工程"}
    )
    meetings.record_meeting(workspace, {"kind": "主题党日", "held_on": dt.date(2026, 3, 4), "topic": "学习"})
    found = major_matters.members_meetings(workspace)
    assert [(m.id, m.topic, m.expected) for m in found] == [(held.meeting.id, "审议村道硬化工程", 3)]
    assert major_matters.expected_members(workspace) == 3
    matter = major_matters.new_matter(workspace, "村道硬化工程")
    major_matters.record_step(workspace, matter.id, "propose", dt.date(2026, 3, 1), vote(5, 5, 5))
    with pytest.raises(FieldErrors):  # a 支委会 is not a 党员大会, and 提议 is not taken from 组织生活
        major_matters.record_step(
            workspace, matter.id, "consult", dt.date(2026, 3, 2), vote(9, 8, 8), meeting_id=held.meeting.id
        )
    major_matters.record_step(workspace, matter.id, "consult", dt.date(2026, 3, 2), vote(9, 8, 8))
    _info, step = major_matters.record_step(
        workspace, matter.id, "review", dt.date(2026, 3, 5), vote(3, 3, 3), meeting_id=held.meeting.id
    )
    assert step.meeting_id == held.meeting.id and step.passed


# --- the home page's lines -------------------------------------------------------------------------------


def _notice_lines(workspace, as_of):
    from dangjian_desktop.services import home as due

    return [
        (item.text, item.subject_id) for item in due.due_items(workspace, as_of) if item.kind == due.NOTICE
    ]


def test_the_home_page_says_when_to_post_and_take_down_a_notice(workspace, people):
    first = publish_free(workspace)  # period 2 to 8 March
    name = f"{first.number}《关于召开党员大会的通知》"
    assert _notice_lines(workspace, dt.date(2026, 3, 3)) == [
        (f"{name}已发布，还没登记张贴：请贴出后登记张贴日期。", first.id)
    ]
    notices.set_board_dates(workspace, first.id, dt.date(2026, 3, 2), None)
    assert _notice_lines(workspace, dt.date(2026, 3, 1)) == []  # not up yet, period far off
    assert _notice_lines(workspace, dt.date(2026, 3, 3)) == [
        (f"{name}：公示期到2026年3月8日结束，到期后撤下。", first.id)
    ]
    assert _notice_lines(workspace, dt.date(2026, 3, 10)) == [
        (f"{name}：公示期已于2026年3月8日结束，请撤下并登记撤下日期。", first.id)
    ]
    notices.set_board_dates(workspace, first.id, dt.date(2026, 3, 2), dt.date(2026, 3, 9))
    assert _notice_lines(workspace, dt.date(2026, 3, 10)) == []
    drafts_only = notices.create_draft(workspace, "free", title="草稿", body="草稿正文", today=TODAY)
    assert drafts_only.is_draft and _notice_lines(workspace, dt.date(2026, 3, 10)) == []  # drafts: no line


def test_a_withdrawn_or_corrected_notice_still_on_the_board_must_come_down(workspace, people):
    withdrawn = publish_free(workspace)
    corrected = publish_free(workspace)
    for notice in (withdrawn, corrected):
        notices.set_board_dates(workspace, notice.id, TODAY, None)
    notices.publish(workspace, notices.start_withdrawal(workspace, withdrawn.id, today=TODAY).id)
    notices.publish(workspace, notices.start_correction(workspace, corrected.id, today=TODAY).id)
    found = dict((subject, text) for text, subject in _notice_lines(workspace, dt.date(2026, 3, 3)))
    assert "已撤回：请从公开栏撤下，并登记撤下日期。" in found[withdrawn.id]
    assert "已被新的公告更正：请把旧的那张从公开栏撤下。" in found[corrected.id]


def test_the_dues_notice_adds_up_on_one_basis(workspace, people):
    """张建国 pays 1.50 for three months and 1000 元 voluntarily (it goes on to the Central Committee); the
    branch hands up 1.00 and the 1000 元. The notice counts the voluntary money both in what was collected
    and in what was handed up, says so, and a reader's subtraction gives what the branch really holds."""
    import re
    from decimal import Decimal

    from dangjian_desktop.services import dues

    for member_id in people.values():
        dues.declare_standard(workspace, member_id, year=2026, category="farmer")
    dues.record_payment(
        workspace, people["张建国"], Month(2026, 1), Month(2026, 3), "1001.50", paid_on=TODAY, today=TODAY
    )
    dues.record_payment(
        workspace, people["李秀英"], Month(2026, 1), Month(2026, 2), "1.00", paid_on=TODAY, today=TODAY
    )
    dues.record_handup(workspace, handed_on=TODAY, amount="1.00", receiver="城关镇党委")
    dues.record_handup(workspace, handed_on=TODAY, amount="1000", receiver="城关镇党委", to_central=True)

    body = notices.create_draft(workspace, "dues", year=2026, months=(1, 3), today=TODAY).body
    assert "张建国｜3｜1001.50｜1000.00" in body and "李秀英｜2｜1.00｜" in body
    total = Decimal(re.search(r"合计(\d+\.\d\d)元", body).group(1))
    handed = Decimal(re.search(r"上缴党费(\d+\.\d\d)元", body).group(1))
    rows = [line.split("｜") for line in body.splitlines() if re.match(r"\d+｜", line)]
    assert total == sum(Decimal(cells[3]) for cells in rows) == Decimal("1002.50")
    assert handed == Decimal("1001.00") and "其中自愿多交上缴中央1000.00元" in body
    assert "按同一口径" in body
    money = dues.balance(workspace)
    held = (money.collected + money.central_collected) - (money.handed_up + money.central_handed_up)
    assert total - handed == held == Decimal("1.50")


def test_a_table_typed_with_the_keyboards_bar_prints_as_a_table(workspace, people):
    """Shift+\\ in English mode types |, which looks like ｜: either marks the cells of a table."""
    from io import BytesIO

    from pypdf import PdfReader

    typed = "各组卫生责任区如下：\n分组|负责人|区域\n一组|张建国|村东\n二组｜李秀英｜村西"
    published = publish_free(workspace, typed)
    assert (
        published.body == "各组卫生责任区如下：\n分组｜负责人｜区域\n一组｜张建国｜村东\n二组｜李秀英｜村西"
    )
    text = "".join(
        page.extract_text() for page in PdfReader(BytesIO(notices.pdf_bytes(workspace, published.id))).pages
    )
    assert "负责人" in text and "村西" in text
    assert "|" not in text and "｜" not in text  # drawn as ruled cells, not printed as characters


def test_the_expected_number_is_offered_as_last_time(workspace, people):
    assert major_matters.usual_expected(workspace, "resolve") is None
    first = major_matters.new_matter(workspace, "村道硬化工程")
    walk_four_steps(workspace, first.id)
    assert major_matters.usual_expected(workspace, "consult") == 9
    assert major_matters.usual_expected(workspace, "resolve") == 40
