"""The catalogue (设岗): the branch's posts with their duties. It is filled with the usual posts the first
time the module is used; the secretary changes, adds or turns them off afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import posts as rules
from dangjian_desktop.domain.errors import FieldErrors, NotFound, check_version
from dangjian_desktop.domain.posts import PostData
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services import settings
from dangjian_desktop.services.posts.settings import CATALOGUE_SEEDED
from dangjian_desktop.services.recording import add_logged, copied, load_row, log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.posts_models import Post


@dataclass(frozen=True)
class PostInfo:
    id: int
    name: str
    duties: str
    members_needed: int
    active: bool
    sort_order: int
    version: int = 0  # the row's version when it was read: ``update_post(expected_version=...)``

    @property
    def duty_lines(self) -> tuple[str, ...]:
        return rules.duty_lines(self.duties)


def _post_info(post: Post) -> PostInfo:
    return PostInfo(
        post.id, post.name, post.duties, post.members_needed, post.active, post.sort_order, post.version
    )


def _post_values(post: Post) -> dict[str, Any]:
    return copied(post, ("name", "duties", "members_needed", "active"))


def _add_post(session: Session, branch_id: int, data: PostData, sort_order: int, summary: str) -> Post:
    now = dt.datetime.now()
    post = Post(
        branch_id=branch_id,
        name=data.name,
        duties=data.duties,
        members_needed=data.members_needed,
        active=data.active,
        sort_order=sort_order,
        created_at=now,
        updated_at=now,
    )
    add_logged(session, post, summary.format(name=data.name), _post_values(post))
    return post


def _seed_catalogue(session: Session, branch_id: int) -> int:
    """Fill an empty catalogue with the usual posts, once per branch (a catalogue emptied or changed
    later by the secretary is never filled again)."""
    if settings.read_in(session, branch_id, CATALOGUE_SEEDED):
        return 0
    has_posts = session.scalar(select(func.count()).select_from(Post).where(Post.branch_id == branch_id))
    added = 0
    if not has_posts:
        for order, data in enumerate(rules.DEFAULT_CATALOGUE, start=1):
            summary = _("Usual post added to the catalogue: {name}")
            _add_post(session, branch_id, data, order * 10, summary)
            added += 1
    settings.write_in(session, branch_id, CATALOGUE_SEEDED, True)
    return added


def ensure_catalogue(workspace: Workspace) -> int:
    """Seed the usual posts on first use; returns how many were added (0 after the first time)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _seed_catalogue(session, branch_id)


def list_posts(workspace: Workspace, *, active_only: bool = False) -> list[PostInfo]:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        _seed_catalogue(session, branch_id)
        query = select(Post).where(Post.branch_id == branch_id)
        if active_only:
            query = query.where(Post.active.is_(True))
        return [_post_info(p) for p in session.scalars(query.order_by(Post.sort_order, Post.id))]


def load_post(session: Session, branch_id: int, post_id: int) -> Post:
    return load_row(
        session, Post, post_id, branch_id, _("This post no longer exists. Please refresh the list.")
    )


def _post_by_name(session: Session, branch_id: int, name: str) -> Post | None:
    key = normalize_text(name).replace(" ", "")
    return session.scalar(select(Post).where(Post.branch_id == branch_id, Post.name == key))


def find_post(workspace: Workspace, name: str) -> PostInfo:
    """A post of the catalogue by its exact name."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        _seed_catalogue(session, branch_id)
        post = _post_by_name(session, branch_id, name)
        if post is None:
            names = session.scalars(
                select(Post.name).where(Post.branch_id == branch_id).order_by(Post.sort_order, Post.id)
            ).all()
            raise NotFound(
                _("There is no post called {name}. The posts are: {names}").format(
                    name=name, names="、".join(names)
                )
            )
        return _post_info(post)


def _refuse_taken_name(session: Session, branch_id: int, name: str, post_id: int | None = None) -> None:
    other = _post_by_name(session, branch_id, name)
    if other is not None and other.id != post_id:
        raise FieldErrors({"name": _("There is already a post called {name}.").format(name=name)})


def add_post(workspace: Workspace, raw: Mapping[str, object]) -> PostInfo:
    branch_id = workspace.require_branch()
    data = rules.validate_post(raw)
    with workspace.db.transaction() as session:
        _seed_catalogue(session, branch_id)
        _refuse_taken_name(session, branch_id, data.name)
        last = session.scalar(select(func.max(Post.sort_order)).where(Post.branch_id == branch_id)) or 0
        return _post_info(_add_post(session, branch_id, data, last + 10, "{name}"))


def update_post(
    workspace: Workspace, post_id: int, raw: Mapping[str, object], *, expected_version: int | None = None
) -> PostInfo:
    """Correct a post. ``expected_version``: the version the form read (``PostInfo.version``); a post saved
    by someone since is left as it is (ChangedMeanwhile)."""
    branch_id = workspace.require_branch()
    data = rules.validate_post(raw)
    with workspace.db.transaction(exclusive=True) as session:
        post = load_post(session, branch_id, post_id)
        check_version(post.version, expected_version)
        _refuse_taken_name(session, branch_id, data.name, post.id)
        before = _post_values(post)
        post.name, post.duties = data.name, data.duties
        post.members_needed, post.active = data.members_needed, data.active
        after = _post_values(post)
        if before != after:
            post.updated_at = dt.datetime.now()
            changed = [k for k in after if before[k] != after[k]]
            log_change(
                session,
                branch_id,
                "post",
                post.id,
                "update",
                post.name,
                before={k: before[k] for k in changed},
                after={k: after[k] for k in changed},
            )
        session.flush()
        return _post_info(post)


def set_post_active(workspace: Workspace, post_id: int, active: bool) -> PostInfo:
    """Turn a post off (it leaves the board and the assignment lists; its history stays) or on again."""
    current = next((p for p in list_posts(workspace) if p.id == post_id), None)
    if current is None:
        raise NotFound(_("This post no longer exists. Please refresh the list."))
    return update_post(
        workspace,
        post_id,
        {
            "name": current.name,
            "duties": current.duties,
            "members_needed": current.members_needed,
            "active": active,
        },
        expected_version=current.version,
    )
