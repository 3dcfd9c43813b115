"""Publishing (the privacy check, the number, freezing), the board dates, corrections and withdrawals."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy.orm import Session

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import Conflict, FieldErrors
from dangjian_desktop.domain.notices import NoticeContent, PrivateDataFound
from dangjian_desktop.i18n import _
from dangjian_desktop.services import numbering
from dangjian_desktop.services.notices.drafts import create_draft
from dangjian_desktop.services.notices.queries import NoticeInfo, _Context, _info, _load
from dangjian_desktop.services.recording import copied
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.notices_models import Notice


def _privacy_context(session: Session, workspace: Workspace, context: _Context) -> rules.PrivacyContext:
    from dangjian_desktop.services.members import roster_contacts
    from dangjian_desktop.store.models import Branch

    phones, addresses = roster_contacts(workspace)
    branch = session.get(Branch, context.branch_id)
    public = list(context.phones)
    return rules.PrivacyContext(
        public_phones=tuple(public),
        roster_phones=frozenset(rules.national_digits(p) for p in phones),
        roster_addresses=tuple(addresses),
        public_texts=tuple(t for t in ((branch.name, branch.township, branch.county) if branch else ()) if t),
    )


def public_sheet_privacy(workspace: Workspace) -> rules.PrivacyContext:
    """What every public sheet is checked against: the public phones of 党务公开 → 设置 with the branch's
    supervision phone (these may be printed), and the roster's phones and addresses (never)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _privacy_context(session, workspace, _Context(session, branch_id))


