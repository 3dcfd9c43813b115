"""What the tabs and dialogs of 党务公开 share: the colours of a result, the tab base, the Save/Cancel row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian_desktop.ui.widgets.kit import Tab

if TYPE_CHECKING:
    from dangjian_desktop.ui.notices.page import NoticesPage

GOOD_COLOR = "#1a7f37"
BAD_COLOR = "#c00000"
WAIT_COLOR = "#9a6700"  # a meeting without its quorum: to be convened again


class NoticesTab(Tab):
    """A tab of the notices page; it reaches the page for the other tabs and ``dialog_opened``."""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page.workspace)
        self.page = page
