"""Turning the mouse wheel over a drop-down list that was not clicked scrolls the page instead.

These send the events from inside the test; tests/ui/test_real_wheel.py turns a real wheel under Xvfb.
"""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.ui.wheel_guard import WheelGuard


def _wheel(widget: QWidget, notches: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _form(qtbot):
    area = QScrollArea()
    area.setWidgetResizable(True)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    combos = []
    for _ in range(30):
        combo = QComboBox()
        combo.addItems(["优秀", "称职", "基本称职", "不称职"])
        layout.addWidget(combo)
        combos.append(combo)
    area.setWidget(inner)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, combos


@pytest.fixture
def guard():
    guard = WheelGuard()
    QApplication.instance().installEventFilter(guard)
    yield guard
    QApplication.instance().removeEventFilter(guard)


def test_the_wheel_over_an_unclicked_list_scrolls_the_page_and_leaves_the_choice(qtbot, guard):
    area, combos = _form(qtbot)
    combo = combos[2]
    _wheel(combo)
    assert combo.currentIndex() == 0
    assert area.verticalScrollBar().value() > 0


def _focus(area: QScrollArea, field: QWidget, reason: Qt.FocusReason, qtbot) -> None:
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    field.setFocus(reason)
    qtbot.waitUntil(field.hasFocus)


def test_a_clicked_list_still_turns_with_the_wheel(qtbot, guard):
    area, combos = _form(qtbot)
    combo = combos[1]
    _focus(area, combo, Qt.FocusReason.MouseFocusReason, qtbot)
    _wheel(combo)
    assert combo.currentIndex() == 1


def test_a_list_reached_with_tab_does_not_turn(qtbot, guard):
    """The pointer may rest on the field she tabbed to while she scrolls the page."""
    area, combos = _form(qtbot)
    combo = combos[1]
    _focus(area, combo, Qt.FocusReason.MouseFocusReason, qtbot)
    _focus(area, combos[2], Qt.FocusReason.TabFocusReason, qtbot)
    _focus(area, combo, Qt.FocusReason.BacktabFocusReason, qtbot)
    _wheel(combo)
    assert combo.currentIndex() == 0


def test_fields_the_wheel_could_change_do_not_take_the_focus_from_it(qtbot, guard):
    """A real wheel gives a WheelFocus field the focus before any filter sees it: they get StrongFocus."""
    fields = [QComboBox(), QSpinBox(), QDoubleSpinBox(), QDateEdit()]
    assert all(field.focusPolicy() == Qt.FocusPolicy.WheelFocus for field in fields)
    for field in fields:
        qtbot.addWidget(field)
        field.ensurePolished()
    assert all(field.focusPolicy() == Qt.FocusPolicy.StrongFocus for field in fields)


def test_without_the_guard_the_wheel_would_change_the_choice(qtbot):
    app = QApplication.instance()
    installed = app.findChildren(WheelGuard)  # prepare_application in an earlier test installs one
    for guard in installed:
        app.removeEventFilter(guard)
    try:
        _area, combos = _form(qtbot)
        _wheel(combos[2])
        assert combos[2].currentIndex() == 1  # what the guard prevents
    finally:
        for guard in installed:
            app.installEventFilter(guard)
