"""Dates and phones are written one way on the screens: 2026-12-07 in tables, 2026年12月7日 in sentences,
and a landline keeps its hyphen (0531-8765432) wherever it is shown."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.i18n import format_date, table_date
from dangjian_desktop.services.branch import BranchProfile, load_profile, save_profile
from dangjian_desktop.ui.dialogs.setup_dialog import SetupDialog
from dangjian_desktop.ui.main_window import MainWindow, UiSettings
from dangjian_desktop.ui.pages.settings_hub import SettingsPage


def test_dates_in_tables_and_in_sentences():
    day = dt.date(2026, 12, 7)
    assert table_date(day) == "2026-12-07"
    assert format_date(day) == format_date(day, "long") == "2026年12月7日"


def test_the_supervision_phone_keeps_its_hyphen_in_settings(qtbot, workspace):
    profile = load_profile(workspace)
    save_profile(workspace, BranchProfile(**{**profile.__dict__, "supervision_phone": "0531-8765432"}))
    assert load_profile(workspace).supervision_phone == "05318765432"  # stored as digits

    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    page.refresh_profile()
    assert page.profile_values["supervision_phone"].text() == "0531-8765432"
    dialog = SetupDialog(workspace, first_start=False)
    qtbot.addWidget(dialog)
    assert dialog.editors["supervision_phone"].text() == "0531-8765432"
