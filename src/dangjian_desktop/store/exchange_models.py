"""The exchange with the township on a USB stick (docs/exchange-format.md): the branch's signing key, the
files a village sent and the township received, and the township's decisions for a branch.

``township_decision`` is the township's own table: the township writes it (on its server, or in the file
it sends back), a village only reads it, and a village's file never carries it. The other three are each
side's own log of the exchange; none of them travels in a file.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dangjian_desktop.store.models import Base, BranchRow, Versioned


class ExchangeKey(BranchRow, Base):
    """The key that signs the branch's files (HMAC-SHA256), issued by the township when it creates the
    branch; a replaced key keeps its row with ``replaced_at`` (files signed with it are refused)."""

    __tablename__ = "exchange_key"

    secret: Mapped[str] = mapped_column(String(64))  # the 24 symbols of the key (domain.exchange)
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(100), default="")
    replaced_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ExchangeSent(BranchRow, Base):
    """A file the village wrote for the township (上报), and when the township said it had taken it."""

    __tablename__ = "exchange_sent"
    __table_args__ = (UniqueConstraint("branch_id", "sequence"),)

    sequence: Mapped[int] = mapped_column(Integer)
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(100), default="")
    file_name: Mapped[str] = mapped_column(String(255), default="")
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON: table -> rows in the file
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ExchangeReceived(BranchRow, Base):
    """A file this side imported: on the township's server a village's file (``kind`` "branch"), on the
    village's PC the township's decisions ("decisions"); its sequence, its digest and what it changed."""

    __tablename__ = "exchange_received"
    __table_args__ = (UniqueConstraint("branch_id", "kind", "sequence"),)

    kind: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))  # SHA-256 of the file's manifest
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)  # when the village wrote it
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(100), default="")
    changes: Mapped[str] = mapped_column(
        Text, default="{}"
    )  # JSON: table -> [new, updated, unchanged, removed]


class TownshipDecision(Versioned, BranchRow, Base):
    """What the township decided for a branch: an approval (of a recruitment step or another request),
    the confirmation of dues handed up (``refers_to``: the hand-up's public id), or a matter it asks the
    branch to make public."""

    __tablename__ = "township_decision"

    kind: Mapped[str] = mapped_column(String(20))  # domain.exchange.DECISION_KINDS
    subject: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text, default="")
    refers_to: Mapped[str | None] = mapped_column(String(36), nullable=True)  # a village row's public id
    decided_on: Mapped[dt.date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)  # on the village's PC
