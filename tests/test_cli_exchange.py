"""``dangjian exchange …`` on the village's PC (issue 19), as a script uses it: exit 0 with the lines the
issue names, 1 with a Chinese reason on stderr and no change for a refused file or a key typed wrong.

The township's side (``dangjian --database URL exchange import|export|export-decisions|decide|status``,
``admin add-branch``, ``admin exchange-key``) runs against a real server in tests/server/test_exchange.py."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from tests.support.cli import run
from tests.support.exchange import VILLAGE_NAME, flip_middle_byte, says_in_chinese, village, village_dump

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.i18n import _
from dangjian_desktop.services import exchange
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store import exchange_file
from dangjian_desktop.store.migrate import head_revisions

pytestmark = pytest.mark.sqlite_only(reason="the village's own PC and its data folder")

KEY = rules.new_key()


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-source") / "data"
    village(folder).close()
    return folder


@pytest.fixture
def folder(source, tmp_path):
    """A village's data folder without the township's key."""
    target = tmp_path / "pc"
    target.mkdir()
    for part in source.iterdir():
        if part.is_file():
            (target / part.name).write_bytes(part.read_bytes())
    return target


def _dump(folder):
    workspace = open_workspace(folder, daily_backup=False)
    try:
        return village_dump(workspace)
    finally:
        workspace.close()


def test_the_key_is_entered_and_a_wrong_one_refused(folder, capsys):
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "key", "--code", "A", "--key", KEY[:-1])
    assert code == 1 and out == ""
    assert (
        _(
            "The key has 24 letters and digits; you typed {count}. Compare it with the slip from the township."
        ).format(count=23)
        in err
    )
    assert says_in_chinese(err)
    code, out, err = run(
        capsys, "--data-dir", folder, "exchange", "key", "--code", "A", "--key", rules.format_key(KEY)
    )
    assert (code, err) == (0, "")
    assert out.strip() == _("Exchange key of branch {code} entered (key {key_id}).").format(
        code="A", key_id=rules.key_id(KEY)
    )


def test_the_key_file_from_the_township(folder, tmp_path, capsys):
    key_file = exchange.write_key_file(exchange.IssuedKey("07", VILLAGE_NAME, KEY), tmp_path / "key.txt")
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "key", "--key-file", key_file)
    assert (code, err) == (0, "") and rules.key_id(KEY) in out and "07" in out


def test_status_then_export_print_the_records_per_area_and_the_path(folder, tmp_path, capsys):
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "status")
    assert (code, err) == (0, "")
    assert _("No exchange key entered yet: dangjian exchange key --code CODE --key KEY") in out
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "export", "--out", tmp_path / "a.zip")
    assert code == 2 and out == "" and says_in_chinese(err)
    assert not (tmp_path / "a.zip").exists()

    run(capsys, "--data-dir", folder, "exchange", "key", "--code", "A", "--key", KEY)
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "status")
    assert (code, err) == (0, "")
    assert _("Branch code {code}, key {key_id}.").format(code="A", key_id=rules.key_id(KEY)) in out
    assert _("The next file is number {sequence}:").format(sequence=1) in out

    target = tmp_path / "stick" / "上报.zip"
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "export", "--out", target)
    assert (code, err) == (0, "")
    read = exchange_file.read(target)
    per_area: dict[str, int] = {}
    for table, rows in read.tables.items():
        if rows.rows:
            per_area[exchange.area_of(table)] = per_area.get(exchange.area_of(table), 0) + len(rows.rows)
    lines = out.splitlines()
    assert lines[0] == _("File number {sequence} for the township:").format(sequence=1)
    assert sorted(lines[1:-1]) == sorted(
        _("  {area}: {count} records").format(area=area, count=count) for area, count in per_area.items()
    )  # (in the navigation's order: the branch first, the change log last)
    assert lines[1].startswith(
        _("  {area}: {count} records").format(area=exchange.area_of("branch"), count=1)
    )
    assert lines[-2].startswith(
        _("  {area}: {count} records").split("{count}")[0].format(area=exchange.area_of("audit_log"))
    )
    assert lines[-1] == _("Written: {path}").format(path=target)

    stick = tmp_path / "stick"
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "export", "--out", stick)
    assert (code, err) == (0, "")
    named = stick / rules.branch_file_name("A", VILLAGE_NAME, dt.date.today(), 2)
    assert named.is_file() and out.splitlines()[-1] == _("Written: {path}").format(path=named)


def test_a_branch_is_taken_onto_a_new_pc_with_the_key(folder, tmp_path, capsys):
    run(capsys, "--data-dir", folder, "exchange", "key", "--code", "A", "--key", KEY)
    path = tmp_path / "a.zip"
    run(capsys, "--data-dir", folder, "exchange", "export", "--out", path)
    new_pc = tmp_path / "new-pc"

    code, out, err = run(capsys, "--data-dir", new_pc, "exchange", "import", path)
    assert code == 1 and out == "" and says_in_chinese(err)
    assert (
        _("Give the branch's exchange key (from the township) to check the file. Nothing was changed.") in err
    )

    code, out, err = run(capsys, "--data-dir", new_pc, "exchange", "import", path, "--key", KEY)
    assert (code, err) == (0, ""), err
    assert out.splitlines()[0] == _("Branch {code} {name}, file number {sequence}:").format(
        code="A", name=VILLAGE_NAME, sequence=1
    )
    assert _dump(new_pc) == _dump(folder)


def test_a_damaged_file_is_refused_with_exit_1_and_nothing_changes(folder, tmp_path, capsys):
    run(capsys, "--data-dir", folder, "exchange", "key", "--code", "A", "--key", KEY)
    path = tmp_path / "a.zip"
    run(capsys, "--data-dir", folder, "exchange", "export", "--out", path)
    damaged = tmp_path / "damaged.zip"
    flip_middle_byte(path, damaged)
    before = _dump(folder)
    for command in (["import", damaged], ["import-decisions", damaged]):
        code, out, err = run(capsys, "--data-dir", folder, "exchange", *command)
        assert code == 1 and out == ""
        assert (
            _(
                "The file {path} is damaged (changed or cut short on the way): its contents do not match "
                "their seal. Nothing was changed. Ask for the file to be written again."
            ).format(path="damaged.zip")
            in err
        )
        assert says_in_chinese(err, "damaged.zip")
    assert _dump(folder) == before


def _reply(path, key, *, code="A", accepted=1):
    """A reply as the township writes it (services.exchange.export_decisions), signed with ``key``."""
    made = dt.datetime.now().replace(microsecond=0)
    columns = ("public_id", "kind", "subject", "details", "refers_to", "decided_on", "decided_by", "made_at")
    rows = [
        ["3a0c7f0e-5b1d-4c57-9d1e-000000000001", "approval", "同意李秀英列为发展对象", "", None, "2026-07-01", "镇党委", made.isoformat()],
        ["3a0c7f0e-5b1d-4c57-9d1e-000000000002", "notice", "请公开上半年党费收缴情况", "", None, "2026-07-02", "镇党委", made.isoformat()],
    ]  # fmt: skip
    head = {
        "format": rules.FORMAT, "format_version": 1, "kind": "decisions", "sequence": int(made.timestamp()),
        "branch": {"code": code, "name": VILLAGE_NAME, "public_id": None}, "schema": sorted(head_revisions()),
        "program": "test", "made_at": made.isoformat(), "made_by": "乡镇", "key_id": rules.key_id(key),
        "accepted": {"sequence": accepted, "imported_at": made.isoformat()},
    }  # fmt: skip
    return exchange_file.write(path, head, {"township_decision": exchange_file.TableRows(columns, rows)}, key)


def test_the_townships_reply_is_imported_once(folder, tmp_path, capsys):
    run(capsys, "--data-dir", folder, "exchange", "key", "--code", "A", "--key", KEY)
    run(capsys, "--data-dir", folder, "exchange", "export", "--out", tmp_path / "a.zip")
    reply = _reply(tmp_path / "reply.zip", KEY)
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "import-decisions", reply)
    assert (code, err) == (0, ""), err
    assert out.splitlines() == [
        _("The township's decisions: {new} new, {updated} updated, {unchanged} unchanged.").format(
            new=2, updated=0, unchanged=0
        ),
        _("The township has taken your files up to number {sequence}.").format(sequence=1),
    ]
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "import-decisions", reply)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == _("This reply was imported before: nothing changed.")
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "status")
    assert (
        _("The township has taken your files up to number {sequence} ({date}).").format(
            sequence=1, date=dt.date.today().isoformat()
        )
        in out
    )


def test_a_reply_for_another_branch_or_key_is_refused(folder, tmp_path, capsys):
    run(capsys, "--data-dir", folder, "exchange", "key", "--code", "A", "--key", KEY)
    before = _dump(folder)
    for reply, reason in (
        (
            _reply(tmp_path / "b.zip", KEY, code="B"),
            _(
                "This reply is for branch {found}, and this computer holds branch {code}. Nothing was changed."
            ).format(found="B", code="A"),
        ),
        (
            _reply(tmp_path / "other-key.zip", rules.new_key()),
            _(
                "The file's signature does not match the exchange key of branch {code}: it was signed with another "
                "branch's key, or changed on the way. Nothing was changed."
            ).format(code="A"),
        ),
    ):
        code, out, err = run(capsys, "--data-dir", folder, "exchange", "import-decisions", reply)
        assert code == 1 and out == "" and reason in err and says_in_chinese(err)
    workspace = open_workspace(folder, daily_backup=False)
    try:
        assert exchange.decisions(workspace) == []
        assert village_dump(workspace) == before
    finally:
        workspace.close()


def test_a_zip_of_something_else_is_not_an_exchange_file(folder, tmp_path, capsys):
    other = tmp_path / "照片.zip"
    with zipfile.ZipFile(other, "w") as bundle:
        bundle.writestr("a.jpg", b"\xff\xd8")
    code, out, err = run(capsys, "--data-dir", folder, "exchange", "import", other, "--key", KEY)
    assert code == 1 and out == ""
    assert (
        _("The file {path} is not an exchange file of this program{why}. Nothing was changed.").format(
            path="照片.zip", why=""
        )
        in err
    )
    assert says_in_chinese(err, "照片.zip")
