"""The USB exchange on a real township server (issue 19): villages' files imported into PostgreSQL, files
refused for every reason the issue names, a branch moved PC → server → PC with nothing lost, and the
township's decisions going back to the village's PC and its home page.

Each village is a SQLite data folder built through the program's own services (tests/support/exchange.py);
the township is a fresh database set up by ``admin init`` (fixture ``township_db``: branches A and B)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from tests.support.cli import run
from tests.support.exchange import (
    VILLAGE_NAME,
    change_a_value,
    copy_village,
    counts,
    differences,
    flip_middle_byte,
    members_of,
    resign,
    says_in_chinese,
    server_dump,
    server_dumps,
    server_rows,
    village,
    village_dump,
)
from tests.support.postgres import BRANCHES
from tests.support.township import TODAY, YEAR

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.i18n import _
from dangjian_desktop.services import dues, exchange, home, meetings, notices, server_admin, township
from dangjian_desktop.services.members import add_member, find_member
from dangjian_desktop.services.workspace import open_workspace

from ..conftest import make_id_number


@pytest.fixture(scope="module")
def rich_source(tmp_path_factory) -> Path:
    """One village built through the services, closed: each test copies it (new public ids each time)."""
    folder = tmp_path_factory.mktemp("source") / "data"
    village(folder).close()
    return folder


def _keyed_village(rich_source: Path, folder: Path, url: str, code: str, name: str = VILLAGE_NAME):
    key = exchange.issue_key(url, code).key
    return copy_village(rich_source, folder, code, key, name), key


def _import(capsys, url: str, path: Path) -> tuple[int, str, str]:
    return run(capsys, "--database", url, "exchange", "import", path)


def _server_state(url: str) -> dict:
    """Everything an import may change: every branch's rows, the log of files received, the keys."""
    codes = [code for (code,) in server_rows(url, "SELECT code FROM branch ORDER BY code")]
    return {
        "branches": server_dumps(url, codes),
        "received": server_rows(
            url, "SELECT branch_id, kind, sequence, digest FROM exchange_received ORDER BY id"
        ),
        "profiles": server_rows(url, "SELECT id, code, name, public_id FROM branch ORDER BY id"),
    }


def _total_line(imported) -> str:
    return _("In all: {new} new, {updated} updated, {unchanged} unchanged, {removed} removed.").format(
        new=imported[0], updated=imported[1], unchanged=imported[2], removed=imported[3]
    )


def _refused(code: int, out: str, err: str, reason: str, *names: str) -> None:
    """Exit 1, nothing on stdout, the reason in Chinese on stderr."""
    assert code == 1, (out, err)
    assert out == ""
    assert reason in err, err
    assert says_in_chinese(err, *names), f"the reason is not in Chinese: {err!r}"


# --- 50 village files ----------------------------------------------------------------------------


def test_fifty_village_files_each_arrive_in_their_own_branch(township_db, rich_source, tmp_path, capsys):
    url = township_db.owner_url
    # branch B works on the server itself (a village with a link): its rows must stay as they are
    b_workspace = open_workspace(tmp_path / "b", database_url=township_db.url_for("village_b"))
    add_member(
        b_workspace, {"name": "王德福", "id_number": make_id_number(sequence=9), "joined_date": "1990-05-01"}
    )
    b_workspace.close()
    untouched = server_dumps(url, BRANCHES)

    files, villages = {}, {}
    stick = tmp_path / "stick"
    stick.mkdir()
    for n in range(1, 51):
        code, name = f"V{n:02d}", f"中共第{n}村支部委员会"
        server_admin.add_branch(url, code, name, township="城关镇党委")
        workspace, _key = _keyed_village(rich_source, tmp_path / code, url, code, name)
        try:
            files[code] = exchange.export_branch(workspace, tmp_path / "stick").path
            villages[code] = village_dump(workspace)
        finally:
            workspace.close()
    assert sorted(path.name for path in stick.iterdir()) == sorted(path.name for path in files.values())
    assert len(set(files.values())) == 50  # each file named by its branch

    for code, path in files.items():
        status, out, err = _import(capsys, url, path)
        assert (status, err) == (0, ""), err
        rows = sum(counts(villages[code]).values())
        # a new branch: every row is new but the branch's own row, which the file's profile updates
        assert _total_line((rows - 1, 1, 0, 0)) in out, out
        assert (
            _("Branch {code} {name}, file number {sequence}:").format(
                code=code,
                name=villages[code]["branch"][next(iter(villages[code]["branch"]))]["name"],
                sequence=1,
            )
            in out
        )

    on_the_server = server_dumps(url, [*villages, *untouched])
    for code, expected in villages.items():
        assert counts(on_the_server[code]) == counts(expected), code
        assert on_the_server[code] == expected, f"branch {code}'s rows differ from its village's"
    for code, before in untouched.items():
        assert on_the_server[code] == before, f"branch {code} was changed by other branches' files"
    received = exchange.last_imports(url)
    assert [(r.code, r.sequence) for r in received] == [(code, 1) for code in sorted(files)]


