"""The window's pages, in the order of the navigation list: 首页, each module's page (features.py), then
设置/备份; and a module's page class, imported when the page is first shown."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from PySide6.QtWidgets import QWidget

from dangjian_desktop.features import FEATURES, Feature
from dangjian_desktop.i18n import N_
from dangjian_desktop.services.workspace import Workspace

# A module page's class: made with the workspace and the window.
PageClass = Callable[[Workspace, QWidget], QWidget]

HOME = "home"
SETTINGS = "settings"


def pages_for(township: bool) -> tuple[tuple[str, str], ...]:
    """The navigation of a login. A township login has the township's own pages (features.py
    ``township_only``) and 设置: the village pages, the home page's tasks included, are the work of one
    branch, which a township login does not have. A village login and the single PC never list the
    township's pages."""
    if township:
        return (
            *((module.key, module.title) for module in FEATURES if module.township_only),
            (SETTINGS, N_("Settings and backup")),
        )
    return (
        (HOME, N_("Home")),
        *((module.key, module.title) for module in FEATURES if not module.township_only),
        (SETTINGS, N_("Settings and backup")),
    )


PAGES = pages_for(False)  # a village's navigation (and the single PC's)
TOWNSHIP_PAGES = pages_for(True)
# Pages whose changes show in the roster (who works away), so the roster is read again after them.
CHANGES_MEMBERS = frozenset(module.key for module in FEATURES if module.changes_roster)


def page_keys(pages: tuple[tuple[str, str], ...] = PAGES) -> list[str]:
    return [key for key, _title in pages]


def page_class(module: Feature) -> PageClass:
    """The class of the module's page (``ui/<package>/page.py``), imported on first use so that start-up
    stays quick. A page that cannot be imported is an error (ImportError), never a quiet placeholder."""
    found = getattr(importlib.import_module(module.page_module), module.page_class)
    if not (isinstance(found, type) and issubclass(found, QWidget)):
        raise TypeError(f"{module.page_module}.{module.page_class} is not a page (QWidget)")
    return cast(PageClass, found)
