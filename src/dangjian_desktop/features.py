"""The program's modules, in one list: everything that is read per module comes from here.

The navigation (ui/main_window.py), the CLI's sub-commands (cli/__init__.py), the groups of 业务设置
(ui/pages/business_settings_page.py), the home page's lines (services/home.py), the change log's names of
the tables (ui/pages/audit_page.py) and the translation catalogs are all read from ``FEATURES``. Adding a
module is its rooms (docs/adding-a-module.md) and one entry below; tests/test_features.py fails when a room
or a claim is missing.

Plain data only: no Qt, no layer is imported here (every layer may read this file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dangjian_desktop.i18n import N_


@dataclass(frozen=True)
class Feature:
    """One module of the program and the names of its rooms.

    The rooms, from ``package``: ``domain/<package>.py`` (or ``domain_modules``), ``store/<package>_models.py``
    (or ``models_module``), ``services/<package>/``, ``documents/<package>_*.py``, ``ui/<package>/page.py``
    (holding ``page_class``), ``cli/<package>.py`` (with ``add_commands``) and
    ``translations/<language>/LC_MESSAGES/<catalog>.po``."""

    key: str  # the page's key: the navigation, the home page's lines, ``MainWindow.page(key)``
    title: str  # N_(): the navigation entry and the page's title
    package: str  # the name of the module's rooms in every layer
    page_class: str  # the page's class in ui/<package>/page.py
    catalog: str  # the .po file (translation domain) with the module's own strings
    # The tables the module writes to the change log, with the name the change log shows for each.
    audit_tables: Mapping[str, str] = field(default_factory=dict)
    # The module's other tables: parts of a record that the change log names by their parent's table.
    inner_tables: tuple[str, ...] = ()
    domain_modules: tuple[str, ...] = ()  # empty: (package,)
    models_module: str = ""  # empty: <package>_models
    # The first part of its setting keys ("dues" for "dues.rounding"); None: the module has no settings.
    settings_group: str | None = None
    settings_on_own_page: bool = False  # its settings are on its own page, not on 业务设置
    settings_position: int = 0  # where its group comes on 业务设置 (the one changed most often first)
    has_home_lines: bool = False  # services/home.py has its lines for the home page
    has_cli: bool = True  # cli/<package>.py adds its sub-commands
    changes_roster: bool = False  # its changes show on the roster (who works away): the roster reads again
    # only a township login sees its page (the reports across branches); a village login never does
    township_only: bool = False

    @property
    def domains(self) -> tuple[str, ...]:
        return self.domain_modules or (self.package,)

    @property
    def models(self) -> str:
        return self.models_module or f"{self.package}_models"

    @property
    def page_module(self) -> str:
        return f"dangjian_desktop.ui.{self.package}.page"

    @property
    def cli_module(self) -> str:
        return f"dangjian_desktop.cli.{self.package}"

    @property
    def services_module(self) -> str:
        return f"dangjian_desktop.services.{self.package}"


# In the order of the navigation, after 首页.
FEATURES: tuple[Feature, ...] = (
    Feature(
        key="roster",
        title=N_("Roster"),
        package="members",
        page_class="RosterPage",
        catalog="members",
        audit_tables={"member": N_("Party member")},
        inner_tables=("member_event",),
        domain_modules=("members", "roster_columns"),
        models_module="models",
        has_home_lines=True,  # the probationary year ending (转正)
    ),
    Feature(
        key="meetings",
        title=N_("Organisation life"),
        package="meetings",
        page_class="MeetingsPage",
        catalog="meetings",
        audit_tables={"meeting": N_("Meeting"), "member_evaluation": N_("Democratic evaluation")},
        inner_tables=("meeting_attendance",),
        settings_group="meetings",
        settings_position=3,
        has_home_lines=True,
    ),
    Feature(
        key="flowing",
        title=N_("Mobile members"),
        package="flowing",
        page_class="FlowingPage",
        catalog="flowing",
        audit_tables={
            "flowing_stay": N_("Working away"),
            "activity_book": N_("Activity book"),
            "flowing_org_life": N_("Organisation life while away"),
            "flowing_opinion": N_("Opinion or evaluation while away"),
            "flowing_contact": N_("Contact with a member away"),
        },
        settings_group="flowing",
        settings_position=2,
        has_home_lines=True,
        changes_roster=True,
    ),
    Feature(
        key="dues",
        title=N_("Party dues"),
        package="dues",
        page_class="DuesPage",
        catalog="dues",
        audit_tables={
            "dues_standard": N_("Dues standard"),
            "dues_payment": N_("Dues payment"),
            "dues_handup": N_("Dues hand-up"),
            "dues_opening_note": N_("Paper-book note on dues"),
        },
        inner_tables=("dues_allocation", "dues_receipt"),
        settings_group="dues",
        settings_position=1,
        has_home_lines=True,
    ),
    Feature(
        key="posts",
        title=N_("Posts"),
        package="posts",
        page_class="PostsPage",
        catalog="posts",
        audit_tables={
            "post": N_("Post"),
            "post_term": N_("Post term"),
            "post_assignment": N_("Post assignment"),
            "post_record": N_("Post performance record"),
            "post_evaluation": N_("Post grade"),
        },
        settings_group="posts",
        settings_on_own_page=True,  # the 设置 tab of 设岗定责
        has_home_lines=True,
    ),
    Feature(
        key="notices",
        title=N_("Public notices"),
        package="notices",
        page_class="NoticesPage",
        catalog="notices",
        audit_tables={
            "notice": N_("Public notice"),
            "matter": N_("Major matter"),
            "matter_step": N_("Step of a major matter"),
        },
        domain_modules=("notices", "notice_texts", "major_matters"),
        settings_group="notices",
        settings_position=4,
        has_home_lines=True,
    ),
    Feature(
        key="township",
        title=N_("Township reports"),
        package="township",
        page_class="TownshipPage",
        catalog="township",
        models_module="models",  # no tables of its own: it reads every module's
        township_only=True,
    ),
)

# The change log's entries that belong to no module: the branch, the settings, backups and restores.
CORE_AUDIT_TABLES: Mapping[str, str] = {
    "branch": N_("Branch information"),
    "setting": N_("Business rule"),
    "backup": N_("Backup of the data"),  # not a table: the backups and restores
    "exchange_key": N_("Exchange key"),
    "exchange": N_("Exchange with the township"),  # not a table: the files sent and received
    "township_decision": N_("Township decision"),
}
# The tables of the program itself (store/models.py), no module's.
CORE_TABLES: tuple[str, ...] = (
    "branch", "setting", "audit_log", "exchange_key", "exchange_sent", "exchange_received", "township_decision",
)  # fmt: skip
# The catalogs of the program itself (every string outside the modules' rooms) and of argparse's own words,
# which the command line translates. scripts/catalogs.py builds them all with babel.
CORE_CATALOGS: tuple[str, ...] = ("core", "argparse")


def feature(key: str) -> Feature:
    """The module whose page has the key ``key``; KeyError for another key."""
    for found in FEATURES:
        if found.key == key:
            return found
    raise KeyError(key)


def table_words() -> dict[str, str]:
    """Every table the change log names, with its name (N_(): translate when shown)."""
    words = dict(CORE_AUDIT_TABLES)
    for module in FEATURES:
        words.update(module.audit_tables)
    return words


def catalogs() -> tuple[str, ...]:
    """Every catalog (.po file name without the suffix): the program's own, then each module's."""
    return CORE_CATALOGS + tuple(module.catalog for module in FEATURES)
