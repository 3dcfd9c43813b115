"""Two programs on one data folder at the same moment (issue 16, reliability.md D1 and D11): real
processes of the command line, released together, against one data folder.

Most rounds hold both processes at a start line (a file they wait for) so that they reach the database
within a few milliseconds of each other, which starting two programs alone rarely does; a few rounds
start the ``dangjian`` program itself twice, as a script would.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues, flowing, notices
from dangjian_desktop.services.members import add_member, get_member
from dangjian_desktop.store.dues_models import DuesAllocation, DuesPayment

from .conftest import make_id_number

THIS_MONTH = Month.of(dt.date.today())
ROUNDS = 6

# Waits for the start file, then runs the real command line with the arguments it was given.
_AT_THE_START_LINE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    ready, go = Path(sys.argv[1]), Path(sys.argv[2])
    from dangjian_desktop import cli  # everything imported before the start
    from dangjian_desktop.services import dues, notices, workspace  # noqa: F401
    ready.write_text("ready")
    while not go.exists():
        time.sleep(0.001)
    sys.exit(cli.main(sys.argv[3:]))
    """
)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _released_together(
    tmp_path: Path, *argvs: list[str], script: str = _AT_THE_START_LINE
) -> list[subprocess.CompletedProcess[str]]:
    """Run each argument list in its own process (``script``: the command line by default); all start at
    the same instant."""
    go = tmp_path / f"go-{time.monotonic_ns()}"
    runs = []
    for index, argv in enumerate(argvs):
        ready = tmp_path / f"{go.name}-ready-{index}"
        process = subprocess.Popen(
            [sys.executable, "-c", script, str(ready), str(go), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        runs.append((process, ready))
    deadline = time.monotonic() + 120
    while not all(ready.exists() for _p, ready in runs):
        assert time.monotonic() < deadline, "the processes did not start"
        time.sleep(0.01)
    go.write_text("go")
    return [_finished(process, argv) for (process, _ready), argv in zip(runs, argvs, strict=True)]


def _started_together(*argvs: list[str]) -> list[subprocess.CompletedProcess[str]]:
    program = Path(sys.executable).with_name("dangjian")
    processes = [
        subprocess.Popen(
            [str(program), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        for argv in argvs
    ]
    return [_finished(process, argv) for process, argv in zip(processes, argvs, strict=True)]


def _finished(process: subprocess.Popen[str], argv: list[str]) -> subprocess.CompletedProcess[str]:
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


@pytest.fixture
def members(workspace):
    """Members with a standard for this year, one per round."""
    ids = []
    for index in range(ROUNDS + 3):
        member = add_member(
            workspace,
            {
                "name": f"老党员{index + 1}",
                "id_number": make_id_number(sequence=2 * index + 1),
                "joined_date": "1995-01-01",
            },
        )
        dues.declare_standard(workspace, member.id, year=THIS_MONTH.year, category="farmer")
        ids.append(member.id)
    return ids


def _payments_of(workspace, member_id: int) -> list[DuesPayment]:
    with workspace.db.transaction() as session:
        return list(session.query(DuesPayment).filter(DuesPayment.member_id == member_id))


def _assert_one_paid_one_refused(workspace, member_id: int, results) -> None:
    codes = sorted(r.returncode for r in results)
    assert codes[0] == 0 and codes[1] != 0, [(r.returncode, r.stdout, r.stderr) for r in results]
    refused = next(r for r in results if r.returncode != 0)
    assert "Traceback" not in refused.stderr and "Error" not in refused.stderr, refused.stderr
    assert _has_chinese(refused.stderr) and "已经交过" in refused.stderr, refused.stderr
    paid = next(r for r in results if r.returncode == 0)
    assert "Traceback" not in paid.stderr
    assert len(_payments_of(workspace, member_id)) == 1
    with workspace.db.transaction() as session:
        months = session.query(DuesAllocation).filter(DuesAllocation.member_id == member_id).all()
    assert [(a.month, a.amount_fen) for a in months] == [(THIS_MONTH.as_int, 50)]


def _pay_this_month(workspace, member_id: int) -> list[str]:
    month = str(THIS_MONTH)
    folder = str(workspace.folder)
    return [
        "--data-dir",
        folder,
        "dues",
        "pay",
        str(member_id),
        "--from",
        month,
        "--to",
        month,
        "--amount",
        "0.50",
    ]


def test_two_payments_of_one_month_released_together_store_exactly_one(workspace, members, tmp_path):
    for member_id in members[:ROUNDS]:
        argv = _pay_this_month(workspace, member_id)
        results = _released_together(tmp_path, argv, argv)
        _assert_one_paid_one_refused(workspace, member_id, results)


def test_two_dangjian_dues_pay_started_together_store_exactly_one(workspace, members):
    for member_id in members[ROUNDS:]:
        argv = _pay_this_month(workspace, member_id)
        _assert_one_paid_one_refused(workspace, member_id, _started_together(argv, argv))
    numbers = [p.receipt_number for p in dues.payments_received(workspace, dt.date.min, dt.date.max)]
    assert len(numbers) == len(set(numbers)) == 3


def test_two_notices_published_together_get_two_consecutive_numbers(workspace, tmp_path):
    for _round in range(ROUNDS // 2):
        drafts = [
            notices.create_draft(workspace, "free", title=f"通知{n}", body="本周六上午开会。").id
            for n in (1, 2)
        ]
        results = _released_together(
            tmp_path,
            *(["--data-dir", str(workspace.folder), "notice", "publish", str(draft)] for draft in drafts),
        )
        for result in results:
            assert "Traceback" not in result.stderr and "IntegrityError" not in result.stderr, result.stderr
            assert result.returncode == 0 or _has_chinese(result.stderr), result.stderr
    published = [n for n in notices.list_notices(workspace) if n.sequence is not None]
    sequences = sorted(n.sequence for n in published)
    assert sequences == list(range(1, len(sequences) + 1))  # consecutive, none twice
    assert len(sequences) == ROUNDS  # with the lock, the second waits instead of failing


def test_two_activity_books_issued_together_get_two_numbers(workspace, members, tmp_path):
    since = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    results = _released_together(
        tmp_path,
        *(
            ["--data-dir", str(workspace.folder), "flowing", "leave", str(member), "--since", since]
            + ["--destination", "江苏省苏州市昆山市星光电子厂"]
            for member in members[:2]
        ),
    )
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    numbers = sorted(flowing.stay_detail(workspace, m).current_book.number for m in members[:2])
    year = dt.date.today().year
    assert numbers == [f"{year}-001", f"{year}-002"]


# Two member forms on two PCs: each process reads the member (the form opening), says it is ready, waits for
# the start, then saves its own change with the version it read. Exit 0: saved; 3: refused in words.
_TWO_FORMS = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    ready, go, folder, member_id, field, value = sys.argv[1:7]
    from dangjian_desktop.domain.errors import ChangedMeanwhile
    from dangjian_desktop.services import members
    from dangjian_desktop.services.workspace import open_workspace
    workspace = open_workspace(Path(folder), daily_backup=False)
    form = members.get_member(workspace, int(member_id))
    raw = {**form.data.as_dict(), field: value}
    Path(ready).write_text("ready")
    while not Path(go).exists():
        time.sleep(0.001)
    try:
        members.update_member(workspace, int(member_id), raw, expected_version=form.version)
    except ChangedMeanwhile as refused:
        sys.stderr.write(refused.message)
        sys.exit(3)
    finally:
        workspace.close()
    """
)


def test_two_member_forms_saved_together_keep_one_and_refuse_the_other(workspace, members, tmp_path):
    """township.md TP4 phase 3: before row versions the last form saved silently won."""
    for member_id in members[:ROUNDS]:
        before = get_member(workspace, member_id)
        results = _released_together(
            tmp_path,
            [str(workspace.folder), str(member_id), "phone", "13900001111"],
            [str(workspace.folder), str(member_id), "address", "东街3号"],
            script=_TWO_FORMS,
        )
        codes = sorted(r.returncode for r in results)
        assert codes == [0, 3], [(r.returncode, r.stderr) for r in results]
        refused = next(r for r in results if r.returncode == 3)
        assert refused.stderr.startswith("这条记录刚被别人改过"), refused.stderr
        winner = results.index(next(r for r in results if r.returncode == 0))
        stored = get_member(workspace, member_id)
        assert stored.version == before.version + 1
        if winner == 0:
            assert (stored.data.phone, stored.data.address) == ("13900001111", before.data.address)
        else:
            assert (stored.data.phone, stored.data.address) == (before.data.phone, "东街3号")
