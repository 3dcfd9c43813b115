"""What the main window asks of a module's page (the class named in features.py): structural protocols,
so that a page needs no common base class, only these members."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from dangjian_desktop.services.home import DueItem


@runtime_checkable
class ModulePage(Protocol):
    """Every module's page. ``data_changed`` is emitted after it wrote something (the other pages read
    their data again when next shown); ``reload()`` shows the data as it is now (after another page's
    change, a restore, a new text size)."""

    @property
    def data_changed(self) -> SignalInstance: ...

    def reload(self) -> None: ...


@runtime_checkable
class ShowsDueItem(Protocol):
    """A page that shows a line of the home page as its own thing (the dues page: the 欠缴 tab with the
    line's member selected). A page without it gets the line's member selected (``SelectsMember``)."""

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> object: ...


@runtime_checkable
class SelectsMember(Protocol):
    def select_member(self, member_id: int) -> bool: ...


@runtime_checkable
class HasFirstField(Protocol):
    """A page that names the control Tab from the page list lands on (the roster's search box)."""

    first_field: QWidget