# --- the same file twice -------------------------------------------------------------------------


def test_the_same_file_twice_changes_nothing(township_db, rich_source, tmp_path, capsys):
    url = township_db.owner_url
    workspace, _key = _keyed_village(rich_source, tmp_path / "a", url, "A")
    try:
        path = exchange.export_branch(workspace, tmp_path).path
        rows = sum(counts(village_dump(workspace)).values())
    finally:
        workspace.close()
    assert _import(capsys, url, path)[0] == 0
    before = _server_state(url)

    status, out, err = _import(capsys, url, path)
    assert (status, err) == (0, "")
    assert (
        _("File number {sequence} of branch {code} was imported before: nothing changed.").format(
            sequence=1, code="A"
        )
        in out
    )
    assert _total_line((0, 0, rows, 0)) in out
    assert _server_state(url) == before
    again = exchange.import_village_file(url, path)
    assert again.already and (again.new, again.updated, again.removed, again.unchanged) == (0, 0, 0, rows)
    assert _server_state(url) == before


# --- damaged files -------------------------------------------------------------------------------


@pytest.fixture
def a_file(township_db, rich_source, tmp_path):
    """Village A's first file imported on the server, and its second (a member more) not yet."""
    url = township_db.owner_url
    workspace, key = _keyed_village(rich_source, tmp_path / "a", url, "A")
    try:
        first = exchange.export_branch(workspace, tmp_path / "first.zip").path
        exchange.import_village_file(url, first)
        add_member(
            workspace,
            {"name": "钱学文", "id_number": make_id_number(sequence=21), "joined_date": "2001-07-01"},
        )
        second = exchange.export_branch(workspace, tmp_path / "second.zip").path
    finally:
        workspace.close()
    return url, key, first, second


def test_a_changed_byte_changes_nothing(a_file, tmp_path, capsys):
    url, _key, _first, second = a_file
    before = _server_state(url)
    damaged = tmp_path / "damaged.zip"
    flip_middle_byte(second, damaged)
    status, out, err = _import(capsys, url, damaged)
    _refused(status, out, err, damaged.name, damaged.name)
    assert _server_state(url) == before
    # the file as written is still taken afterwards
    assert exchange.import_village_file(url, second).new > 0


@pytest.mark.parametrize("reseal", [False, True], ids=["manifest-kept", "manifest-with-the-new-hash"])
def test_a_changed_value_in_a_table_changes_nothing(a_file, tmp_path, capsys, reseal):
    url, _key, _first, second = a_file
    before = _server_state(url)

    def richer(row, columns):  # a payment's amount, the kind of change someone might want
        row[columns.index("amount_fen")] = 999900

    changed = change_a_value(second, tmp_path / "changed.zip", "dues_payment", richer, reseal=reseal)
    status, out, err = _import(capsys, url, changed)
    if reseal:  # the table matches the manifest, but the manifest no longer matches its signature
        reason = _(
            "The file's signature does not match the exchange key of branch {code}: it was signed with another "
            "branch's key, or changed on the way. Nothing was changed."
        ).format(code="A")
    else:
        reason = changed.name
    _refused(status, out, err, reason, changed.name)
    assert _server_state(url) == before


# --- files for another branch --------------------------------------------------------------------


