"""The branch profile (支部名称, 所属党委, 书记 ...) asked for at first start."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

from sqlalchemy import select

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.phones import clean_phone, phone_problem
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.recording import copied, log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Branch


@dataclass(frozen=True)
class BranchProfile:
    name: str
    township: str = ""
    county: str = ""
    secretary: str = ""
    phone: str = ""
    supervision_phone: str = ""


def _checked(profile: BranchProfile) -> BranchProfile:
    cleaned = BranchProfile(
        name=normalize_text(profile.name),
        township=normalize_text(profile.township),
        county=normalize_text(profile.county),
        secretary=normalize_text(profile.secretary),
        phone=clean_phone(profile.phone),
        supervision_phone=clean_phone(profile.supervision_phone),
    )
    errors: dict[str, str] = {}
    if not cleaned.name:
        errors["name"] = _("Please enter the branch name, e.g. 中共XX村支部委员会.")
    for key in ("phone", "supervision_phone"):
        if problem := phone_problem(getattr(cleaned, key)):
            errors[key] = problem
    if errors:
        raise FieldErrors(errors)
    return cleaned


def save_profile(workspace: Workspace, profile: BranchProfile) -> BranchProfile:
    """Create the branch on first start, or update its profile later."""
    cleaned = _checked(profile)
    if workspace.is_server and workspace.branch_id is None:
        raise AppError(_("A township login changes no branch's profile; the village secretary does."))
    with workspace.db.transaction() as session:
        if workspace.branch_id is not None:  # hers: on a server the login's, else the folder's one branch
            branch = session.get(Branch, workspace.branch_id)
        else:
            branch = session.scalar(select(Branch).order_by(Branch.id).limit(1))
        if branch is None:
            branch = Branch(created_at=dt.datetime.now(), **asdict(cleaned))
            session.add(branch)
            session.flush()
            before = None
        else:
            before = _profile_of(branch)
            for key, value in asdict(cleaned).items():
                setattr(branch, key, value)
        log_change(
            session,
            branch.id,
            "branch",
            branch.id,
            "insert" if before is None else "update",
            cleaned.name,
            before=None if before is None else asdict(before),
            after=asdict(cleaned),
            # at the first start nobody is named yet: the secretary being entered sets the branch up
            user=cleaned.secretary if before is None else None,
        )
    workspace.refresh_branch()
    return cleaned


def _profile_of(branch: Branch) -> BranchProfile:
    return BranchProfile(**copied(branch, (field.name for field in fields(BranchProfile))))


def load_profile(workspace: Workspace) -> BranchProfile | None:
    if workspace.branch_id is None:
        return None
    with workspace.db.transaction() as session:
        branch = session.get(Branch, workspace.branch_id)
        return _profile_of(branch) if branch else None
