"""Shared fixtures. Qt runs offscreen (must be set before Qt is imported anywhere)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from dangjian_desktop.domain.idnumber import check_digit  # noqa: E402
from dangjian_desktop.services.branch import BranchProfile, save_profile  # noqa: E402
from dangjian_desktop.services.workspace import open_workspace  # noqa: E402
from support.lengths import values_longer_than_their_columns  # noqa: E402

pytest_plugins = ["support.postgres"]  # a real PostgreSQL server: fixture township_db, DANGJIAN_TEST_ENGINE

BRANCH_NAME = "中共前进村支部委员会"


def make_id_number(region: str = "370102", birth: str = "19700101", sequence: int = 1) -> str:
    """A valid resident ID number for tests (odd sequence = male)."""
    first17 = f"{region}{birth}{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def workspace(tmp_path):
    ws = open_workspace(tmp_path / "data")
    save_profile(ws, BranchProfile(name=BRANCH_NAME, township="城关镇党委", county="平安县"))
    yield ws
    try:
        if not ws.read_only:
            too_long = values_longer_than_their_columns(ws)
            assert not too_long, f"values longer than their columns (PostgreSQL refuses them): {too_long}"
    finally:
        ws.close()
