"""The command line names the pages as the window's left-hand list does."""

from dangjian_desktop.services.home import KINDS, PAGE_TITLES
from dangjian_desktop.ui.main_window import PAGES, SETTINGS_TABS
from dangjian_desktop.ui.navigation import TOWNSHIP_PAGES


def test_the_command_lines_page_names_are_the_windows():
    window = dict(PAGES) | dict(TOWNSHIP_PAGES)  # every page, the township's report too
    for key, title in PAGE_TITLES.items():
        if key in ("backup", "exchange"):  # tabs of 设置与备份, named on the tab
            continue
        assert window[key] == title


def test_the_settings_tabs_the_home_page_opens_are_named_as_the_command_line_names_them(qtbot, workspace):
    from dangjian_desktop.i18n import _
    from dangjian_desktop.ui.pages.settings_hub import SettingsPage
    from dangjian_desktop.ui.ui_settings import UiSettings

    page = SettingsPage(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(page)
    for key in SETTINGS_TABS:
        page.show_tab(key)
        assert page.tabs.tabText(page.tabs.currentIndex()) == _(PAGE_TITLES[key])


def test_every_page_a_due_line_opens_has_a_name():
    assert {page for _heading, page in KINDS.values()} <= set(PAGE_TITLES)


def test_the_mobile_members_page_is_titled_as_in_the_left_hand_list(qtbot, workspace):
    from dangjian_desktop.i18n import _
    from dangjian_desktop.ui.flowing.page import FlowingPage
    from dangjian_desktop.ui.widgets.forms import TitleLabel

    page = FlowingPage(workspace)
    qtbot.addWidget(page)
    assert page.findChildren(TitleLabel)[0].text() == _(dict(PAGES)["flowing"]) == "流动党员"
