"""Verifying a sheet by its number and check code, and printing a notice to PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.notices import NoticeContent
from dangjian_desktop.i18n import _
from dangjian_desktop.services.notices.queries import NoticeInfo, _by_number, _info, find_notice, get_notice
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.notices_models import Notice


@dataclass(frozen=True)
class Verification:
    status: str  # genuine / not_found / wrong_code / altered
    notice: NoticeInfo | None
    message: str
    # a genuine sheet that a later notice withdrew or corrected: that notice's number and the relation
    replaced_by: str = ""
    replaced_how: str = ""  # rules.CORRECTION / rules.WITHDRAWAL

    @property
    def genuine(self) -> bool:
        return self.status == GENUINE

    @property
    def superseded(self) -> bool:
        """Genuine, but no longer valid: withdrawn or corrected by a later notice."""
        return self.genuine and self.notice is not None and self.notice.status == rules.WITHDRAWN

    def headline(self) -> str:
        """What is said first, in large type: 真实有效 / 核验不符, or for a real sheet that is no longer
        valid, that it was corrected or withdrawn and by which notice."""
        if self.superseded:
            if self.replaced_how == rules.CORRECTION:
                return _("Corrected by {later}: no longer valid").format(later=self.replaced_by)
            return _("Withdrawn by {later}: no longer valid").format(later=self.replaced_by)
        return _("Genuine") if self.genuine else _("Not genuine")


GENUINE, NOT_FOUND, WRONG_CODE, ALTERED = "genuine", "not_found", "wrong_code", "altered"


def verify(workspace: Workspace, number: str, code: str) -> Verification:
    """Is a sheet with this number and check code genuine and unaltered? Compares the code with the one
    stored, and the stored content with its hash (so a change made to the archive behind the program's
    back is found too)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        try:
            notice = _by_number(session, branch_id, number)
        except rules.InvalidNoticeNumber as error:
            return Verification(NOT_FOUND, None, error.message)
        if notice is None or notice.status == rules.DRAFT:
            return Verification(
                NOT_FOUND,
                None,
                _("No notice {number} was ever published by this branch.").format(number=number),
            )
        info = _info(session, notice)
        intact = _intact(notice, info.content)
    content = info.content
    if not intact:
        return Verification(
            ALTERED,
            info,
            _(
                "The stored copy of {number} has been changed since it was published: it cannot be trusted."
            ).format(number=notice.number),
        )
    if rules.normalize_check_code(code) != notice.check_code:
        return Verification(
            WRONG_CODE,
            info,
            _(
                "The check code does not match {number}: the sheet is not the one published, or it was altered."
            ).format(number=notice.number),
        )
    message = _("{number} “{title}”, published on {date}, check code {code}.").format(
        number=notice.number,
        title=content.title,
        date=content.issued_on.isoformat(),
        code=rules.format_check_code(notice.check_code),
    )
    if notice.status != rules.WITHDRAWN:
        return Verification(GENUINE, info, message)
    later_number, how = _replacement(workspace, branch_id, notice.id)
    warning = _no_longer_valid(how).format(later=later_number)
    return Verification(GENUINE, info, warning + "\n" + message, later_number, how)


def _intact(notice: Notice, content: NoticeContent) -> bool:
    """The stored content still matches its hash and check code, and the columns shown in the archive."""
    digest = rules.content_hash(notice.frozen_content)
    return (
        digest == notice.content_hash
        and rules.check_code(digest) == notice.check_code
        and content.number == notice.number
        and content.title == notice.title
        and content.body == notice.body
        and content.issuer == notice.issuer
    )


def _no_longer_valid(how: str) -> str:
    """What a genuine sheet that was corrected or withdrawn says first ({later}: the later notice)."""
    if how == rules.CORRECTION:
        return _(
            "This sheet is genuine but NO LONGER VALID: {later} corrected it and it was void from then on. "
            "Read {later} instead."
        )
    return _(
        "This sheet is genuine but NO LONGER VALID: it was withdrawn by {later}. It should be taken off "
        "the board."
    )


def _replacement(workspace: Workspace, branch_id: int, notice_id: int) -> tuple[str, str]:
    """The published notice that withdrew or corrected ``notice_id``: its number and the relation."""
    with workspace.db.transaction() as session:
        later = session.scalar(
            select(Notice)
            .where(
                Notice.branch_id == branch_id,
                Notice.refers_to == notice_id,
                Notice.status.in_((rules.PUBLISHED, rules.WITHDRAWN)),
            )
            .order_by(Notice.id)
            .limit(1)
        )
        if later is None:  # withdrawn by hand, outside the program's own correction flow
            return _("a later notice"), rules.WITHDRAWAL
        return later.number, later.relation or rules.CORRECTION


# --- printing -----------------------------------------------------------------------------------------

SIZES = ("a4", "a3")


def _check_size(size: str) -> str:
    key = (size or "a4").lower()
    if key not in SIZES:
        raise AppError(_("The paper size must be A4 or A3."))
    return key


def pdf_bytes(workspace: Workspace, notice_id: int, size: str = "a4") -> bytes:
    """The sheet as PDF: a published notice from its frozen content (byte-identical each time), a draft as
    it would print now (marked as a draft)."""
    from dangjian_desktop.documents import notices_pdf as notice_pdf

    info = get_notice(workspace, notice_id)
    return notice_pdf.notice_pdf_bytes(info.content, info.check_code, _check_size(size), info.qr_mask)


def export_pdf(workspace: Workspace, number: str, path: Path | str, size: str = "a4") -> Path:
    """Write a published notice's sheet to ``path``."""
    from dangjian_desktop.documents import notices_pdf as notice_pdf

    size = _check_size(size)
    info = find_notice(workspace, number)
    data = notice_pdf.notice_pdf_bytes(info.content, info.check_code, size, info.qr_mask)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target
