"""The hand-ups list says which hand-ups the township confirmed: a decision of kind "handup" whose
refers_to is the hand-up's public id (brought back in the township's reply). One row per hand-up however
often it was confirmed (the latest date); another kind of decision about it, or one about no hand-up of
the list, confirms nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.services import dues, exchange
from support.exchange_files import decision, write_decisions_file

KEY = rules.new_key()


@pytest.mark.sqlite_only  # on the server the township writes its decisions there (tests/server/test_handup_confirmed_on_server.py)
def test_the_township_s_confirmation_is_on_its_hand_up(workspace, tmp_path):
    exchange.enter_key(workspace, "01", KEY)
    first = dues.record_handup(workspace, handed_on=dt.date(2026, 4, 10), amount="100", receiver="镇党委")
    second = dues.record_handup(workspace, handed_on=dt.date(2026, 7, 10), amount="50", receiver="镇党委")
    third = dues.record_handup(workspace, handed_on=dt.date(2026, 10, 10), amount="30", receiver="镇党委")
    ids = {h.id: h.public_id for h in dues.handups(workspace)}
    assert all(ids.values()) and len(set(ids.values())) == 3
    reply = write_decisions_file(
        tmp_path / "reply.zip",
        workspace,
        KEY,
        [
            decision("handup", "收到 100 元", refers_to=ids[first.id], decided_on=dt.date(2026, 4, 15)),
            decision("handup", "收到 100 元（补）", refers_to=ids[first.id], decided_on=dt.date(2026, 4, 20)),
            decision("handup", "收到 50 元", refers_to=ids[second.id], decided_on=dt.date(2026, 7, 12)),
            decision("approval", "同意", refers_to=ids[third.id], decided_on=dt.date(2026, 10, 11)),
            decision("handup", "别的", refers_to="00000000-0000-0000-0000-000000000000"),
        ],
    )
    exchange.import_decisions(workspace, reply)

    listed = dues.handups(workspace, 2026)
    assert [(h.id, h.confirmed_on) for h in listed] == [
        (first.id, dt.date(2026, 4, 20)),  # confirmed twice: one row, the latest
        (second.id, dt.date(2026, 7, 12)),
        (third.id, None),  # an approval about it is no confirmation of the money
    ]
    assert [h.public_id for h in listed] == [ids[first.id], ids[second.id], ids[third.id]]
