"""The branch's exchange key: issued by the township (``admin add-branch``, ``admin exchange-key``), typed
in (or read from the key file) on the village's computer. A new key replaces the old one on that side:
files signed with the old one are refused from then on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services.exchange import common
from dangjian_desktop.services.exchange.common import branch_by_code, current_key
from dangjian_desktop.services.server_admin import as_owner
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.models import Branch


@dataclass(frozen=True)
class IssuedKey:
    code: str
    name: str
    key: str  # without dashes; rules.format_key for paper

    @property
    def printed(self) -> str:
        return rules.format_key(self.key)

    @property
    def file_text(self) -> str:
        return rules.key_file_text(self.code, self.name, self.key)


@dataclass(frozen=True)
class KeyState:
    code: str  # the branch code the township gave ("" before a key is entered)
    has_key: bool
    key_id: str
    since: dt.datetime | None


def issue_key(url: str, code: str) -> IssuedKey:
    """A new key for branch ``code`` on the township's server (as the administrator), replacing any."""
    key = rules.new_key()
    with as_owner(url) as connection:
        branch = branch_by_code(connection, code)
        common.store_key(connection, branch.id, key, audit.current_user())
    return IssuedKey(code, branch.name, key)


def write_key_file(issued: IssuedKey, out: Path) -> Path:
    try:
        Path(out).write_text(issued.file_text, encoding="utf-8")
    except OSError as error:
        raise AppError(
            _("The file {path} could not be written: {error}").format(path=out, error=error.strerror or error)
        ) from error
    return Path(out)


def key_state(workspace: Workspace) -> KeyState:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        code = session.scalar(select(Branch.code).where(Branch.id == branch_id)) or ""
        key = current_key(session.connection(), branch_id)
    if key is None:
        return KeyState(code, False, "", None)
    return KeyState(code, True, rules.key_id(key.secret), key.made_at)


def enter_key(workspace: Workspace, code: str, typed_key: str) -> KeyState:
    """The code and key the township gave, typed in on the village's computer; refused in words when the
    key is mistyped, or the code is empty."""
    code = (code or "").strip().upper()
    errors: dict[str, str] = {}
    if not code:
        errors["code"] = _("Type the branch code the township gave you (e.g. 01).")
    elif len(code) > 20:
        errors["code"] = _("A branch code has at most 20 letters and digits.")
    try:
        key = rules.parse_key(typed_key)
    except rules.BadKey as error:
        errors["key"] = error.message
    if errors:
        raise FieldErrors(errors)
    if workspace.is_server:
        from dangjian_desktop.services.exchange.village import ON_THE_SERVER

        raise AppError(_(ON_THE_SERVER))
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        connection = session.connection()
        before = session.scalar(select(Branch.code).where(Branch.id == branch_id)) or ""
        if before != code:
            connection.execute(update(Branch).where(Branch.id == branch_id).values(code=code))
        common.store_key(connection, branch_id, key, audit.current_user())
        audit.record(
            session,
            branch_id=branch_id,
            table="exchange_key",
            record_id=None,
            action="update",
            summary=_("Exchange key entered for branch code {code} (key {key_id})").format(
                code=code, key_id=rules.key_id(key)
            ),
            before={"code": before} if before != code else None,
            after={"code": code, "key_id": rules.key_id(key)},
        )
    return key_state(workspace)


def enter_key_file(workspace: Workspace, path: Path) -> KeyState:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AppError(_("This file is not an exchange key from the township.")) from error
    code, key = rules.read_key_file(text)
    return enter_key(workspace, code, key)