def privacy_refusal(workspace: Workspace, notice_id: int) -> PrivateDataFound | None:
    """The refusal publishing would give for privacy (what was found, and the phones that may be printed),
    or None when the notice may be published."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notice = _load(session, branch_id, notice_id)
        context = _Context(session, branch_id)
        privacy = _privacy_context(session, workspace, context)
        findings = rules.scan_notice(_info(session, notice, context).content, privacy)
    return PrivateDataFound(findings, privacy.public_phones) if findings else None


def _matter_step(notice: Notice) -> str | None:
    """The 四议两公开 step a 决议公开 / 实施结果公开 notice records when it is published."""
    from dangjian_desktop.domain import major_matters as matter_rules

    if notice.matter_id is None:
        return None
    return {
        rules.RESOLUTION: matter_rules.PUBLISH_RESOLUTION,
        rules.RESULT: matter_rules.PUBLISH_RESULT,
    }.get(notice.type)


def _freeze(notice: Notice, content: NoticeContent, year: int, sequence: int, now: dt.datetime) -> None:
    """The notice as published: its number, and its content frozen as JSON with its hash and check code."""
    frozen = content.to_json()
    digest = rules.content_hash(frozen)
    notice.status = rules.PUBLISHED
    notice.year, notice.sequence, notice.number = year, sequence, content.number
    notice.frozen_content = frozen
    notice.content_hash = digest
    notice.check_code = rules.check_code(digest)
    notice.qr_mask = _best_mask(content, notice.check_code)
    notice.published_at = now
    notice.updated_at = now


def _withdraw_replaced(session: Session, branch_id: int, notice: Notice, now: dt.datetime) -> None:
    """A correction or a withdrawal, once published, withdraws the notice it refers to."""
    if notice.refers_to is None:
        return
    old = _load(session, branch_id, notice.refers_to)
    if old.status != rules.PUBLISHED:
        return
    old.status = rules.WITHDRAWN
    old.updated_at = now
    audit.record_row(
        session,
        old,
        "update",
        _("{old} withdrawn by {new}").format(old=old.number, new=notice.number),
        before={"status": rules.PUBLISHED},
        after={"status": rules.WITHDRAWN, "by": notice.number},
    )


def publish(workspace: Workspace, notice_id: int, *, now: dt.datetime | None = None) -> NoticeInfo:
    """Check the final text, give the notice its number, freeze it (JSON, SHA-256, check code). Raises
    PrivateDataFound naming what was found and where; nothing is written then."""
    from dangjian_desktop.services.notices import matters as major_matters

    branch_id = workspace.require_branch()
    now = now or dt.datetime.now()
    with numbering.locked_transaction(workspace) as session:
        notice = _load(session, branch_id, notice_id)
        if notice.status != rules.DRAFT:
            raise Conflict(_("{number} has already been published.").format(number=notice.number))
        context = _Context(session, branch_id)
        year = notice.issued_on.year
        sequence = numbering.issue(session, numbering.notice_series(branch_id, year))
        number = rules.format_notice_number(year, sequence)
        content = replace(_info(session, notice, context).content, number=number)
        privacy = _privacy_context(session, workspace, context)
        findings = rules.scan_notice(content, privacy)
        if findings:
            raise PrivateDataFound(findings, privacy.public_phones)
        step_code = _matter_step(notice)
        if step_code and notice.matter_id is not None:
            major_matters.check_can_publish_in(session, branch_id, notice.matter_id, step_code)
        _freeze(notice, content, year, sequence, now)
        session.flush()
        if step_code and notice.matter_id is not None:
            major_matters.mark_published_in(
                session, branch_id, notice.matter_id, step_code, notice.id, notice.issued_on
            )
        _withdraw_replaced(session, branch_id, notice, now)
        audit.record_row(
            session,
            notice,
            "publish",
            f"{number} {notice.title}",
            before={"status": rules.DRAFT},
            after={
                "status": rules.PUBLISHED,
                "number": number,
                "content_hash": notice.content_hash,
                "check_code": notice.check_code,
            },
        )
        return _info(session, notice, context)


def _best_mask(content: NoticeContent, code: str) -> int:
    from dangjian_desktop.documents import notices_pdf as notice_pdf

    return notice_pdf.best_qr_mask(rules.qr_plan(content, code).payload)


def set_board_dates(
    workspace: Workspace, notice_id: int, posted_on: dt.date | None, taken_down_on: dt.date | None
) -> NoticeInfo:
    """When the sheet was put on the board and taken down (张贴 / 撤下)."""
    if posted_on and taken_down_on and taken_down_on < posted_on:
        raise FieldErrors({"taken_down_on": _("The sheet cannot be taken down before it was posted.")})
    if taken_down_on and not posted_on:
        raise FieldErrors({"posted_on": _("Enter the day it was posted first.")})
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notice = _load(session, branch_id, notice_id)
        if notice.status == rules.DRAFT:
            raise Conflict(_("Publish the notice before posting it on the board."))
        before = {"posted_on": notice.posted_on, "taken_down_on": notice.taken_down_on}
        notice.posted_on, notice.taken_down_on = posted_on, taken_down_on
        after = {"posted_on": posted_on, "taken_down_on": taken_down_on}
        if before != after:
            notice.updated_at = dt.datetime.now()
            audit.record_row(
                session,
                notice,
                "update",
                notice.number,
                before={k: v.isoformat() if v else None for k, v in before.items()},
                after={k: v.isoformat() if v else None for k, v in after.items()},
            )
        return _info(session, notice)


def _published(session: Session, branch_id: int, notice_id: int) -> Notice:
    notice = _load(session, branch_id, notice_id)
    if notice.status != rules.PUBLISHED:
        raise Conflict(_("Only a published notice that is still valid can be corrected or withdrawn."))
    return notice


# a draft correcting or withdrawing a notice is addressed, issued and posted as the notice was
_KEPT_BY_FOLLOW_UP = ("addressee", "issuer", "place")


def start_correction(workspace: Workspace, notice_id: int, *, today: dt.date | None = None) -> NoticeInfo:
    """A draft that corrects a published notice: its text to edit, a note saying what it replaces."""
    from dangjian_desktop.domain import notice_texts as texts

    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        old = _published(session, branch_id, notice_id)
        content = NoticeContent.from_json(old.frozen_content)
        old_number, old_type, old_days = old.number, old.type, old.period_days
    return create_draft(
        workspace,
        old_type,
        title=texts.correction_title(content.title),
        body=texts.correction_note(old_number) + "\n" + content.body,
        days=old_days,
        **copied(content, (*_KEPT_BY_FOLLOW_UP, "qr_mode", "qr_link")),
        refers_to=notice_id,
        relation=rules.CORRECTION,
        matter_id=None,
        today=today,
    )


def start_withdrawal(workspace: Workspace, notice_id: int, *, today: dt.date | None = None) -> NoticeInfo:
    """A draft that withdraws a published notice."""
    from dangjian_desktop.domain import notice_texts as texts

    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        old = _published(session, branch_id, notice_id)
        content = NoticeContent.from_json(old.frozen_content)
        generated = texts.withdrawal_text(content.title, old.number, content.issued_on)
    return create_draft(
        workspace,
        rules.FREE,
        title=generated.title,
        body=generated.body,
        **copied(content, _KEPT_BY_FOLLOW_UP),
        qr_mode=rules.QR_TEXT,
        refers_to=notice_id,
        relation=rules.WITHDRAWAL,
        today=today,
    )
