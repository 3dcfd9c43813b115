"""The text size chosen in 设置 applies at once to every window and page that is open.

Qt alone does not do this here. With the program's style sheet set on the whole application, a new
application font reaches the windows themselves but not the widgets inside them (Qt leaves widgets under a
style sheet out when it hands a font down), and a widget given a font of its own (a heading a step bigger,
a bold count, the navigation list) keeps its old size anyway. So ``TextSizeFollower`` watches the
application font and, when it changes, gives every widget of every window the new size in the proportion it
had to the old one: ordinary text becomes the new size, a heading 1.4 times the text stays 1.4 times it,
bold stays bold. Each widget gets Qt's FontChange event as usual (the innermost first, as Qt does it), so
layouts, size hints, minimum sizes and anything fitted with ``keep_fitted`` follow.

A font shown in a table or list cell should say only what differs from the table's own font
(``bold_font``), so that it follows the table's size.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget


class TextSizeFollower(QObject):
    """Once per application (``follow_text_size``); kept alive as the application's child."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._font = QFont(app.font())
        app.fontChanged.connect(self._font_changed)

    def _font_changed(self, font: QFont) -> None:
        old, self._font = self._font, QFont(font)
        old_size, new_size = old.pointSizeF(), font.pointSizeF()
        if old_size <= 0 or new_size <= 0:
            return
        if old_size == new_size and old.family() == font.family():
            return
        rescale_fonts(new_size / old_size, old.family(), font.family())


def follow_text_size(app: QApplication) -> TextSizeFollower:
    """Make every open widget follow the application font from now on (once per application)."""
    existing = app.findChild(TextSizeFollower)
    if existing is not None:
        return existing
    return TextSizeFollower(app)


def rescale_fonts(ratio: float, old_family: str = "", new_family: str = "") -> None:
    """Every widget's font ``ratio`` times its size (text in the old application family gets the new one).
    All new fonts are worked out before any is set, and each widget gets its own before the one holding
    it (as Qt does), so a page fitting something to its table's text finds the table's new font."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    planned: list[tuple[QWidget, QFont]] = []
    for widget in _innermost_first(app.topLevelWidgets()):
        font = widget.font()
        size = font.pointSizeF()
        if size <= 0:  # a size in pixels (none in the program): left alone
            continue
        target = QFont(font)
        target.setPointSizeF(round(size * ratio, 2))
        if old_family and new_family and font.family() == old_family:
            target.setFamily(new_family)
        planned.append((widget, target))
    _set_fonts(planned)
    if app.styleSheet():
        # The style sheet works out sizes given in the text's own units (a button's min-height: 1.5em)
        # when it is applied: apply it again. That also puts back the fonts widgets had when it was
        # first applied (Qt keeps them), so the fonts of their own are set once more.
        app.setStyleSheet(app.styleSheet())
        _set_fonts(planned)
    for widget, _target in planned:
        # A hidden widget (a tab not open) would keep the least size its layout gave it at the old size
        # until it is shown, and with it the page holding it: work the layouts out now, innermost first.
        layout = widget.layout() if shiboken6.isValid(widget) else None
        if layout is not None:
            layout.activate()


def _set_fonts(planned: list[tuple[QWidget, QFont]]) -> None:
    for widget, target in planned:
        if shiboken6.isValid(widget) and widget.font() != target:
            widget.setFont(target)


def _innermost_first(windows: list[QWidget]) -> list[QWidget]:
    order: list[QWidget] = []

    def visit(widget: QWidget) -> None:
        for child in widget.children():
            if isinstance(child, QWidget) and not child.isWindow():
                visit(child)
        order.append(widget)

    for window in windows:
        visit(window)
    return order


def scaled_font(factor: float, bold: bool = False) -> QFont:
    """The application font ``factor`` times as big (a heading, a count); it keeps that proportion when
    the text size changes."""
    font = QFont(QApplication.font())
    font.setPointSizeF(max(1.0, font.pointSizeF() * factor))
    font.setBold(bold)
    return font


def bold_font() -> QFont:
    """For a table or list cell: bold, and otherwise the table's own font (so it follows the text size)."""
    font = QFont()  # nothing set: every other property comes from the table
    font.setBold(True)
    return font


class _FitAgain(QObject):
    def __init__(self, widget: QWidget, fit: Callable[[], None]) -> None:
        super().__init__(widget)
        self._fit = fit
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:
            self._fit()
        return False


def keep_fitted(widget: QWidget, fit: Callable[[], None]) -> None:
    """Call ``fit`` now and again whenever ``widget``'s font changes: for a size worked out from the text
    (a row height, a width for so many characters) that should follow the text size."""
    fit()
    _FitAgain(widget, fit)
