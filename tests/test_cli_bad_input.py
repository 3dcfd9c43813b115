"""Absurd values on the command line get a Chinese sentence and a documented exit code, never a traceback
(reliability.md D14, D16, D18, D20; issue 16): the same mistake gives the same code in every command."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from tests.support.postgres import engine_is_postgres

from dangjian_desktop import cli
from dangjian_desktop.domain.idnumber import check_digit

HUGE = "99999999999999999999"


def run(*argv: str) -> tuple[int, str, str]:
    """The command in this process; argparse's own exits are caught like the shell sees them."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(argv))
        except SystemExit as exited:
            code = int(exited.code or 0)
    return code, out.getvalue(), err.getvalue()


def said_in_chinese(err: str) -> str:
    """The message (the last line), checked for Chinese words and no English error text."""
    assert "Traceback" not in err
    message = err.strip().splitlines()[-1]
    assert re.search(r"[\u4e00-\u9fff]", message), message
    names = r"Excel|WPS|UTF-8|\.(?:xlsx|xls|ods|csv)\b"  # names of programs and files, not English text
    without_options = re.sub(
        names + r"|--[a-z-]+|[A-Z]{2,}[A-Z-]*|dangjian[ a-z]*|/[^\s：，。]+", "", message
    )
    assert not re.search(r"[A-Za-z]{4,}", without_options), message  # no English words
    assert "http" not in message
    return message


def _data_scope(fixture_name: str, config: pytest.Config) -> str:
    """One data folder for the module; on PostgreSQL every test has a fresh server database of its own, so
    the data is made for each test (a module's data would be in the first test's database only)."""
    del fixture_name, config
    return "function" if engine_is_postgres() else "module"


@pytest.fixture(scope=_data_scope)
def data(tmp_path_factory) -> str:
    folder = str(tmp_path_factory.mktemp("cli") / "data")
    assert run("--data-dir", folder, "init", "--branch", "中共前进村支部委员会")[0] == 0
    first17 = "37010219700101001"
    code, _out, err = run(
        "--data-dir",
        folder,
        "members",
        "add",
        "张三",
        "--id",
        first17 + check_digit(first17),
        "--joined",
        "1995-07-01",
    )
    assert code == 0, err
    code, out, err = run("--data-dir", folder, "matter", "new", "--title", "修村道")
    assert code == 0, err
    return folder


PAY = ["dues", "pay", "张三", "--from", "2026-01", "--to", "2026-01"]
STEP = ["--step", "propose", "--present", "5", "--for", "5", "--against", "0", "--abstain", "0"]


# --- D14: values that used to give a traceback ---------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["dues", "pay", "张三", "--from", "2026-01", "--to", "2026-01", "--amount", "9" * 400], "金额太大"),
        (
            ["dues", "pay", "张三", "--from", "2026-01", "--to", "2026-01", "--amount", "0.499"],
            "金额最多两位小数",
        ),
        (["dues", "pay", "张三", "--from", "2026-01", "--to", "2026-01", "--amount", "1e309"], "金额"),
        (["dues", "pay", "张三", "--from", "2026-01", "--to", "2026-01", "--amount", "NaN"], "金额"),
        (["dues", "standard", "--category", "employed", "--income", "1" * 12], "金额太大"),
        (["notice", "new", "--type", "free", "--title", "通知", "--period-from", "9999-12-31"], "超出了范围"),
        (["notice", "new", "--type", "resolution", "--matter", HUGE], "没有编号"),
        (["notice", "publish", HUGE], "没有编号"),
        (["matter", "step", HUGE, "--date", "2026-03-01", "--expected", "5", *STEP], "没有编号"),
        (["matter", "step", "1", "--date", "2026-03-01", "--expected", HUGE, *STEP], "整数"),
        (["matter", "step", "1", "--date", "2026-03-01", "--expected", "9223372036854775808", *STEP], "整数"),
        (["matter", "implement", HUGE, "--date", "2026-03-01", "--text", "完工"], "没有编号"),
    ],
)
def test_absurd_values_are_refused_in_words_with_exit_1(data, argv, words):
    code, _out, err = run("--data-dir", data, *argv)
    assert code == 1, err
    assert words in said_in_chinese(err)


