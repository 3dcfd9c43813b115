"""Who may see the township's figures, and the branches they cover.

Only a township login reads every branch: on the township's PostgreSQL server row-level security gives it
every branch (read only) and a village login its own branch alone, so a village secretary is refused here
with a sentence rather than shown a "township" report of one village."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.text import natural_key
from dangjian_desktop.i18n import _
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Branch


class TownshipOnly(AppError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Only a township Party committee account can see the figures of every branch. Sign in "
                "with the township's account."
            )
        )


def require_township(workspace: Workspace) -> None:
    """Refuse (TownshipOnly) any login but the township's."""
    if not workspace.is_township:
        raise TownshipOnly()


@dataclass(frozen=True)
class BranchName:
    id: int
    name: str
    township: str  # the township Party committee the branch names in its profile


def branches(connection: Connection) -> list[BranchName]:
    """Every branch the login reads, by code in its natural order (B2 before B10), then as created."""
    b = Branch.__table__.c
    rows = sorted(
        connection.execute(select(b.id, b.code, b.name, b.township)),
        key=lambda r: (natural_key(r.code or ""), r.id),
    )
    return [BranchName(r.id, r.name, r.township) for r in rows]
