"""The posts module's settings (one post per term or more, the grade list, the notice period), kept in
the branch's settings like every other module's (shown on the posts page itself, not on the 业务设置
tab)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from dangjian_desktop.domain import posts as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import settings
from dangjian_desktop.services.workspace import Workspace

DEFAULT_NOTICE_DAYS = 7  # decisions.md #7: posts are published for 7 calendar days


def _flag(value: Any) -> bool:
    """A yes/no setting; also reads the "1"/"0" that earlier versions stored."""
    if isinstance(value, bool):
        return value
    if value in (0, 1, "0", "1"):
        return bool(int(value))
    raise ValueError(value)


def _notice_days(value: Any) -> int:
    days = int(value)
    if not 1 <= days <= 60:
        raise ValueError(_("Please enter a number of days from 1 to 60."))
    return days


def _key(
    name: str, label: str, default: Any, parse: Callable[[Any], Any], **options: Any
) -> settings.SettingKey[Any]:
    return settings.register(settings.SettingKey(f"posts.{name}", label, default, parse, **options))


SEVERAL_POSTS = _key("allow_several_posts", N_("A member may hold several posts in one term"), False, _flag)
GRADES = _key("grades", N_("Grades for posts"), rules.DEFAULT_GRADES, rules.parse_grades, dump=list)
NOTICE_DAYS = _key("notice_days", N_("Days the post board is published"), DEFAULT_NOTICE_DAYS, _notice_days)
CATALOGUE_SEEDED = _key("catalogue_seeded", N_("The usual posts were added to the catalogue"), False, _flag)


@dataclass(frozen=True)
class PostSettings:
    allow_several_posts: bool = False
    grades: tuple[str, ...] = rules.DEFAULT_GRADES
    notice_days: int = DEFAULT_NOTICE_DAYS


def read_settings(session: Session, branch_id: int) -> PostSettings:
    return PostSettings(
        allow_several_posts=settings.read_in(session, branch_id, SEVERAL_POSTS),
        grades=settings.read_in(session, branch_id, GRADES),
        notice_days=settings.read_in(session, branch_id, NOTICE_DAYS),
    )


def post_settings(workspace: Workspace) -> PostSettings:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return read_settings(session, branch_id)


def save_post_settings(
    workspace: Workspace,
    *,
    allow_several_posts: bool | None = None,
    grades: str | Iterable[str] | None = None,
    notice_days: int | None = None,
) -> PostSettings:
    """Change any of the module's settings (the others stay); each change is in the audit log."""
    branch_id = workspace.require_branch()
    checked_grades = rules.parse_grades(grades) if grades is not None else None
    if notice_days is not None and not 1 <= int(notice_days) <= 60:
        raise FieldErrors({"notice_days": _("Please enter a number of days from 1 to 60.")})
    changes = [
        (SEVERAL_POSTS, None if allow_several_posts is None else bool(allow_several_posts)),
        (GRADES, checked_grades),
        (NOTICE_DAYS, None if notice_days is None else int(notice_days)),
    ]
    with workspace.db.transaction() as session:
        for key, value in changes:
            if value is not None:
                settings.write_in(session, branch_id, key, value)
        return read_settings(session, branch_id)
