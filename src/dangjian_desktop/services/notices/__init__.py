"""Public notices (党务公开): drafts from templates, publishing (the privacy check, the number, freezing),
printing, the archive with its board dates, corrections and withdrawals, and verification.

Each use case is one transaction and writes the audit log. Publishing freezes the notice: everything
printed is stored as canonical JSON with its SHA-256 and check code, and never changes afterwards (the
store refuses it too). A correction or a withdrawal is a new notice that refers to the old one; when it is
published the old one is marked withdrawn.

The rooms: ``settings`` (the notices settings), ``queries`` (reading, the home page's lines), ``sources``
(the text of generated kinds, read from the other modules), ``drafts``, ``publishing`` (publish, board dates,
corrections, withdrawals), ``verifying`` (verify, print), and 四议两公开 in ``matters`` / ``matter_print``.
"""

from dangjian_desktop.domain.notices import PrivateDataFound
from dangjian_desktop.services.notices.drafts import DraftRequest, create_draft, delete_draft, update_draft
from dangjian_desktop.services.notices.publishing import (
    privacy_refusal,
    public_sheet_privacy,
    publish,
    set_board_dates,
    start_correction,
    start_withdrawal,
)
from dangjian_desktop.services.notices.queries import (
    TAKE_DOWN_NOTICE_DAYS,
    NoticeInfo,
    due_items,
    find_notice,
    get_notice,
    list_notices,
)
from dangjian_desktop.services.notices.settings import (
    DISCLOSURE_DAYS,
    HOLIDAYS,
    LINK_BASE,
    PLACE,
    PUBLIC_PHONES,
    QR_MODE,
    NoticeSettings,
    notice_settings,
    save_notice_settings,
)
from dangjian_desktop.services.notices.sources import generate_text
from dangjian_desktop.services.notices.verifying import (
    ALTERED,
    GENUINE,
    NOT_FOUND,
    SIZES,
    WRONG_CODE,
    Verification,
    export_pdf,
    pdf_bytes,
    verify,
)

__all__ = [
    "ALTERED",
    "DISCLOSURE_DAYS",
    "GENUINE",
    "HOLIDAYS",
    "LINK_BASE",
    "NOT_FOUND",
    "PLACE",
    "PUBLIC_PHONES",
    "QR_MODE",
    "SIZES",
    "TAKE_DOWN_NOTICE_DAYS",
    "WRONG_CODE",
    "DraftRequest",
    "NoticeInfo",
    "NoticeSettings",
    "PrivateDataFound",
    "Verification",
    "create_draft",
    "delete_draft",
    "due_items",
    "export_pdf",
    "find_notice",
    "generate_text",
    "get_notice",
    "list_notices",
    "notice_settings",
    "pdf_bytes",
    "privacy_refusal",
    "public_sheet_privacy",
    "publish",
    "save_notice_settings",
    "set_board_dates",
    "start_correction",
    "start_withdrawal",
    "update_draft",
    "verify",
]
