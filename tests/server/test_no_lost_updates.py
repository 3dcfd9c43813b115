"""No lost updates on the township's PostgreSQL server (issue 18, township.md TP4 phase 3): two PCs of village
A with the same member's form open. The second save is refused with "这条记录刚被别人改过", whether the first
save came before it started or while it was under way; the first save stays."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from dangjian_desktop.domain.errors import ChangedMeanwhile
from dangjian_desktop.services.branch import BranchProfile, load_profile, save_profile
from dangjian_desktop.services.members import add_member, get_member, update_member
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store.models import Member

from ..conftest import make_id_number

CHANGED = "这条记录刚被别人改过"


@pytest.fixture
def two_pcs(township_db, tmp_path):
    """Village A's secretary at two PCs (the office and home), logged in as village A on both."""
    url = township_db.url_for("village_a")
    office = open_workspace(tmp_path / "office", database_url=url)
    home = open_workspace(tmp_path / "home", database_url=url)
    yield office, home
    office.close()
    home.close()


def _raw(**changes: object) -> dict[str, object]:
    return {"name": "张建国", "id_number": make_id_number(sequence=5), "phone": "13812345678", **changes}


def test_the_second_pc_saving_the_same_member_is_refused(two_pcs):
    office, home = two_pcs
    member_id = add_member(office, _raw()).id
    form_at_office = get_member(office, member_id)
    form_at_home = get_member(home, member_id)

    update_member(office, member_id, _raw(phone="13900001111"), expected_version=form_at_office.version)
    with pytest.raises(ChangedMeanwhile) as refused:
        update_member(home, member_id, _raw(address="东街3号"), expected_version=form_at_home.version)
    assert refused.value.message.startswith(CHANGED)

    for pc in (office, home):
        stored = get_member(pc, member_id)
        assert (stored.data.phone, stored.data.address) == ("13900001111", "")


def test_a_save_under_way_when_the_other_commits_is_refused_by_the_update_itself(two_pcs):
    """Both read version 1; the home PC's save is inside its transaction (member read, not yet written)
    when the office PC's save commits. PostgreSQL makes the home UPDATE wait for the office's row lock,
    then finds no row with version 1: refused, not overwritten."""
    office, home = two_pcs
    member_id = add_member(office, _raw()).id
    read_at_home = threading.Event()
    office_saved = threading.Event()
    outcome: list[BaseException] = []

    def save_at_home() -> None:
        try:
            with home.db.transaction() as session:
                member = session.scalars(select(Member).where(Member.id == member_id)).one()
                read_at_home.set()
                assert office_saved.wait(30)
                member.address = "东街3号"
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome.append(error)

    worker = threading.Thread(target=save_at_home)
    worker.start()
    assert read_at_home.wait(30)
    update_member(office, member_id, _raw(phone="13900001111"))
    office_saved.set()
    worker.join(30)

    assert len(outcome) == 1 and isinstance(outcome[0], ChangedMeanwhile), outcome
    stored = get_member(office, member_id)
    assert (stored.data.phone, stored.data.address, stored.version) == ("13900001111", "", 2)


def test_the_branch_profile_from_two_pcs(two_pcs):
    office, home = two_pcs
    at_office, at_home = load_profile(office), load_profile(home)
    assert at_office is not None and at_home is not None
    save_profile(
        office,
        BranchProfile(name=at_office.name, secretary="张建国"),
        expected_version=at_office.version,
    )
    with pytest.raises(ChangedMeanwhile):
        save_profile(
            home,
            BranchProfile(name=at_home.name, phone="0531-87654321"),
            expected_version=at_home.version,
        )
    stored = load_profile(home)
    assert stored is not None and (stored.secretary, stored.phone) == ("张建国", "")
