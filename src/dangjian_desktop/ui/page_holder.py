"""The holder of one page of the main window: the page gets the window's room, and scrolls inside it
when it needs more (the largest text on a small screen); a control getting the focus is scrolled into view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from dangjian_desktop.ui.widgets.flow_layout import FlowLayout


class PageHolder(QScrollArea):
    """Holds one page of the window, built the first time it is shown. A page that needs more room than the
    window has (the largest text on a small screen) scrolls inside it, so it no longer makes the whole
    window bigger than the screen; a page that fits looks as if it were not held at all (no frame, no
    margin, no scroll bars).

    The page gets the room there is, but never less than its minimum, as a layout would give it; not
    QScrollArea's own widgetResizable, which takes the height a page of word-wrapped text would like at
    its width for the least it can have, and so scrolls pages that fit."""

    FOCUS_MARGIN = 8  # room kept around a control scrolled into view

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"holder_{key}")
        self.setFrameShape(QFrame.Shape.NoFrame)

    def set_page(self, page: QWidget) -> None:
        self.setWidget(page)
        self.fit_page()
        for tabs in page.findChildren(QTabWidget):  # another tab may need another height at this width
            tabs.currentChanged.connect(lambda _index: self.fit_page())

    def fit_page(self) -> None:
        """Give the page the room in the window, or its minimum where the room is less (it scrolls)."""
        page = self.widget()
        if page is None:
            return
        least = _least_size(page)
        room = self.maximumViewportSize()  # without scroll bars
        bar_width = self.verticalScrollBar().sizeHint().width()
        bar_height = self.horizontalScrollBar().sizeHint().height()
        wide = least.width() > room.width()
        high = least.height() > room.height() - (bar_height if wide else 0)
        wide = least.width() > room.width() - (bar_width if high else 0)
        high = least.height() > room.height() - (bar_height if wide else 0)
        size = QSize(room.width() - (bar_width if high else 0), room.height() - (bar_height if wide else 0))
        size = size.expandedTo(least).boundedTo(page.maximumSize())
        if page.size() != size:
            page.resize(size)
        self._fit_wrapped(room, bar_width)

    def _fit_wrapped(self, room: QSize, bar_width: int) -> None:
        """Make the page taller where, at the width it got, wrapped text or rows of buttons that flow onto
        more lines need more height than its minimum says (a minimum does not know the width): the page
        scrolls down instead of squeezing what is under them out of sight. Once more when that brings a
        scroll bar, which takes some width."""
        page = self.widget()
        if page is None:
            return
        for _attempt in range(10):
            short = _height_short(page)
            if short <= 0:
                return
            height = page.height() + short
            width = page.width()
            if height > room.height():  # the scroll bar down the side takes its width
                width = max(min(width, room.width() - bar_width), _least_size(page).width())
            page.resize(width, min(height, page.maximumHeight()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.fit_page()
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit_page()  # the page's minimum may have changed (another tab, more rows, a new text size)
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The page's own wish (QScrollArea would cap it at 36×24 lines): the window's first size is as
        before."""
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def bring_into_view(self, widget: QWidget) -> None:
        """Scroll so that ``widget`` (a control on the page that has just got the keyboard focus) can be
        seen, as much of it as fits; nothing moves when it is in sight already. A part of the page that
        scrolls by itself (the general settings) is scrolled first; only what the control's own parents
        show counts (a field inside a list)."""
        page = self.widget()
        if page is None or not page.isAncestorOf(widget):
            return
        inner = widget.parentWidget()
        while inner is not None and inner is not page:
            if isinstance(inner, QScrollArea) and inner.widget() is not None:
                _show_in(inner, widget)
            inner = inner.parentWidget()
        _show_in(self, widget)


def _show_in(scroll: QScrollArea, widget: QWidget) -> None:
    """Scroll ``scroll`` the least that shows ``widget``, one of the descendants of what it scrolls."""
    content = scroll.widget()
    if content is None or not content.isAncestorOf(widget):
        return
    area = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not content:
        area &= QRect(parent.mapTo(content, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    if area.isEmpty():
        return
    viewport = scroll.viewport()
    _scroll_to_show(scroll.horizontalScrollBar(), area.left(), area.width(), viewport.width())
    _scroll_to_show(scroll.verticalScrollBar(), area.top(), area.height(), viewport.height())


def _height_short(page: QWidget) -> int:
    """How much height the page lacks at its present width: the most that one of its layouts shown (not
    one inside a part that scrolls by itself) has less than it needs at its width. Only layouts that know
    their least height at a width are asked (a row or column of wrapped labels and flowing rows); a tab
    widget or a widget with a layout answers with the height it would like, which would scroll pages that fit."""
    short = 0
    for widget in [page, *page.findChildren(QWidget)]:
        layout = widget.layout()
        if layout is None or not widget.isVisible() or not _knows_least_height(layout):
            continue
        if widget is not page and _scrolls_by_itself(widget, page):
            continue
        short = max(short, layout.minimumHeightForWidth(widget.width()) - widget.height())
    return short


def _knows_least_height(layout: QLayout) -> bool:
    if isinstance(layout, FlowLayout):
        return True
    if not isinstance(layout, QBoxLayout) or not layout.hasHeightForWidth():
        return False
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None or not item.hasHeightForWidth():
            continue
        inner = item.layout()
        if inner is not None and not _knows_least_height(inner):
            return False
        if inner is None and not isinstance(item.widget(), QLabel):
            return False
    return True


def _scrolls_by_itself(widget: QWidget, page: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _least_size(widget: QWidget) -> QSize:
    """The least room a layout would give ``widget`` (Qt's qSmartMinSize)."""
    hint, least_hint, policy = widget.sizeHint(), widget.minimumSizeHint(), widget.sizePolicy()
    width = height = 0
    if policy.horizontalPolicy() != QSizePolicy.Policy.Ignored:
        can_shrink = bool(policy.horizontalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value)
        width = least_hint.width() if can_shrink else max(hint.width(), least_hint.width())
    if policy.verticalPolicy() != QSizePolicy.Policy.Ignored:
        can_shrink = bool(policy.verticalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value)
        height = least_hint.height() if can_shrink else max(hint.height(), least_hint.height())
    size = QSize(width, height).boundedTo(widget.maximumSize())
    if widget.minimumWidth() > 0:
        size.setWidth(widget.minimumWidth())
    if widget.minimumHeight() > 0:
        size.setHeight(widget.minimumHeight())
    return size.expandedTo(QSize(0, 0))


def _scroll_to_show(bar: QScrollBar, start: int, length: int, room: int) -> None:
    """Move ``bar`` the least that shows the stretch ``start``…``start + length`` of the page in ``room``
    pixels (with a small margin); one longer than the room is left alone if part of it is in sight already,
    else its beginning is shown."""
    margin = min(PageHolder.FOCUS_MARGIN, max((room - length) // 2, 0))
    shown_from = bar.value()
    shown_to = shown_from + room
    end = start + length
    if length > room:
        if start < shown_to and end > shown_from:
            return
        bar.setValue(start)
    elif start - margin < shown_from:
        bar.setValue(start - margin)
    elif end + margin > shown_to:
        bar.setValue(end + margin - room)
