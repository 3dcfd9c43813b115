"""A row of widgets that goes on to the next line when the window is narrow (large text), instead of
squeezing them until their text is cut or making the page scroll sideways."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Widgets side by side, going on to the next line when there is not room for all of them, so none is
    squeezed until its text is cut. ``add_stretch()`` marks where the rest of a line is pushed to the
    right (like ``QHBoxLayout.addStretch``)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right_from: int | None = None
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_stretch(self) -> None:
        self._right_from = len(self._items)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        shown = [item.sizeHint() for item in self._items if not item.isEmpty()]
        margins = self.contentsMargins()
        width = sum(size.width() for size in shown) + self._gap * max(len(shown) - 1, 0)
        height = max((size.height() for size in shown), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """One widget a line."""
        shown = [item.sizeHint() for item in self._items if not item.isEmpty()]
        margins = self.contentsMargins()
        width = max((size.width() for size in shown), default=0)
        height = max((size.height() for size in shown), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[tuple[int, QLayoutItem, QSize]]] = [[]]
        used = 0
        for number, item in enumerate(self._items):
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            size = QSize(min(hint.width(), max(area.width(), 0)), hint.height())
            if lines[-1] and used + self._gap + size.width() > area.width():
                lines.append([])
                used = 0
            used += (self._gap if lines[-1] else 0) + size.width()
            lines[-1].append((number, item, size))
        y = area.y()
        for line in (line for line in lines if line):
            height = max(size.height() for _number, _item, size in line)
            if move:
                spare = (
                    area.width() - sum(size.width() for *_rest, size in line) - self._gap * (len(line) - 1)
                )
                x = area.x()
                pushed = False
                for number, item, size in line:
                    if not pushed and self._right_from is not None and number >= self._right_from:
                        x += max(spare, 0)
                        pushed = True
                    item.setGeometry(QRect(QPoint(x, y + (height - size.height()) // 2), size))
                    x += size.width() + self._gap
            y += height + self._gap
        return max(y - self._gap - area.y(), 0) + margins.top() + margins.bottom()


def kept_together(*widgets: QWidget | str) -> QWidget:
    """A label and its field (or a few widgets) as one piece that never goes onto two lines; a string
    becomes a label."""
    piece = QWidget()
    layout = QHBoxLayout(piece)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    for widget in widgets:
        layout.addWidget(QLabel(widget) if isinstance(widget, str) else widget)
    return piece
