"""Members away (流动党员) and their activity books: use cases.

One file per group of use cases, the public names gathered here (``flowing.register_leave(...)``):

- ``settings``: the book's title and layout, the months before an alert, the 党章 text printed;
- ``stays``: registering the leave (and issuing the book), records while away, the return, a new book;
- ``queries``: one member's stay, the list of members away, the members at risk of losing touch;
- ``book``: what the activity book prints, one book as a PDF, every book in one batch;
- ``directory``: the directory of members away (PDF, printout, .xlsx).

Each use case is one transaction that writes the audit log with the change, and returns the frozen values
of ``dtos``.
"""

from __future__ import annotations

from dangjian_desktop.services.flowing.book import book_content, book_file_name, print_all_away, print_book
from dangjian_desktop.services.flowing.directory import (
    directory_entries,
    directory_file_name,
    directory_pdf_bytes,
    export_directory,
)
from dangjian_desktop.services.flowing.dtos import (
    AWAY,
    RETURNED,
    UNREGISTERED,
    AlertRow,
    AwayRow,
    BatchResult,
    BookInfo,
    ContactInfo,
    LeaveResult,
    MemberRef,
    OpinionInfo,
    OrgLifeInfo,
    PrintResult,
    StayDetail,
    StayInfo,
)
from dangjian_desktop.services.flowing.queries import alerts, away_rows, stay_detail
from dangjian_desktop.services.flowing.settings import (
    ALERT_MONTHS,
    BOOK_LAYOUT,
    BOOK_TITLE,
    CONSTITUTION_TEXT,
    FlowingSettings,
    bundled_constitution_text,
    constitution_text,
    flowing_settings,
    replace_constitution_text,
    set_alert_months,
    set_book_layout,
    set_book_title,
)
from dangjian_desktop.services.flowing.stays import (
    add_contact,
    add_opinion,
    add_org_life,
    find_member,
    members_who_can_leave,
    register_leave,
    register_return,
    reissue_book,
    update_leave,
)

__all__ = [
    "ALERT_MONTHS",
    "AWAY",
    "BOOK_LAYOUT",
    "BOOK_TITLE",
    "CONSTITUTION_TEXT",
    "RETURNED",
    "UNREGISTERED",
    "AlertRow",
    "AwayRow",
    "BatchResult",
    "BookInfo",
    "ContactInfo",
    "FlowingSettings",
    "LeaveResult",
    "MemberRef",
    "OpinionInfo",
    "OrgLifeInfo",
    "PrintResult",
    "StayDetail",
    "StayInfo",
    "add_contact",
    "add_opinion",
    "add_org_life",
    "alerts",
    "away_rows",
    "book_content",
    "book_file_name",
    "bundled_constitution_text",
    "constitution_text",
    "directory_entries",
    "directory_file_name",
    "directory_pdf_bytes",
    "export_directory",
    "find_member",
    "flowing_settings",
    "members_who_can_leave",
    "print_all_away",
    "print_book",
    "register_leave",
    "register_return",
    "reissue_book",
    "replace_constitution_text",
    "set_alert_months",
    "set_book_layout",
    "set_book_title",
    "stay_detail",
    "update_leave",
]
