"""Small pieces the pages of 设置/备份 are built from: content that scrolls down (no frame, as wide as the
room), a widget filling its holder, and a page's column of parts with the standard margins."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget

PAGE_MARGINS = (24, 20, 24, 20)


def scroll_area(content: QWidget) -> QScrollArea:
    """``content`` in a frameless area that scrolls it down when the room is short."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def fill_with_scrolling(holder: QWidget, content: QWidget) -> None:
    """Make ``content`` the whole of ``holder``, scrolling down when the room is short."""
    outer = QVBoxLayout(holder)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll_area(content))


def page_column(holder: QWidget, *parts: QWidget | QLayout, spacing: int = 12) -> QVBoxLayout:
    """``holder``'s layout: ``parts`` one under another, with the pages' margins."""
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(*PAGE_MARGINS)
    layout.setSpacing(spacing)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout
