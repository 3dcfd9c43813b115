import csv
import io

import pytest
from tests.support.cli import run
from tests.support.postgres import engine_is_postgres

from dangjian_desktop import cli


def test_init_add_list_backup_check(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert (
        run(
            capsys, "--data-dir", data, "init", "--branch", "中共前进村支部委员会", "--township", "城关镇党委"
        )[0]
        == 0
    )
    code, out, _ = run(
        capsys,
        "--data-dir",
        data,
        "members",
        "add",
        "张三",
        "--id",
        "370101190102039973",
        "--joined",
        "1930-01-01",
        "--phone",
        "13812345678",
        "--dues-category",
        "农民",
    )
    assert code == 0 and "张三" in out
    code, out, _ = run(capsys, "--data-dir", data, "members", "list", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:5] == ["编号", "姓名", "性别", "出生日期", "公民身份号码"]
    assert rows[1][1] == "张三" and rows[1][4] == "3701**********9973" and "138****5678" in rows[1]
    assert rows[1][0].isdigit()  # the number other commands accept for MEMBER
    code, out, _ = run(capsys, "--data-dir", data, "members", "list", "--format", "csv", "--unmask")
    assert "370101190102039973" in out and "13812345678" in out
    code, out, err = run(capsys, "--data-dir", data, "backup")
    if engine_is_postgres():  # the township's server: its administrator backs it up, the PC never pretends
        assert code == 2 and out == "" and "由乡镇管理员备份（dangjian admin backup）" in err
    else:
        assert code == 0 and "/backups/" in out.replace("\\", "/")
    code, out, _ = run(capsys, "--data-dir", data, "check")
    assert code == 0
    if engine_is_postgres():
        assert "数据版本：" in out and "支部：A 中共前进村支部委员会" in out and "跨支部的引用：无" in out
    else:
        assert "ok" in out


def test_add_with_a_bad_id_says_what_to_fix(tmp_path, capsys):
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "init", "--branch", "中共前进村支部委员会")
    code, out, err = run(capsys, "--data-dir", data, "members", "add", "李四", "--id", "370101190102039972")
    assert code == 1
    assert "公民身份号码" in err and "3" in err


@pytest.mark.sqlite_only(reason="a new data folder has no branch; on a server the login brings its branch")
def test_commands_need_a_branch_first(tmp_path, capsys):
    code, _, err = run(
        capsys, "--data-dir", str(tmp_path / "d"), "members", "add", "王五", "--id", "370101190102039973"
    )
    assert code == 2 and "设置" in err


def test_help_and_command_line_mistakes_are_in_chinese(capsys):
    import pytest

    with pytest.raises(SystemExit):
        cli.main(["members", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "选项" in out and "显示这段帮助后退出" in out
    with pytest.raises(SystemExit) as exited:
        cli.main(["members", "add"])
    assert exited.value.code == 1  # a command line to fix, as every typed mistake
    assert "缺少这些参数" in capsys.readouterr().err


def test_members_print_writes_the_roster_as_printed(tmp_path, capsys):
    """`dangjian members print --out FILE.pdf`: the 花名册 as the roster page prints it; the ID numbers
    only with --with-id-numbers."""
    import re

    from pypdf import PdfReader

    from dangjian_desktop.domain.idnumber import check_digit

    data = str(tmp_path / "data")
    assert cli.main(["--data-dir", data, "init", "--branch", "东岭村党支部"]) == 0
    first17 = "37012419650312001"
    number = first17 + check_digit(first17)
    assert (
        cli.main(["--data-dir", data, "members", "add", "王建国", "--id", number, "--phone", "053187876543"])
        == 0
    )
    capsys.readouterr()
    out = tmp_path / "花名册.pdf"
    assert cli.main(["--data-dir", data, "members", "print", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = "".join(re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(str(out)).pages)
    assert "东岭村党支部党员花名册" in text and "王建国" in text and "0531-87876543" in text
    assert number not in text
    assert cli.main(["--data-dir", data, "members", "print", "--out", str(out), "--with-id-numbers"]) == 0
    text = "".join(re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(str(out)).pages)
    assert number in text
