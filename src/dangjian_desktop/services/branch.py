"""The branch profile (支部名称, 所属党委, 书记 ...) asked for at first start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from sqlalchemy import select

from dangjian_desktop.domain.errors import AppError, FieldErrors, check_version
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
    # the row's version when it was read (``load_profile``), for ``save_profile(expected_version=...)``
    version: int = field(default=0, compare=False)


_FIELDS = tuple(f.name for f in fields(BranchProfile) if f.name != "version")


def _values(profile: BranchProfile) -> dict[str, str]:
    return {key: getattr(profile, key) for key in _FIELDS}


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


def save_profile(
    workspace: Workspace, profile: BranchProfile, *, expected_version: int | None = None
) -> BranchProfile:
    """Create the branch on first start, or update its profile later. ``expected_version``: the version the
    form read; when someone saved the profile since, nothing is saved (ChangedMeanwhile)."""
    cleaned = _checked(profile)
    if workspace.is_server and workspace.branch_id is None:
        raise AppError(_("A township login changes no branch's profile; the village secretary does."))
    with workspace.db.transaction(exclusive=True) as session:
        if workspace.branch_id is not None:  # hers: on a server the login's, else the folder's one branch
            branch = session.get(Branch, workspace.branch_id)
        else:
            branch = session.scalar(select(Branch).order_by(Branch.id).limit(1))
        if branch is None:
            branch = Branch(created_at=dt.datetime.now(), **_values(cleaned))
            session.add(branch)
            session.flush()
            before = None
        else:
            check_version(branch.version, expected_version)
            before = _profile_of(branch)
            for key, value in _values(cleaned).items():
                setattr(branch, key, value)
        log_change(
            session,
            branch.id,
            "branch",
            branch.id,
            "insert" if before is None else "update",
            cleaned.name,
            before=None if before is None else _values(before),
            after=_values(cleaned),
            # at the first start nobody is named yet: the secretary being entered sets the branch up
            user=cleaned.secretary if before is None else None,
        )
        session.flush()
        saved = replace(cleaned, version=branch.version)
    workspace.refresh_branch()
    return saved


def _profile_of(branch: Branch) -> BranchProfile:
    return BranchProfile(**copied(branch, _FIELDS), version=branch.version)


def load_profile(workspace: Workspace) -> BranchProfile | None:
    if workspace.branch_id is None:
        return None
    with workspace.db.transaction() as session:
        branch = session.get(Branch, workspace.branch_id)
        return _profile_of(branch) if branch else None