def test_a_file_signed_with_another_branchs_key_is_refused(a_file, rich_source, tmp_path, capsys):
    """Whoever holds branch B's key makes a file that says it is branch A's."""
    url, _key, _first, _second = a_file
    workspace, b_key = _keyed_village(rich_source, tmp_path / "b", url, "B", BRANCHES["B"])
    try:
        b_file = exchange.export_branch(workspace, tmp_path / "b.zip").path
    finally:
        workspace.close()
    before = _server_state(url)
    forged = resign(b_file, tmp_path / "forged.zip", b_key, code="A")
    status, out, err = _import(capsys, url, forged)
    reason = _(
        "The file's signature does not match the exchange key of branch {code}: it was signed with another "
        "branch's key, or changed on the way. Nothing was changed."
    ).format(code="A")
    _refused(status, out, err, reason)
    assert _server_state(url) == before


def test_a_file_signed_with_a_replaced_key_is_refused(township_db, rich_source, tmp_path, capsys):
    url = township_db.owner_url
    workspace, _old = _keyed_village(rich_source, tmp_path / "b", url, "B", BRANCHES["B"])
    try:
        b_file = exchange.export_branch(workspace, tmp_path / "b.zip").path
    finally:
        workspace.close()
    status, out, _err = run(capsys, "--database", url, "admin", "exchange-key", "--branch", "B")
    assert status == 0 and _("Files signed with the branch's earlier key are refused from now on.") in out
    before = _server_state(url)
    status, out, err = _import(capsys, url, b_file)
    reason = _(
        "The file was signed with an exchange key of branch {code} that has been replaced. Enter the new "
        "key on the village's computer and write the file again. Nothing was changed."
    ).format(code="B")
    _refused(status, out, err, reason)
    assert _server_state(url) == before


def test_another_branchs_rows_under_this_branchs_key_are_refused(a_file, tmp_path, capsys):
    """Branch A's data folder copied to another PC that enters branch B's key: the file says B and is
    signed by B's key, but its rows are A's (their public ids are A's rows on the server)."""
    url, _key, first, _second = a_file
    b_key = exchange.issue_key(url, "B").key
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "a", copy)
    workspace = open_workspace(copy, daily_backup=False)
    try:
        exchange.enter_key(workspace, "B", b_key)
        b_file = exchange.export_branch(workspace, tmp_path / "b.zip").path
    finally:
        workspace.close()
    before = _server_state(url)
    status, out, err = _import(capsys, url, b_file)
    reason = _(
        "The file's rows do not fit the township's database (some of them are another branch's, or "
        "break a rule of the data). Nothing was changed."
    )
    _refused(status, out, err, reason)
    assert _server_state(url) == before


def test_a_file_of_a_branch_the_township_does_not_have_is_refused(township_db, rich_source, tmp_path, capsys):
    url = township_db.owner_url
    key = rules.new_key()
    workspace = copy_village(rich_source, tmp_path / "z", "Z9", key, "中共新村支部委员会")
    try:
        path = exchange.export_branch(workspace, tmp_path / "z.zip").path
    finally:
        workspace.close()
    before = _server_state(url)
    status, out, err = _import(capsys, url, path)
    reason = _(
        "There is no branch with code {code} here. Add it first (dangjian admin add-branch). Nothing was changed."
    ).format(code="Z9")
    _refused(status, out, err, reason)
    assert _server_state(url) == before


# --- sequence ------------------------------------------------------------------------------------


def test_an_older_file_than_the_last_imported_is_refused(a_file, capsys):
    url, _key, first, second = a_file
    assert exchange.import_village_file(url, second).sequence == 2
    before = _server_state(url)
    status, out, err = _import(capsys, url, first)
    reason = _(
        "This file (number {sequence}) is older than the last one imported (number {last}, on {date}): "
        "importing it would undo later work. Nothing was changed."
    ).format(sequence=1, last=2, date=dt.date.today().isoformat())
    _refused(status, out, err, reason)
    assert _server_state(url) == before