def test_an_endless_body_file_is_read_only_up_to_the_limit(data):
    command = "from dangjian_desktop.startup import cli; raise SystemExit(cli())"
    argv = ["--data-dir", data, *"notice new --type free --title 通知 --body-file /dev/zero".split()]
    done = subprocess.run(
        [sys.executable, "-c", command, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        # An address-space limit of 1 GB: reading /dev/zero whole would die of it.
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 2, done.stderr
    assert "太长了：最多 50000 个字" in said_in_chinese(done.stderr)


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


@pytest.mark.parametrize(("path", "words"), [("/no/such/file.txt", "找不到文件"), ("/tmp", "是一个文件夹")])
def test_a_body_file_that_cannot_be_read_is_said_in_chinese(data, path, words):
    code, _out, err = run(
        "--data-dir", data, "notice", "new", "--type", "free", "--title", "通知", "--body-file", path
    )
    assert code == 2
    assert words in said_in_chinese(err)


def test_year_0_and_a_file_name_too_long_for_the_system_are_said_in_words(data):
    code, _out, err = run(
        "--data-dir",
        data,
        "dues",
        "standard",
        "--category",
        "employed",
        "--income",
        "3000",
        "--date",
        "0000-01",
    )
    assert code == 1 and "太早" in said_in_chinese(err)
    code, _out, err = run("--data-dir", data, "members", "import", "x" * 5000 + ".xlsx")
    assert code == 2 and "打不开" in said_in_chinese(err.replace("x" * 5000, "名字很长的文件"))


def test_a_member_given_by_an_enormous_number_is_simply_not_found(data):
    code, _out, err = run(
        "--data-dir", data, "flowing", "leave", HUGE, "--since", "2026-01-01", "--destination", "江苏省"
    )
    assert code == 2 and HUGE in said_in_chinese(err)


# --- D16: dates no person means ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["notice", "new", "--type", "free", "--title", "通知", "--period-from", "0001-01-01"],
        ["notice", "new", "--type", "free", "--title", "通知", "--period-from", "2099-01-01"],
        ["matter", "step", "1", "--date", "9999-12-31", "--expected", "5", *STEP],
        ["matter", "step", "1", "--date", "0001-01-01", "--expected", "5", *STEP],
        ["meeting", "add", "--kind", "支部党员大会", "--date", "1899-12-31", "--topic", "学习"],
        ["posts", "record", "张三", "--date", "2999-01-01", "--text", "巡逻"],
        [*PAY, "--amount", "1", "--date", "0001-01-01"],
        ["flowing", "leave", "张三", "--since", "0001-01-01", "--destination", "江苏省"],
    ],
)
def test_dates_outside_1900_and_ten_years_ahead_are_refused(data, argv):
    code, _out, err = run("--data-dir", data, *argv)
    assert code == 1, err
    message = said_in_chinese(err)
    assert "1900-01-01" in message or "太早" in message


def test_a_leave_in_1900_is_refused_by_the_field_s_own_rule(data):
    code, _out, err = run(
        "--data-dir", data, "flowing", "leave", "张三", "--since", "1900-01-01", "--destination", "江苏省"
    )
    assert code == 1
    assert "外出日期要在 1950-01-01" in said_in_chinese(err)
    assert "在外党员共 0 名" in run("--data-dir", data, "flowing", "list")[1]  # no book was issued


# --- D20: one mistake, one exit code ------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["dues", "pay", "王五", "--from", "2026-01", "--to", "2026-01", "--amount", "1"],
        ["flowing", "leave", "王五", "--since", "2026-01-01", "--destination", "江苏省"],
        ["posts", "assign", "王五", "--post", "平安建设岗", "--year", "2026"],
        ["book", "王五", "--out", "/tmp/x.pdf"],
        ["dues", "declare", "王五", "--category", "farmer", "--year", "2026"],
        [
            "meeting",
            "add",
            "--kind",
            "支部党员大会",
            "--date",
            "2026-01-05",
            "--topic",
            "学习",
            "--absent",
            "王五:请假",
        ],
    ],
)
def test_an_unknown_member_is_exit_2_in_every_command(data, argv):
    code, _out, err = run("--data-dir", data, *argv)
    assert code == 2, err
    said_in_chinese(err)
    assert "王五" in err


@pytest.mark.parametrize(
    "argv",
    [
        [*PAY, "--amount", "1", "--date", "2026-02-30"],
        ["flowing", "leave", "张三", "--since", "2026-02-30", "--destination", "江苏省"],
        ["posts", "record", "张三", "--date", "2026-02-30", "--text", "巡逻"],
        ["meeting", "add", "--kind", "支部党员大会", "--date", "2026-02-30", "--topic", "学习"],
        ["matter", "step", "1", "--date", "2026-02-30", "--expected", "5", *STEP],
        ["due", "--as-of", "2026-02-30"],
    ],
)
def test_a_date_that_does_not_exist_is_exit_1_in_every_command(data, argv):
    code, _out, err = run("--data-dir", data, *argv)
    assert code == 1, err
    said_in_chinese(err)


@pytest.mark.parametrize("argv", [["--help"], ["dues", "pay", "--help"], ["notice", "new", "--help"]])
def test_every_help_lists_the_exit_codes(argv):
    code, out, _err = run(*argv)
    assert code == 0
    assert "退出码：0 办好了；1 输入的内容要改" in out and "2 没办成" in out


@pytest.mark.parametrize("amount", ["0.500", "１５．００", "12元5角"])
def test_the_command_line_reads_an_amount_as_the_domain_does(amount):
    """The argument check and ``parse_amount`` agree: trailing zeros are not extra decimals (0.500 = 0.50)."""
    from decimal import Decimal

    from dangjian_desktop.cli.support import money_argument
    from dangjian_desktop.domain.money import parse_amount

    assert money_argument(amount) == amount
    assert parse_amount(amount) > Decimal(0)
