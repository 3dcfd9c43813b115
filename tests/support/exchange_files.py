"""The township's side of the USB exchange, written in a test without a server: a reply file (the
township's decisions for a branch) shaped exactly as ``services/exchange/township.export_decisions`` writes
it — the same manifest (``common.manifest`` with kind "decisions", the key's id, the report the township
took), the same table and columns, signed with the branch's key — so that the village's
``import_decisions`` reads it as it would read the township's."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.services.exchange import common
from dangjian_desktop.store import exchange_file
from dangjian_desktop.store.exchange_rows import encode
from dangjian_desktop.store.migrate import schema_status
from dangjian_desktop.store.models import Branch

COLUMNS = ("public_id", "kind", "subject", "details", "refers_to", "decided_on", "decided_by", "made_at")
TOWNSHIP_OFFICE = "城关镇党委组织办"


def decision(
    kind: str,
    subject: str,
    *,
    details: str = "",
    refers_to: str | None = None,
    decided_on: dt.date | None = None,
    decided_by: str = TOWNSHIP_OFFICE,
    public_id: str | None = None,
) -> dict[str, Any]:
    """One row of the township's ``township_decision`` table, as the file carries it."""
    assert kind in rules.DECISION_KINDS
    return {
        "public_id": public_id or str(uuid.uuid4()),
        "kind": kind,
        "subject": subject,
        "details": details,
        "refers_to": refers_to,
        "decided_on": decided_on or dt.date.today(),
        "decided_by": decided_by,
        "made_at": dt.datetime.now().replace(microsecond=0),
    }


def write_decisions_file(
    path: Path,
    workspace,  # noqa: ANN001 - the village's workspace: its branch's code, name and public id
    key: str,
    decisions: list[dict[str, Any]],
    *,
    sequence: int | None = None,
    accepted: tuple[int, dt.datetime] | None = None,
    code: str | None = None,
) -> Path:
    """The township's reply for ``workspace``'s branch, signed with ``key`` (the key as typed is fine);
    ``accepted``: the number of the branch's report the township took, and when. ``path`` may be a folder
    (the file then gets the township's own name for it)."""
    key = rules.parse_key(key)
    with workspace.db.transaction() as session:
        branch = session.get(Branch, workspace.require_branch())
        code = code if code is not None else branch.code or ""
        head = common.manifest(
            rules.DECISIONS_FILE,
            code,
            branch,
            sequence if sequence is not None else int(dt.datetime.now().timestamp()),
            sorted(schema_status(workspace.db.engine).current_heads),
            key,
        )
        name = branch.name
    head["made_by"] = TOWNSHIP_OFFICE
    if accepted is not None:
        head["accepted"] = {"sequence": accepted[0], "imported_at": accepted[1].isoformat(timespec="seconds")}
    target = common.target_file(path, rules.decisions_file_name(code, name, dt.date.today()))
    rows = [[encode(row[column]) for column in COLUMNS] for row in decisions]
    tables = {"township_decision": exchange_file.TableRows(COLUMNS, rows)}
    return exchange_file.write(target, head, tables, key)
