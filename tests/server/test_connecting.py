"""Connecting to the township server (issue 18): the schema is the administrator's to upgrade, a client of
another version opens read-only and says which side to update; a failed connection is said in words; the
administrator's commands set up a database from nothing."""

from __future__ import annotations

import socket

import psycopg
import pytest

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.services import server_admin
from dangjian_desktop.services.members import add_member, roster_rows
from dangjian_desktop.services.server_login import LoginRefused, ServerNotSetUp, ServerUnreachable
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store.db import LookOnly
from dangjian_desktop.store.migrate import head_revisions
from support.cli import run
from support.postgres import PASSWORD, _superuser_execute, _with_database

from ..conftest import make_id_number


def _owner(township_db, *statements: str) -> None:
    with psycopg.connect(township_db.owner_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


def test_an_old_client_opens_a_newer_schema_read_only_and_says_to_update_itself(township_db, tmp_path):
    _owner(township_db, "INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    workspace = open_workspace(tmp_path / "a", database_url=township_db.url_for("village_a"))
    try:
        assert workspace.read_only
        assert any("安装新版本" in note for note in workspace.notes)
        assert roster_rows(workspace) == []  # she can look
        with pytest.raises(LookOnly):
            add_member(workspace, {"name": "张三", "id_number": make_id_number(sequence=1)})
    finally:
        workspace.close()
    with psycopg.connect(township_db.owner_url) as connection:  # the client changed nothing of the schema
        versions = {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
    assert versions == set(head_revisions()) | {"9999_from_the_future"}


def test_a_client_never_upgrades_an_older_schema_and_asks_the_administrator(township_db, tmp_path):
    newest = sorted(head_revisions())[0]
    _owner(township_db, f"UPDATE alembic_version SET version_num = '0001' WHERE version_num = '{newest}'")
    workspace = open_workspace(tmp_path / "a", database_url=township_db.url_for("village_a"))
    try:
        assert workspace.read_only
        assert any("dangjian admin upgrade" in note for note in workspace.notes)
    finally:
        workspace.close()
    with psycopg.connect(township_db.owner_url) as connection:
        versions = {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
    assert newest not in versions  # still as the administrator left it


def test_an_unreachable_server_a_wrong_password_and_a_database_not_set_up_are_said_in_words(
    township_db, tmp_path
):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    with pytest.raises(ServerUnreachable, match="连接不上乡镇服务器"):
        open_workspace(tmp_path / "a", database_url=f"postgresql://village_a:x@127.0.0.1:{free_port}/db")
    wrong = township_db.url_for("village_a").replace(f":{PASSWORD}@", ":wrong@")
    with pytest.raises(LoginRefused, match="用户名或密码"):
        open_workspace(tmp_path / "a", database_url=wrong)
    admin_url = township_db.owner_url
    empty = f"{township_db.name}_empty"
    _superuser_execute(admin_url, f'CREATE DATABASE "{empty}"')
    try:
        with pytest.raises(ServerNotSetUp, match="admin init"):
            open_workspace(tmp_path / "a", database_url=_with_database(admin_url, empty))
    finally:
        _superuser_execute(admin_url, f'DROP DATABASE "{empty}" WITH (FORCE)')


def test_the_administrator_sets_up_a_township_from_the_command_line(township_db, tmp_path, capsys):
    admin_url = township_db.owner_url
    name = f"{township_db.name}_new"
    _superuser_execute(admin_url, f'CREATE DATABASE "{name}"')
    url = _with_database(admin_url, name)
    password_file = tmp_path / "password.txt"
    password_file.write_text("qianjin-2026\n", encoding="utf-8")
    try:
        assert run(capsys, "--database", url, "admin", "init")[0] == 0
        assert (
            run(
                capsys,
                "--database",
                url,
                "admin",
                "add-branch",
                "--code",
                "07",
                "--name",
                "中共前进村支部委员会",
            )[0]
            == 0
        )
        code, out, _err = run(
            capsys, "--database", url, "admin", "add-user", "qianjin_new", "--password-file", password_file,
            "--branch", "07", "--role", "village",
        )  # fmt: skip
        assert code == 0 and "qianjin-2026" not in out
        code, out, _err = run(capsys, "--database", url, "admin", "accounts")
        assert "qianjin_new\tvillage\t07\t中共前进村支部委员会" in out
        village = _with_database(admin_url, name, "qianjin_new", "qianjin-2026")
        data = tmp_path / "village"
        assert run(capsys, "--database", village, "--data-dir", data, "members", "add", "张三",
                   "--id", make_id_number(sequence=1))[0] == 0  # fmt: skip
        code, out, _err = run(capsys, "--database", village, "--data-dir", data, "members", "list")
        assert code == 0 and "张三" in out
        # a village login is not the administrator
        code, _out, err = run(
            capsys, "--database", village, "admin", "add-branch", "--code", "08", "--name", "乙村"
        )
        assert code == 2 and "所有者" in err
        # an upgrade of a database already at this version changes nothing and says so
        code, out, _err = run(capsys, "--database", url, "admin", "upgrade")
        assert code == 0 and "不用升级" in out
    finally:
        _superuser_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_administrators_input_is_checked_in_words(township_db, tmp_path):
    with pytest.raises(FieldErrors, match="登录名"):
        server_admin.add_user(
            township_db.owner_url, "Bad Name", "long-enough", role="village", branch_code="A"
        )
    with pytest.raises(FieldErrors, match="至少"):
        server_admin.add_user(township_db.owner_url, "shortpw", "123", role="village", branch_code="A")
    with pytest.raises(FieldErrors, match="没有代码为 Z"):
        server_admin.add_user(
            township_db.owner_url, "nobranch", "long-enough", role="village", branch_code="Z"
        )
    with pytest.raises(FieldErrors, match="已经有了"):
        server_admin.add_branch(township_db.owner_url, "A", "重复的支部")
    with pytest.raises(AppError, match="PostgreSQL"):
        server_admin.add_branch(f"sqlite:///{tmp_path / 'x.sqlite3'}", "C", "丙村")


def test_a_reset_password_lets_the_new_one_in_and_not_the_old(township_db, tmp_path):
    server_admin.reset_password(township_db.owner_url, "village_b", "new-password-2026")
    old = township_db.url_for("village_b")
    with pytest.raises(LoginRefused):
        open_workspace(tmp_path / "b", database_url=old)
    new = old.replace(f":{PASSWORD}@", ":new-password-2026@")
    try:
        workspace = open_workspace(tmp_path / "b", database_url=new)
        assert workspace.branch_id == township_db.branch_ids["B"]
        workspace.close()
    finally:  # logins belong to the whole server: the next test's copy expects the usual password
        _owner(township_db, f"ALTER ROLE village_b PASSWORD '{PASSWORD}'")


def test_the_window_program_starts_on_the_server_with_database_and_logs_no_password(township_db, tmp_path):
    from support.data_files import GUI, run_program

    data = tmp_path / "data"
    done = run_program(
        GUI, "--database", township_db.url_for("village_a"), "--data-dir", str(data), "--smoke-test"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    logged = "".join(path.read_text(encoding="utf-8") for path in data.rglob("*.log"))
    assert "village_a" in logged and f":{PASSWORD}@" not in logged
