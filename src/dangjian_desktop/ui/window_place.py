"""Where the main window goes on the screens: the place kept from last time if it is still on a screen,
else most of the screen, centred (maximised on a small screen)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

DEFAULT_SHARE_OF_SCREEN = 0.9  # the first start: a window this share of the screen, centred


def on_a_screen(rect: QRect, screens: list[QRect]) -> bool:
    """Whether a window at ``rect`` (its inside, without the title bar) can be seen and taken by its title
    bar on one of the screens (their room without the taskbar): its top edge on the screen and at least
    half of it (or half of the screen, for a window bigger than the screen) there. A window last used on a
    second screen that is no longer there, or moved almost out of sight, is not."""
    for area in screens:
        inside = rect.intersected(area)
        if inside.isEmpty():
            continue
        title_bar_reachable = area.top() <= rect.top() <= area.bottom() - 60
        wide_enough = inside.width() * 2 >= min(rect.width(), area.width())
        high_enough = inside.height() * 2 >= min(rect.height(), area.height())
        if title_bar_reachable and wide_enough and high_enough:
            return True
    return False


def default_place(area: QRect, minimum: QSize) -> tuple[QRect, bool]:
    """The first start (or a saved place no longer on any screen): most of the screen, centred. On a screen
    that leaves no room around a window of the ``minimum`` size (1366×768 for ``ROOMY_WINDOW``) the window
    is maximised instead. The window never gets bigger than the screen."""
    width = round(area.width() * DEFAULT_SHARE_OF_SCREEN)
    height = round(area.height() * DEFAULT_SHARE_OF_SCREEN)
    maximise = width < minimum.width() or height < minimum.height()
    rect = QRect(
        0,
        0,
        min(max(width, minimum.width()), area.width()),
        min(max(height, minimum.height()), area.height()),
    )
    rect.moveCenter(area.center())
    return rect, maximise


def _rect_text(rect: QRect) -> str:
    return f"{rect.width()}×{rect.height()} at {rect.x()},{rect.y()}"