def test_a_newer_file_counts_what_is_new_updated_and_removed(township_db, rich_source, tmp_path, capsys):
    url = township_db.owner_url
    workspace, _key = _keyed_village(rich_source, tmp_path / "a", url, "A")
    try:
        first = exchange.export_branch(workspace, tmp_path / "first.zip").path
        exchange.import_village_file(url, first)
        before = village_dump(workspace)
        assert server_dump(url, "A") == before
        # a member more, a payment reversed, a meeting entered by mistake deleted (with its attendance)
        add_member(
            workspace,
            {"name": "钱学文", "id_number": make_id_number(sequence=21), "joined_date": "2001-07-01"},
        )
        zhang = find_member(workspace, "张建国").id
        payment = dues.payments_of_member(workspace, zhang)[0]
        dues.reverse_payment(workspace, payment.id, "金额记错", on=dt.date(YEAR, 7, 1))
        meeting = meetings.list_meetings(workspace, YEAR)[0]
        meetings.delete_meeting(workspace, meeting.id, "录入错误")
        second = exchange.export_branch(workspace, tmp_path / "second.zip").path
        after = village_dump(workspace)
    finally:
        workspace.close()

    changed = differences(before, after)
    assert changed["member"][0] == 1 and changed["dues_payment"][0] == 1 and changed["meeting"][2] == 1
    assert changed["meeting_attendance"][2] >= 1
    expected: dict[str, list[int]] = {}
    for table, rows in after.items():
        new, updated, removed = changed.get(table, (0, 0, 0))
        if table == "audit_log":  # the change log only grows: an entry about the deleted meeting names
            updated = 0  # no row any more in the file (record_id), and is left as it is on the server
        entry = expected.setdefault(exchange.area_of(table), [0, 0, 0, 0])
        for index, amount in enumerate((new, updated, len(rows) - new - updated, removed)):
            entry[index] += amount

    status, out, err = _import(capsys, url, second)
    assert (status, err) == (0, "")
    for area, (new, updated, unchanged, removed) in expected.items():
        line = _("  {area}: {new} new, {updated} updated, {unchanged} unchanged, {removed} removed").format(
            area=area, new=new, updated=updated, unchanged=unchanged, removed=removed
        )
        assert line in out, f"{line!r} not in\n{out}"
    totals = [sum(entry[index] for entry in expected.values()) for index in range(4)]
    assert _total_line(totals) in out
    assert server_dump(url, "A") == after


# --- single PC → server → single PC --------------------------------------------------------------


def test_a_branch_moves_from_its_pc_to_the_server_and_back_with_nothing_lost(
    township_db, rich_source, tmp_path, capsys
):
    url = township_db.owner_url
    workspace, key = _keyed_village(rich_source, tmp_path / "pc", url, "A", VILLAGE_NAME)
    try:
        original = village_dump(workspace)
        published = [(n.number, n.check_code) for n in notices.list_notices(workspace) if n.number]
        path = exchange.export_branch(workspace, tmp_path / "to-server.zip").path
        from tests.support.township import act_as_township

        with pytest.MonkeyPatch.context() as patch:
            act_as_township(patch)
            on_the_pc = township.township_report(workspace, YEAR, today=TODAY)
    finally:
        workspace.close()
    assert len(published) == 2

    assert _import(capsys, url, path)[0] == 0
    assert server_dump(url, "A") == original

    # the township reads the branch as it reads any other
    reader = open_workspace(tmp_path / "township", database_url=township_db.url_for("township"))
    try:
        on_the_server = township.township_report(reader, YEAR, today=TODAY)
    finally:
        reader.close()
    for section in ("members", "dues", "meetings", "notices", "posts", "flowing"):
        pc_rows = [row for row in getattr(on_the_pc, section).rows if row.branch == VILLAGE_NAME]
        server_rows_ = [row for row in getattr(on_the_server, section).rows if row.branch == VILLAGE_NAME]
        assert pc_rows and server_rows_ == pc_rows, section

    # the way back: a new, empty PC takes the branch from the server's file
    status, out, err = run(
        capsys,
        "--database",
        url,
        "exchange",
        "export",
        "--branch",
        "A",
        "--out",
        tmp_path / "from-server.zip",
    )
    assert (status, err) == (0, ""), err
    back = tmp_path / "from-server.zip"
    assert _("Written: {path}").format(path=back) in out
    far = open_workspace(tmp_path / "new-pc")
    try:
        assert far.branch_id is None
        taken = exchange.import_branch_file(far, back, rules.format_key(key))
        assert taken.code == "A" and taken.backup is None
        arrived = village_dump(far)
        assert arrived == original
        assert sorted(arrived["audit_log"]) == sorted(original["audit_log"])
        for number, code in published:
            verdict = notices.verify(far, number, code)
            assert verdict.genuine, (number, verdict.message)
        state = exchange.key_state(far)
        assert state.has_key and state.code == "A" and state.key_id == rules.key_id(key)
        # the far PC's next file follows the township's last one, and the township takes it
        assert exchange.preview(far).sequence == 2
        nxt = exchange.export_branch(far, tmp_path / "next.zip")
    finally:
        far.close()
    again = exchange.import_village_file(url, nxt.path)
    assert not again.already and (again.new, again.updated, again.removed) == (0, 0, 0)


