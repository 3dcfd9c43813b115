"""Columns that most tables of a branch begin with, declared once."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column


class BranchRow:
    """Mixin for a table whose rows belong to one branch: its own ``id`` and the ``branch_id``,
    first in the table as they were when each table declared them (``sort_order``: a mixin's columns
    otherwise come after the table's own; a negative order puts them first, 0 is the table's own)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-4)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), sort_order=-3)
