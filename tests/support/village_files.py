"""Village files for the township's side of the USB exchange, made as a village makes them: a branch on
its own PC (a SQLite data folder), filled through the program's services (``_front_village``), the key the
township issued typed in, then 上报数据到乡镇 (``export_branch``)."""

from __future__ import annotations

from pathlib import Path

from tests.support.township import _front_village

from dangjian_desktop.services import exchange
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.workspace import Workspace, open_workspace


def village_pc(folder: Path, name: str, code: str, key: str) -> Workspace:
    """A village's own PC with a rich branch and the key ``key`` entered under ``code``."""
    workspace = open_workspace(folder)
    save_profile(workspace, BranchProfile(name=name, township="城关镇党委"))
    _front_village(workspace, {})
    exchange.enter_key(workspace, code, key)
    return workspace


def village_file(workspace: Workspace, out: Path) -> Path:
    """The village's next file for the township, in folder ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    return exchange.export_branch(workspace, out).path
