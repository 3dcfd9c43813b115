"""The registry of modules (features.py) against the tree: every module has all its rooms, every room
belongs to a module, and every table and catalog is claimed by exactly one owner. A piece forgotten when a
module is added (a page class, a catalog, a table no module claims) fails here, not quietly at run time."""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from dangjian_desktop import features
from dangjian_desktop.features import FEATURES, Feature

PACKAGE = Path(features.__file__).parent
CATALOG_FOLDER = PACKAGE.parents[1] / "translations" / "zh_CN" / "LC_MESSAGES"
NOT_MODULES = {
    "__init__",
    "__main__",
    "support",
    "admin",
    "exchange",
}  # cli/ files of the program itself (admin: the township server; exchange: the USB exchange with it)
# services/ packages of the program itself, no module's: the USB exchange serves every module's tables
NOT_MODULE_SERVICES = {"exchange"}

by_key = pytest.mark.parametrize("module", FEATURES, ids=[module.key for module in FEATURES])


def test_keys_packages_and_titles_are_unique():
    for name in ("key", "package", "title", "catalog"):
        values = [getattr(module, name) for module in FEATURES]
        assert len(values) == len(set(values)), name
    assert not {module.key for module in FEATURES} & {"home", "settings", "backup"}


@by_key
def test_the_domain_rooms_exist_and_import(module: Feature):
    for name in module.domains:
        assert (PACKAGE / "domain" / f"{name}.py").is_file(), name
        importlib.import_module(f"dangjian_desktop.domain.{name}")


@by_key
def test_the_store_room_exists_and_holds_the_modules_tables(module: Feature):
    from dangjian_desktop.store.schema import metadata

    assert (PACKAGE / "store" / f"{module.models}.py").is_file()
    importlib.import_module(f"dangjian_desktop.store.{module.models}")
    for table in (*module.audit_tables, *module.inner_tables):
        assert table in metadata.tables, table


@by_key
def test_the_services_package_and_the_documents_exist(module: Feature):
    services = importlib.import_module(module.services_module)
    assert hasattr(services, "__path__"), f"services/{module.package}/ is a package"
    assert list((PACKAGE / "documents").glob(f"{module.package}_*.py")), f"documents/{module.package}_*.py"


@by_key
def test_the_page_exists_with_its_class(module: Feature):
    assert (PACKAGE / "ui" / module.package / "page.py").is_file()
    page_class = getattr(importlib.import_module(module.page_module), module.page_class)
    assert isinstance(page_class, type) and issubclass(page_class, QWidget)
    assert hasattr(page_class, "data_changed") and callable(getattr(page_class, "reload", None))


@by_key
def test_the_command_line_room_adds_its_commands(module: Feature):
    assert module.has_cli, "every module has its commands"
    assert (PACKAGE / "cli" / f"{module.package}.py").is_file()
    assert callable(importlib.import_module(module.cli_module).add_commands)


@by_key
def test_the_catalog_exists(module: Feature):
    assert (CATALOG_FOLDER / f"{module.catalog}.po").is_file()


@by_key
def test_the_settings_group_has_settings(module: Feature):
    from dangjian_desktop.services import settings

    importlib.import_module(module.services_module)  # a service registers its settings when imported
    if module.settings_group is None:
        assert not module.settings_on_own_page and module.settings_position == 0
        return
    prefix = f"{module.settings_group}."
    assert any(key.startswith(prefix) for key in settings.ALL_KEYS), module.settings_group
    assert module.settings_on_own_page or module.settings_position > 0


def test_the_business_settings_page_has_a_group_per_module_with_settings():
    from dangjian_desktop.ui.pages import business_settings_page as page

    shown = {m.settings_group for m in FEATURES if m.settings_group and not m.settings_on_own_page}
    assert {code for code, _title in page.GROUPS} == shown
    assert [code for code, _title in page.GROUPS][:2] == ["dues", "flowing"]


def test_every_module_with_home_lines_has_its_function():
    from dangjian_desktop.services import home

    assert set(home.MODULE_LINES) == {module.key for module in FEATURES if module.has_home_lines}
    assert len(home.contributions()) == len(home.MODULE_LINES) + 2  # and the exchange's and backup's lines


def test_every_table_is_claimed_by_exactly_one_owner():
    from dangjian_desktop.store.schema import metadata

    claims = Counter(features.CORE_TABLES)
    for module in FEATURES:
        claims.update([*module.audit_tables, *module.inner_tables])
    assert [table for table, count in claims.items() if count > 1] == []
    assert sorted(claims) == sorted(metadata.tables)


def test_every_table_the_change_log_names_has_one_name():
    words = features.table_words()
    names = [*features.CORE_AUDIT_TABLES] + [table for module in FEATURES for table in module.audit_tables]
    assert len(names) == len(set(names)) == len(words)


def test_every_catalog_is_claimed_by_exactly_one_owner():
    claimed = features.catalogs()
    assert len(claimed) == len(set(claimed))
    assert sorted(claimed) == sorted(path.stem for path in CATALOG_FOLDER.glob("*.po"))


def test_every_module_room_in_the_tree_is_registered():
    """A module built but left out of the registry has no page, no commands and no home lines: found here."""
    packages = {module.package for module in FEATURES}
    services = {
        path.parent.name for path in (PACKAGE / "services").glob("*/__init__.py")
    } - NOT_MODULE_SERVICES
    pages = {path.parent.name for path in (PACKAGE / "ui").glob("*/page.py")}
    commands = {path.stem for path in (PACKAGE / "cli").glob("*.py")} - NOT_MODULES
    assert services == packages
    assert pages == packages
    assert commands == packages


def test_the_navigation_follows_the_registry():
    from dangjian_desktop.ui.navigation import PAGES, TOWNSHIP_PAGES

    village = [module.key for module in FEATURES if not module.township_only]
    assert [key for key, _title in PAGES] == ["home", *village, "settings"]
    # a township login has no branch: no home page of tasks, no village pages; its own, and 设置
    township = [module.key for module in FEATURES if module.township_only]
    assert [key for key, _title in TOWNSHIP_PAGES] == [*township, "settings"]


def test_a_township_only_module_is_the_township_report_and_changes_nothing():
    """A village login never sees a township-only page: it has no tables, settings or home lines of its own
    (nothing a village would miss), and the only such module is the township's report."""
    only = [module for module in FEATURES if module.township_only]
    assert [module.key for module in only] == ["township"]
    for module in only:
        assert not module.audit_tables and not module.inner_tables
        assert module.settings_group is None and not module.has_home_lines
