"""当前操作人: the person written into the change log (操作记录) as having made each change. By default the
branch secretary of the branch profile; another name (a 支委, the 会计 who keeps the dues) can be chosen in
设置. It is kept in the data folder, so a backup restored on another PC keeps it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import settings
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.models import Branch

MAX_LENGTH = 50


def _name(value: object) -> str:
    name = normalize_text(value)
    if len(name) > MAX_LENGTH:
        raise ValueError(_("A name is at most {count} characters.").format(count=MAX_LENGTH))
    return name


# Not in settings.ALL_KEYS: it is chosen on the 设置 page's first tab, not among the business rules.
OPERATOR = settings.SettingKey(audit.OPERATOR_SETTING, N_("Current operator"), "", _name)


@dataclass(frozen=True)
class Operator:
    chosen: str  # "" when none was chosen: the secretary is used
    secretary: str

    @property
    def name(self) -> str:
        """The name written into the change log."""
        return self.chosen or self.secretary


def _secretary(session: Session, branch_id: int) -> str:
    return (session.scalar(select(Branch.secretary).where(Branch.id == branch_id)) or "").strip()


def current_operator(workspace: Workspace) -> Operator:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return Operator(audit.named_operator_in(session, branch_id), _secretary(session, branch_id))


def set_operator(workspace: Workspace, name: str) -> Operator:
    """Name the 当前操作人 (empty: the secretary again). Itself written to the change log."""
    branch_id = workspace.require_branch()
    try:
        chosen = _name(name)
    except ValueError as error:
        raise FieldErrors({"operator": str(error)}) from error
    with workspace.db.transaction() as session:
        settings.write_in(session, branch_id, OPERATOR, chosen)
        operator = Operator(chosen, _secretary(session, branch_id))
    audit.set_operator(operator.name)
    return operator
