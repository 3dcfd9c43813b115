"""Use cases of the posts module (无职党员设岗定责): the catalogue (设岗), terms, assignments (认岗 / 定岗),
performance records (履岗记实), evaluations (评岗), the public board and the duty cards.

Each use case is one transaction and writes the audit log in it; results are frozen DTOs. The branch's
catalogue is filled with the usual posts the first time the module is used. The module's settings
(one post per term or more, the grade list, the notice period) live in the ``setting`` table.

One file per group of use cases; this package offers them all, so ``posts.assign(...)`` works:
``settings`` · ``catalogue`` · ``terms`` · ``assignments`` (and the members as the post screens show
them) · ``records`` · ``evaluation`` · ``board`` (the board and the duty cards).
"""

from __future__ import annotations

from dangjian_desktop.services.posts.assignments import (
    AssignmentInfo,
    CatalogueRow,
    MemberOption,
    ReasonRequired,
    assign,
    assignments,
    catalogue_rows,
    check_assignment,
    find_member,
    members_without_office,
    members_without_post,
    remove_assignment,
    roster_options,
    update_commitment,
)
from dangjian_desktop.services.posts.board import (
    board_content,
    board_pdf,
    board_text,
    duty_cards,
    duty_cards_pdf,
    export_board,
    export_duty_cards,
)
from dangjian_desktop.services.posts.catalogue import (
    PostInfo,
    add_post,
    ensure_catalogue,
    find_post,
    list_posts,
    set_post_active,
    update_post,
)
from dangjian_desktop.services.posts.evaluation import HistoryEntry, evaluate, member_history
from dangjian_desktop.services.posts.records import RecordInfo, add_records, record_for_member, records
from dangjian_desktop.services.posts.settings import (
    CATALOGUE_SEEDED,
    DEFAULT_NOTICE_DAYS,
    GRADES,
    NOTICE_DAYS,
    SEVERAL_POSTS,
    PostSettings,
    post_settings,
    save_post_settings,
)
from dangjian_desktop.services.posts.terms import (
    TermInfo,
    current_term,
    find_year_term,
    list_terms,
    open_term,
    term_for_year,
)

__all__ = [
    "CATALOGUE_SEEDED",
    "DEFAULT_NOTICE_DAYS",
    "GRADES",
    "NOTICE_DAYS",
    "SEVERAL_POSTS",
    "AssignmentInfo",
    "CatalogueRow",
    "HistoryEntry",
    "MemberOption",
    "PostInfo",
    "PostSettings",
    "ReasonRequired",
    "RecordInfo",
    "TermInfo",
    "add_post",
    "add_records",
    "assign",
    "assignments",
    "board_content",
    "board_pdf",
    "board_text",
    "catalogue_rows",
    "check_assignment",
    "current_term",
    "duty_cards",
    "duty_cards_pdf",
    "ensure_catalogue",
    "evaluate",
    "export_board",
    "export_duty_cards",
    "find_member",
    "find_post",
    "find_year_term",
    "list_posts",
    "list_terms",
    "member_history",
    "members_without_office",
    "members_without_post",
    "open_term",
    "post_settings",
    "record_for_member",
    "records",
    "remove_assignment",
    "roster_options",
    "save_post_settings",
    "set_post_active",
    "term_for_year",
    "update_commitment",
    "update_post",
]