# --- decisions go back ---------------------------------------------------------------------------


def test_the_townships_decisions_reach_the_village_and_its_home_page(
    township_db, rich_source, tmp_path, capsys
):
    url, township_url = township_db.owner_url, township_db.url_for("township")
    workspace, _key = _keyed_village(rich_source, tmp_path / "pc", url, "A")
    try:
        sent = exchange.export_branch(workspace, tmp_path / "up.zip")
        handup = next(iter(village_dump(workspace)["dues_handup"]))
    finally:
        workspace.close()
    assert _import(capsys, url, sent.path)[0] == 0
    village_records = server_dump(url, "A")

    approval = exchange.add_decision(
        url,
        "A",
        rules.APPROVAL,
        "同意李秀英列为入党积极分子",
        decided_on=dt.date(YEAR, 7, 1),
        decided_by="镇党委",
    )
    confirmed = exchange.add_decision(
        township_url, "A", rules.HANDUP, "收到上缴党费100元", refers_to=handup, decided_by="组织办"
    )
    status, out, err = run(
        capsys, "--database", township_url, "exchange", "decide", "--branch", "A", "--kind", "notice",
        "--subject", "请公开2026年上半年党费收缴情况", "--date", f"{YEAR}-07-10",
    )  # fmt: skip
    assert (status, err) == (0, ""), err
    made = server_rows(url, "SELECT kind, public_id FROM township_decision ORDER BY id")
    assert [kind for kind, _id in made] == ["approval", "handup", "notice"]
    assert [public for _kind, public in made][:2] == [approval, confirmed]
    # the township's decisions never touch the village's records
    assert server_dump(url, "A") | {"audit_log": {}} == village_records | {"audit_log": {}}

    reply = tmp_path / "reply.zip"
    status, out, err = run(
        capsys, "--database", township_url, "exchange", "export-decisions", "--branch", "A", "--out", reply
    )
    assert (status, err) == (0, ""), err

    pc = open_workspace(tmp_path / "pc", daily_backup=False)
    try:
        before = village_dump(pc)
        done = exchange.import_decisions(pc, reply)
        assert (done.new, done.updated, done.unchanged, done.accepted_sequence) == (3, 0, 0, 1)
        assert village_dump(pc) == before  # the village's own records are as they were
        shown = {d.kind: d for d in exchange.decisions(pc)}
        assert shown[rules.APPROVAL].subject == "同意李秀英列为入党积极分子"
        assert shown[rules.APPROVAL].decided_by == "镇党委"
        assert shown[rules.HANDUP].refers_to == handup
        assert shown[rules.NOTICE].decided_on == dt.date(YEAR, 7, 10)
        lines = [item for item in home.due_items(pc) if item.kind == home.TOWNSHIP_REPLY]
        assert sorted(item.page for item in lines) == ["dues", "exchange", "notices"], lines
        for decision in shown.values():
            assert any(decision.subject in item.text for item in lines)
        # the village's file 1 is marked taken, at the time the township imported it
        [(imported_at,)] = server_rows(url, "SELECT imported_at FROM exchange_received WHERE kind = 'branch'")
        assert _sent_and_accepted(pc) == [(1, imported_at.replace(microsecond=0))]
        assert exchange.preview(pc).last_accepted == 1

        # the same reply again changes nothing
        state = _decisions_state(pc)
        status, out, err = run(capsys, "--data-dir", tmp_path / "pc", "exchange", "import-decisions", reply)
        assert (status, err) == (0, "")
        assert _("This reply was imported before: nothing changed.") in out
        assert _decisions_state(pc) == state
    finally:
        pc.close()


def _sent_and_accepted(workspace) -> list[tuple[int, dt.datetime | None]]:
    from sqlalchemy import select

    from dangjian_desktop.store.exchange_models import ExchangeSent

    with workspace.db.engine.connect() as connection:
        rows = connection.execute(
            select(ExchangeSent.sequence, ExchangeSent.accepted_at).order_by(ExchangeSent.sequence)
        )
        return [tuple(row) for row in rows]


