"""The township administrator's maintenance of the shared database (issue 18, township.md TP3): backups of
the whole database and of one branch and their restores, the change log per login, ``check`` on the
server; and the PC's own backup and restore, which never pretend on a server workspace."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess

import psycopg
import pytest

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.services import backups, home, server_backup
from dangjian_desktop.services.branch import BranchProfile, load_profile, save_profile
from dangjian_desktop.services.members import add_member, roster_rows
from dangjian_desktop.services.workspace import open_workspace

from ..conftest import make_id_number
from ..support.cli import run


def _names(workspace) -> list[str]:  # noqa: ANN001
    return sorted(row.name for row in roster_rows(workspace))


def _add(workspace, name: str, sequence: int) -> int:  # noqa: ANN001
    member = add_member(
        workspace, {"name": name, "id_number": make_id_number(sequence=sequence), "joined_date": "1990-05-01"}
    )
    return member.id


@pytest.fixture
def open_as(township_db, tmp_path):
    """open_as("village_a") -> a workspace on the server as that login; all closed at the end."""
    opened = []

    def opener(login: str):  # noqa: ANN202
        workspace = open_workspace(
            tmp_path / f"{login}-{len(opened)}", database_url=township_db.url_for(login)
        )
        opened.append(workspace)
        return workspace

    yield opener
    for workspace in opened:
        workspace.close()


def test_the_whole_database_backed_up_and_restored_brings_the_data_back(
    township_db, open_as, tmp_path, capsys
):
    a = open_as("village_a")
    _add(a, "张三", 11)
    dump = tmp_path / "township.dump"
    code, out, err = run(capsys, "--database", township_db.owner_url, "admin", "backup", "--out", dump)
    assert (code, err) == (0, "")
    assert str(dump) in out and dump.read_bytes().startswith(b"PGDMP")
    _add(a, "李四", 13)
    a.close()

    code, out, err = run(capsys, "--database", township_db.owner_url, "admin", "restore", dump)
    assert (code, err) == (0, "")
    again = open_as("village_a")
    assert _names(again) == ["张三"]
    _add(again, "王五", 15)  # writes work again, within the branch, under the same protection
    assert _names(again) == ["张三", "王五"]
    assert _names(open_as("village_b")) == []


def test_a_file_that_is_not_a_dump_is_refused_in_words(township_db, tmp_path, capsys):
    not_a_dump = tmp_path / "notes.txt"
    not_a_dump.write_text("hello", encoding="utf-8")
    code, out, err = run(capsys, "--database", township_db.owner_url, "admin", "restore", not_a_dump)
    assert (
        code == 2 and "不是用 dangjian admin backup（pg_dump -Fc）做的备份" in err and "Traceback" not in err
    )


def test_the_password_is_never_on_the_command_line_nor_in_the_log(township_db, tmp_path, monkeypatch, caplog):
    seen: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def spying(command, **kwargs):  # noqa: ANN001, ANN202
        seen.append((list(command), dict(kwargs["env"])))
        return real_run(command, **kwargs)

    monkeypatch.setattr(server_backup.subprocess, "run", spying)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AppError, match="不能做这件事"):  # a village login cannot read the whole database
        server_backup.back_up_database(township_db.url_for("village_a"), tmp_path / "a.dump")
    ((command, environment),) = seen
    assert "secret" not in " ".join(command) and environment["PGPASSWORD"] == "secret"
    assert "secret" not in caplog.text


def test_one_branch_restored_comes_back_as_it_was_and_leaves_the_other_untouched(
    township_db, open_as, tmp_path, capsys
):
    a, b = open_as("village_a"), open_as("village_b")
    _add(a, "甲一", 11)
    _add(b, "乙一", 21)
    save_profile(b, BranchProfile(name="中共红旗村支部委员会", secretary="李书记"))
    saved = tmp_path / "b.jsonl"
    owner = ("--database", township_db.owner_url, "admin")
    code, out, err = run(capsys, *owner, "backup", "--branch", "B", "--out", saved)
    assert (code, err) == (0, "")
    kept = saved.read_text(encoding="utf-8")
    assert ":secret@" not in kept and '"secret"' not in kept  # the password is in no file of ours

    _add(b, "乙二", 23)  # B changes after the backup
    save_profile(b, BranchProfile(name="中共红旗村支部委员会", secretary="王书记"))
    _add(a, "甲二", 13)  # and so does A, which the restore of B must not touch

    code, out, err = run(capsys, *owner, "restore", "--branch", "B", saved)
    assert (code, err) == (0, "")
    b.refresh_branch()
    assert _names(b) == ["乙一"] and load_profile(b).secretary == "李书记"
    assert _names(a) == ["甲一", "甲二"]
    _add(b, "乙三", 25)  # the id sequences continue after the restored rows (TP9)
    _add(a, "甲三", 17)
    assert _names(b) == ["乙一", "乙三"]


def test_a_branch_file_is_only_restored_into_its_own_branch(township_db, open_as, tmp_path, capsys):
    _add(open_as("village_b"), "乙一", 21)
    saved = tmp_path / "b.jsonl"
    owner = ("--database", township_db.owner_url, "admin")
    assert run(capsys, *owner, "backup", "--branch", "B", "--out", saved)[0] == 0
    code, out, err = run(capsys, *owner, "restore", "--branch", "A", saved)
    assert code == 2 and "不是支部 A 的" in err
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text('{"format": "something else"}\n', encoding="utf-8")
    code, out, err = run(capsys, *owner, "restore", "--branch", "B", garbage)
    assert code == 2 and "不是用 dangjian admin backup --branch 做的支部备份" in err
    assert _names(open_as("village_b")) == ["乙一"]


def test_the_change_log_per_login(township_db, open_as, capsys):
    _add(open_as("village_a"), "甲一", 11)
    _add(open_as("village_b"), "乙一", 21)
    owner = ("--database", township_db.owner_url, "admin")
    code, out, err = run(capsys, *owner, "log", "--user", "village_b")
    assert (code, err) == (0, "")
    lines = out.strip().splitlines()
    assert lines and all("\tvillage_b\t" in line and "\tB\t" in line for line in lines)
    assert any("乙一" in line and "\tmember\t" in line for line in lines)
    code, out, err = run(capsys, *owner, "log", "--branch", "A", "--limit", "1")
    assert code == 0 and len(out.strip().splitlines()) == 1 and "\tvillage_a\t" in out
    code, out, err = run(capsys, *owner, "log", "--user", "nobody")
    assert code == 0 and "没有符合条件的记录" in out


def test_check_on_the_server_reports_versions_login_and_branch(township_db, open_as, capsys):
    _add(open_as("village_a"), "甲一", 11)
    code, out, err = run(capsys, "--database", township_db.url_for("village_a"), "check")
    assert (code, err) == (0, "")
    assert "数据版本：" in out and "（程序版本：" in out
    assert "账号：village_a（village）" in out and "支部：A 中共前进村支部委员会" in out
    assert "跨支部的引用：无" in out
    code, out, err = run(capsys, "--database", township_db.owner_url, "check")
    assert (code, err) == (0, "") and "（owner）" in out


def test_check_finds_a_reference_into_another_branch(township_db, open_as, capsys):
    a_member = _add(open_as("village_a"), "甲一", 11)
    with psycopg.connect(township_db.owner_url, autocommit=True) as owner:
        owner.execute("SET session_replication_role = replica")  # as if written before the triggers
        owner.execute(
            "INSERT INTO member_event (branch_id, member_id, kind, status_before, status_after, reason, "
            "recorded_at, recorded_by) VALUES (%s, %s, 'note', '', '', '', now(), '')",
            (township_db.branch_ids["B"], a_member),
        )
    code, out, err = run(capsys, "--database", township_db.owner_url, "check")
    assert code == 2 and "member_event.member_id：有 1 行指向其他支部的数据" in out
    assert "Traceback" not in err


def test_the_pc_backups_are_refused_in_words_on_a_server_workspace(township_db, open_as, tmp_path, capsys):
    a = open_as("village_a")
    with pytest.raises(AppError, match="dangjian admin backup"):
        backups.back_up_now(a)
    with pytest.raises(AppError, match="dangjian admin backup"):
        backups.back_up_to(a, tmp_path)
    with pytest.raises(AppError, match="dangjian admin backup"):
        backups.restore(a, tmp_path / "whatever.sqlite3")
    assert backups.list_backups(a) == []
    (line,) = home.backup_lines(a, dt.date(2026, 5, 1))
    assert not line.urgent and "由乡镇管理员备份" in line.text
    url = township_db.url_for("village_a")
    for command in (
        ["backup"],
        ["backup", "--to", tmp_path],
        ["backups"],
        ["restore", tmp_path / "x.sqlite3"],
    ):
        code, out, err = run(capsys, "--database", url, "--data-dir", tmp_path / "pc", *command)
        assert code == 2 and "dangjian admin backup" in err and out == "", command
    assert not (tmp_path / "pc" / "backups").exists() or not list((tmp_path / "pc" / "backups").iterdir())


def test_a_dump_from_an_older_version_is_brought_to_this_programs_schema(
    township_db, open_as, tmp_path, capsys
):
    a = open_as("village_a")
    _add(a, "张三", 11)
    a.close()
    with psycopg.connect(township_db.owner_url, autocommit=True) as owner:  # as an older program left it
        owner.execute("DROP TABLE dues_opening_note")
        for table in ("dues_standard", "dues_payment", "dues_allocation", "dues_receipt", "dues_handup"):
            owner.execute(f"ALTER TABLE {table} DROP COLUMN public_id")  # and 0002_02 above it (issue 19)
        owner.execute("UPDATE alembic_version SET version_num = '0002_01' WHERE version_num = '0002_02'")
    dump = tmp_path / "older.dump"
    assert run(capsys, "--database", township_db.owner_url, "admin", "backup", "--out", dump)[0] == 0
    code, out, err = run(capsys, "--database", township_db.owner_url, "admin", "restore", dump)
    assert (code, err) == (0, "") and "已从" in out and "升级到" in out
    again = open_as("village_a")
    assert not again.read_only and _names(again) == ["张三"]
    _add(again, "李四", 13)  # the restored, upgraded database takes her writes
