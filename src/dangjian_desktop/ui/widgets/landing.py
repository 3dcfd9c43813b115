"""Landing on a member's row when a home-page line opens its page (dues, posts, flowing): the row selected
and focused, or, when the member is no longer in that list, nothing selected and the list at its top."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTableWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services.members import find_member
from dangjian_desktop.services.workspace import Workspace


def land_on_member(table: QTableWidget, member_id: int | None, select: Callable[[int], bool]) -> bool | None:
    """True: the member's row is selected (by ``select``) and the table has the keyboard focus. False: the
    member is not in the list; None: no member was asked for. In both the selection is cleared."""
    if member_id is not None and select(member_id):
        table.setFocus()
        return True
    table.setCurrentIndex(QModelIndex())  # no current row (what setCurrentItem(None) does)
    table.clearSelection()
    table.scrollToTop()
    return None if member_id is None else False


def member_name(workspace: Workspace, member_id: int) -> str:
    """The member's name for a short note, or "This member" when even that cannot be read."""
    try:
        return find_member(workspace, member_id).name
    except AppError:
        return _("This member")