def _decisions_state(workspace) -> tuple:
    from sqlalchemy import text

    with workspace.db.engine.connect() as connection:
        return tuple(
            tuple(connection.execute(text(f"SELECT * FROM {table} ORDER BY id")))
            for table in ("township_decision", "exchange_received", "exchange_sent", "audit_log")
        )


def test_a_reply_for_another_branch_is_refused_on_the_village_pc(township_db, rich_source, tmp_path, capsys):
    url = township_db.owner_url
    exchange.issue_key(url, "A")
    exchange.add_decision(url, "A", rules.NOTICE, "请公开党费收缴情况")
    reply = exchange.export_decisions(url, "A", tmp_path / "reply-a.zip")
    workspace, _key = _keyed_village(rich_source, tmp_path / "b", url, "B", BRANCHES["B"])
    try:
        state = _decisions_state(workspace)
    finally:
        workspace.close()
    status, out, err = run(capsys, "--data-dir", tmp_path / "b", "exchange", "import-decisions", reply)
    reason = _(
        "This reply is for branch {found}, and this computer holds branch {code}. Nothing was changed."
    ).format(found="A", code="B")
    _refused(status, out, err, reason)
    workspace = open_workspace(tmp_path / "b", daily_backup=False)
    try:
        assert _decisions_state(workspace) == state
        assert exchange.decisions(workspace) == []
    finally:
        workspace.close()


def test_a_villages_file_never_carries_nor_overwrites_the_townships_decisions(
    township_db, rich_source, tmp_path
):
    url = township_db.owner_url
    workspace, _key = _keyed_village(rich_source, tmp_path / "pc", url, "A")
    try:
        exchange.import_village_file(url, exchange.export_branch(workspace, tmp_path / "1.zip").path)
        exchange.add_decision(url, "A", rules.APPROVAL, "同意")
        exchange.import_decisions(workspace, exchange.export_decisions(url, "A", tmp_path / "reply.zip"))
        decisions_before = server_rows(url, "SELECT * FROM township_decision ORDER BY id")
        second = exchange.export_branch(workspace, tmp_path / "2.zip")
    finally:
        workspace.close()
    assert "tables/township_decision.jsonl" not in members_of(second.path)
    exchange.import_village_file(url, second.path)
    assert server_rows(url, "SELECT * FROM township_decision ORDER BY id") == decisions_before


# --- the administrator's commands, end to end ----------------------------------------------------


def test_the_key_the_administrator_prints_is_the_key_the_village_types(
    township_db, rich_source, tmp_path, capsys
):
    url = township_db.owner_url
    status, out, err = run(
        capsys, "--database", url, "admin", "add-branch", "--code", "07", "--name", "中共东岭村支部委员会"
    )
    assert (status, err) == (0, ""), err
    printed = out.splitlines()[-1].strip()
    assert rules.parse_key(printed) == printed.replace("-", "")
    workspace = copy_village(rich_source, tmp_path / "pc", "07", printed, "中共东岭村支部委员会")
    try:
        first = exchange.export_branch(workspace, tmp_path / "1.zip").path
    finally:
        workspace.close()
    assert _import(capsys, url, first)[0] == 0

    key_file = tmp_path / "新密钥.txt"
    status, out, err = run(
        capsys, "--database", url, "admin", "exchange-key", "--branch", "07", "--key-file", key_file
    )
    assert (status, err) == (0, "") and key_file.is_file()
    status, out, err = run(capsys, "--data-dir", tmp_path / "pc", "exchange", "key", "--key-file", key_file)
    assert (status, err) == (0, ""), err
    status, out, err = run(
        capsys, "--data-dir", tmp_path / "pc", "exchange", "export", "--out", tmp_path / "2.zip"
    )
    assert (status, err) == (0, "")
    status, out, err = _import(capsys, url, tmp_path / "2.zip")
    rows = sum(counts(server_dump(url, "07")).values())
    assert (status, err) == (0, "")
    # the change log's entry of the new key stays on the PC: entries about the exchange's own tables do
    # not travel (store/exchange_rows.NOT_TRAVELLING)
    assert _total_line((0, 0, rows, 0)) in out

    status, out, err = run(capsys, "--database", url, "exchange", "status")
    assert (status, err) == (0, "")
    [line] = out.splitlines()
    assert line.startswith(
        _("{code} {name}: file number {sequence} of {made}, imported {imported}")
        .split("{made}")[0]
        .format(code="07", name="中共东岭村支部委员会", sequence=2)
    )
