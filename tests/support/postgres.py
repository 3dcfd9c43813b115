"""A real PostgreSQL server for the tests (a pytest plugin, loaded by tests/conftest.py).

``scripts/test.sh`` starts a throwaway cluster on 127.0.0.1 (scripts/postgres_cluster.sh) and gives its
superuser URL in ``DANGJIAN_TEST_POSTGRES``. Once per run a template database is set up exactly as a
township administrator would (``admin init``, two branches A and B, a village login for each and a
township login); every test that asks for it gets a fresh copy (``CREATE DATABASE … TEMPLATE``).

- fixture ``township_db``: such a copy, for the tests written for the server.
- ``DANGJIAN_TEST_ENGINE=postgresql``: every test under tests/services, tests/store and tests/test_cli*
  runs on its own copy as village A (``DANGJIAN_DATABASE_URL``), so the whole service suite proves itself
  on PostgreSQL too; tests marked ``sqlite_only`` (about the PC's own file) are skipped then.

Without a server the fixtures skip, unless ``DANGJIAN_REQUIRE_POSTGRES=1`` (CI), where they fail.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import pytest

SERVER_VARIABLE = "DANGJIAN_TEST_POSTGRES"
REQUIRE_VARIABLE = "DANGJIAN_REQUIRE_POSTGRES"
ENGINE_VARIABLE = "DANGJIAN_TEST_ENGINE"
OTHER_BRANCH_VARIABLE = "DANGJIAN_TEST_OTHER_BRANCH_URL"
PASSWORD = "secret"
LOGINS = {"village_a": ("village", "A"), "village_b": ("village", "B"), "township": ("township", None)}
BRANCHES = {"A": "中共前进村支部委员会", "B": "中共红旗村支部委员会"}
_ENGINE_DIRECTORIES = ("services", "store")
_counter = itertools.count(1)


def _with_database(url: str, database: str, user: str | None = None, password: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if user is not None:
        host = netloc.rsplit("@", 1)[-1]
        netloc = f"{user}:{password}@{host}"
    return urlunsplit((parts.scheme, netloc, f"/{database}", "", ""))


def server_url() -> str | None:
    return os.environ.get(SERVER_VARIABLE, "").strip() or None


def skip_or_fail(reason: str) -> None:
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class TownshipDatabase:
    """A fresh database set up by ``admin init`` with branches A and B and three logins."""

    name: str
    owner_url: str
    branch_ids: dict[str, int] = field(default_factory=dict)

    def url_for(self, login: str) -> str:
        return _with_database(self.owner_url, self.name, login, PASSWORD)


def _superuser_execute(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(
        url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


def _build_template(admin_url: str, template: str) -> dict[str, int]:
    from dangjian_desktop.services import server_admin
    from dangjian_desktop.store import server
    from dangjian_desktop.store.db import Database

    _superuser_execute(
        admin_url, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)', f'CREATE DATABASE "{template}"'
    )
    owner_url = _with_database(admin_url, template)
    server_admin.init_database(owner_url)
    branch_ids = {code: server_admin.add_branch(owner_url, code, name) for code, name in BRANCHES.items()}
    database = Database(owner_url)
    try:
        with database.engine.begin() as connection:
            for login, (kind, code) in LOGINS.items():
                server.create_login(connection, login, PASSWORD, kind, branch_ids[code] if code else None)
    finally:
        database.dispose()
    return branch_ids


@pytest.fixture(scope="session")
def _postgres_template() -> Iterator[tuple[str, str, dict[str, int]]]:
    admin_url = server_url()
    if admin_url is None:
        skip_or_fail(
            f"no PostgreSQL server for the tests ({SERVER_VARIABLE} is not set; scripts/test.sh starts one)"
        )
    assert admin_url is not None
    template = f"dj_template_{os.getpid()}"
    branch_ids = _build_template(admin_url, template)
    yield admin_url, template, branch_ids
    _superuser_execute(admin_url, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


def _fresh_copy(template: tuple[str, str, dict[str, int]]) -> Iterator[TownshipDatabase]:
    admin_url, template_name, branch_ids = template
    name = f"dj_test_{os.getpid()}_{next(_counter)}"
    _superuser_execute(admin_url, f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    try:
        yield TownshipDatabase(
            name=name, owner_url=_with_database(admin_url, name), branch_ids=dict(branch_ids)
        )
    finally:
        _superuser_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def township_db(_postgres_template) -> Iterator[TownshipDatabase]:  # noqa: ANN001
    yield from _fresh_copy(_postgres_template)


def engine_is_postgres() -> bool:
    return os.environ.get(ENGINE_VARIABLE, "") == "postgresql"


def _runs_on_engine(item: pytest.Item) -> bool:
    parts = item.path.parts
    return any(directory in parts for directory in _ENGINE_DIRECTORIES) or item.path.name.startswith(
        ("test_cli", "test_races")
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about the PC's own SQLite file (backups, damage, WAL): not run on PostgreSQL"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    del config
    if not engine_is_postgres():
        return
    skip = pytest.mark.skip(reason="about the PC's own SQLite file; this run is on PostgreSQL")
    for item in items:
        if item.get_closest_marker("sqlite_only") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _on_postgres_when_asked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """With DANGJIAN_TEST_ENGINE=postgresql, the test's data is a fresh server database, as village A."""
    if not engine_is_postgres() or not _runs_on_engine(request.node):
        yield
        return
    template = request.getfixturevalue("_postgres_template")
    for database in _fresh_copy(template):
        monkeypatch.setenv("DANGJIAN_DATABASE_URL", database.url_for("village_a"))
        monkeypatch.setenv(OTHER_BRANCH_VARIABLE, database.url_for("village_b"))
        yield


def other_branch_url() -> str | None:
    """Where a test finds "another PC's data", kept apart from its own: None on SQLite (another data
    folder is another file); on PostgreSQL the test's own server database as village B (the same
    database, kept apart by the login), since every data folder there lands on the server."""
    return os.environ.get(OTHER_BRANCH_VARIABLE) if engine_is_postgres() else None
