"""当前操作人: the change log writes the person she named (by default the secretary), not the OS login —
in the program and in the CLI, which reads the same setting; ``--operator`` names someone for one command."""

from __future__ import annotations

from conftest import make_id_number
from dangjian_desktop import cli
from dangjian_desktop.services import members, operator
from dangjian_desktop.services.audit_log import recent_entries
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import os_login


def test_the_secretary_is_the_operator_until_another_is_named(workspace):
    save_profile(workspace, BranchProfile(name="中共红旗村支部委员会", secretary="王建国"))
    assert operator.current_operator(workspace).name == "王建国"
    members.add_member(workspace, {"name": "张三", "id_number": make_id_number()})
    assert recent_entries(workspace)[0].user == "王建国"
    assert operator.set_operator(workspace, " 李会计 ").name == "李会计"
    members.add_member(workspace, {"name": "李四", "id_number": make_id_number(sequence=3)})
    assert recent_entries(workspace)[0].user == "李会计"
    assert operator.set_operator(workspace, "").name == "王建国"  # empty: the secretary again


def test_the_name_is_kept_in_the_data_folder(workspace, tmp_path):
    save_profile(workspace, BranchProfile(name="中共红旗村支部委员会", secretary="王建国"))
    operator.set_operator(workspace, "李会计")
    audit.set_operator("")  # as in a new start of the program
    reopened = open_workspace(workspace.folder, daily_backup=False)
    try:
        assert operator.current_operator(reopened).chosen == "李会计"
        assert audit.current_user() == "李会计" != os_login()
    finally:
        reopened.close()


def _cli(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_writes_the_chosen_operator_or_the_one_given_for_a_command(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert (
        _cli(capsys, "--data-dir", data, "init", "--branch", "中共红旗村支部委员会", "--secretary", "王建国")[
            0
        ]
        == 0
    )
    code, out, _err = _cli(capsys, "--data-dir", data, "operator")
    assert code == 0 and out.strip() == "王建国"
    assert _cli(capsys, "--data-dir", data, "operator", "李会计")[0] == 0
    add = ("members", "add", "张三", "--id", make_id_number())
    assert _cli(capsys, "--data-dir", data, *add)[0] == 0
    add = ("members", "add", "李四", "--id", make_id_number(sequence=3))
    assert _cli(capsys, "--data-dir", data, "--operator", "赵支委", *add)[0] == 0
    workspace = open_workspace(data, daily_backup=False)
    try:
        users = [e.user for e in recent_entries(workspace) if e.table == "member"]
        assert users == ["赵支委", "李会计"]
        assert operator.current_operator(workspace).chosen == "李会计"  # --operator was for one command
        assert audit.current_user() == "李会计"  # and it is forgotten after the command
    finally:
        workspace.close()
