"""On the township's server a village login sees the township's confirmation of its hand-ups in its own
hand-ups list (the township writes the decision there directly; row-level security lets the village read
its own branch's decisions), and never a confirmation written for another branch's hand-up."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.services import dues, exchange
from dangjian_desktop.services.workspace import open_workspace


def _hand_up(url: str, folder) -> str:  # noqa: ANN001
    workspace = open_workspace(folder, database_url=url)
    try:
        dues.record_handup(
            workspace, handed_on=dt.date(2026, 4, 10), amount="100", receiver="城关镇党委组织办"
        )
        return dues.handups(workspace)[0].public_id
    finally:
        workspace.close()


def test_the_township_s_confirmation_shows_in_the_village_s_list(township_db, tmp_path):
    own = _hand_up(township_db.url_for("village_a"), tmp_path / "a")
    others = _hand_up(township_db.url_for("village_b"), tmp_path / "b")
    township = township_db.owner_url  # the administrator (a township login too, once its grants land)
    exchange.add_decision(
        township, "A", "handup", "收到 100 元", refers_to=own, decided_on=dt.date(2026, 4, 15)
    )
    # a confirmation filed under branch A that names branch B's hand-up: it confirms nothing for anyone
    exchange.add_decision(township, "A", "handup", "错填", refers_to=others, decided_on=dt.date(2026, 4, 16))

    for login, public_id, confirmed in (
        ("village_a", own, dt.date(2026, 4, 15)),
        ("village_b", others, None),
    ):
        workspace = open_workspace(tmp_path / f"{login}-reads", database_url=township_db.url_for(login))
        try:
            [listed] = dues.handups(workspace)
        finally:
            workspace.close()
        assert (listed.public_id, listed.confirmed_on) == (public_id, confirmed)
