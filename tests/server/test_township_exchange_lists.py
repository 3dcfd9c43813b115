"""What the township's exchange page reads on the server (services.exchange, township side): the
administrator's login checked before use, a branch's hand-ups to confirm (a wrong entry and its reversal
left out; amounts from fen), every branch with its last imported file, and a branch's decisions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import unquote, urlsplit

import pytest
from tests.support.village_files import village_file, village_pc

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.services import dues, exchange
from dangjian_desktop.services.server_admin import NotTheOwner
from dangjian_desktop.services.server_login import LoginRefused

FRONT = "中共前进村支部委员会"


def test_the_administrators_login_is_checked(township_db):
    township = township_db.url_for("township")
    parts = urlsplit(township_db.owner_url)
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    owner = exchange.owner_login(township, user, password)
    assert urlsplit(owner).hostname == parts.hostname and urlsplit(owner).path == f"/{township_db.name}"
    assert exchange.last_imports(owner) == []  # it works as that login
    with pytest.raises(LoginRefused):
        exchange.owner_login(township, user, password + "x")
    for login in ("township", "village_a"):
        with pytest.raises(NotTheOwner) as refused:
            exchange.owner_login(township, login, "secret")
        assert login in refused.value.message
    with pytest.raises(FieldErrors) as empty:
        exchange.owner_login(township, " ", "")
    assert set(empty.value.errors) == {"user", "password"}


def test_hand_ups_lists_and_decisions_of_a_branch(township_db, tmp_path):
    key = exchange.issue_key(township_db.owner_url, "A").key
    village = village_pc(tmp_path / "village-a", FRONT, "A", key)
    try:
        wrong = dues.record_handup(
            village, handed_on=dt.date(2026, 5, 2), amount="12.34", receiver="城关镇党委组织办"
        )
        dues.reverse_handup(village, wrong.id, "金额写错")
        dues.record_handup(
            village, handed_on=dt.date(2026, 5, 3), amount="43.21", receiver="城关镇党委组织办"
        )
        exchange.import_village_file(township_db.owner_url, village_file(village, tmp_path / "stick"))
    finally:
        village.close()
    township = township_db.url_for("township")
    handups = exchange.handups_of(township, "A")
    assert [(h.handed_on, h.amount, h.receiver) for h in handups] == [
        (dt.date(2026, 4, 10), Decimal("100.00"), "城关镇党委组织办"),  # _front_village's
        (dt.date(2026, 5, 3), Decimal("43.21"), "城关镇党委组织办"),
    ]
    assert exchange.handups_of(township, "B") == []

    overview = exchange.reports_by_branch(township)
    assert [(b.code, b.branch_name, b.last.sequence if b.last else None) for b in overview] == [
        ("A", FRONT, 1),
        ("B", "中共红旗村支部委员会", None),
    ]

    first = exchange.add_decision(
        township_db.owner_url, "A", rules.APPROVAL, "同意接收为预备党员", decided_on=dt.date(2026, 6, 1)
    )
    second = exchange.add_decision(
        township_db.owner_url, "A", rules.HANDUP, "已收到", refers_to=handups[1].public_id,
        decided_on=dt.date(2026, 6, 2), decided_by="城关镇党委",
    )  # fmt: skip
    decisions = exchange.decisions_for(township, "A")
    assert [(d.public_id, d.kind, d.refers_to, d.decided_by) for d in decisions] == [
        (second, rules.HANDUP, handups[1].public_id, "城关镇党委"),
        (first, rules.APPROVAL, None, decisions[1].decided_by),
    ]
    assert exchange.decisions_for(township, "B") == []
