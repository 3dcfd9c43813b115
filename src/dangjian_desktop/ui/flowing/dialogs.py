"""The dialogs of the 流动党员 page, one file each, gathered here for the page and the settings page."""

from __future__ import annotations

from dangjian_desktop.ui.flowing.contact_dialog import ContactDialog
from dangjian_desktop.ui.flowing.directory_dialog import DirectoryDialog
from dangjian_desktop.ui.flowing.leave_dialog import LeaveDialog
from dangjian_desktop.ui.flowing.opinion_dialog import OpinionDialog
from dangjian_desktop.ui.flowing.org_life_dialog import OrgLifeDialog
from dangjian_desktop.ui.flowing.print_book_dialog import LAYOUT_LABELS, PrintBookDialog, pdf_page_images
from dangjian_desktop.ui.flowing.reissue_dialog import ReissueDialog
from dangjian_desktop.ui.flowing.return_dialog import ReturnDialog

__all__ = [
    "LAYOUT_LABELS",
    "ContactDialog",
    "DirectoryDialog",
    "LeaveDialog",
    "OpinionDialog",
    "OrgLifeDialog",
    "PrintBookDialog",
    "ReissueDialog",
    "ReturnDialog",
    "pdf_page_images",
]
