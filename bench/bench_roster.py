"""Roster benchmarks (issue 3): a 60,000-member database, then the times a secretary feels.

Run by hand: ``.venv/bin/python bench/bench_roster.py`` (offscreen; takes about a minute).
Each figure is printed beside its target. Timings are medians; the machine may be shared, so run twice.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from openpyxl import Workbook  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import dangjian_command, user_environment, window_program_command  # noqa: E402
from sample_data import member_rows  # noqa: E402

from dangjian_desktop.domain.members import validate_member  # noqa: E402
from dangjian_desktop.services.branch import BranchProfile, save_profile  # noqa: E402
from dangjian_desktop.services.members import save_many  # noqa: E402
from dangjian_desktop.services.members.roster_import import commit_import, read_roster_file  # noqa: E402
from dangjian_desktop.services.workspace import open_workspace  # noqa: E402

RESULTS: list[tuple[str, float, float | None]] = []


def report(what: str, seconds: float, target: float | None = None) -> None:
    RESULTS.append((what, seconds, target))
    verdict = "" if target is None else ("  ok" if seconds < target else "  OVER TARGET")
    goal = "" if target is None else f"  (target < {target:g} s)"
    print(f"{what:<58} {seconds:8.3f} s{goal}{verdict}", flush=True)


def median_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def new_workspace(folder: Path):  # type: ignore[no-untyped-def]
    workspace = open_workspace(folder, daily_backup=False)
    save_profile(workspace, BranchProfile(name="中共前进村支部委员会", supervision_phone="053112345678"))
    return workspace


def write_sheet(path: Path, rows: list[dict[str, object]]) -> None:
    headers = [
        ("姓名", "name"),
        ("性别", None),
        ("公民身份号码", "id_number"),
        ("人员类别", "category"),
        ("入党日期", "joined_date"),
        ("转正日期", "full_member_date"),
        ("党小组", "party_group"),
        ("职务", "office"),
        ("党费类别", "dues_category"),
        ("学历", "education"),
        ("联系电话", "phone"),
        ("家庭住址", "address"),
        ("是否流动党员", "flowing"),
        ("外出地点", "away_place"),
    ]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(["中共前进村支部委员会党员花名册"])
    sheet.append([title for title, _key in headers])
    for row in rows:
        sheet.append([row.get(key, "") if key else "" for _title, key in headers])
    book.save(path)


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="dangjian-bench-"))
    try:
        print(f"data in {root}")
        big = root / "big"
        workspace = new_workspace(big)
        raw = member_rows(60_000, seed=7)
        start = time.perf_counter()
        members = [validate_member(r) for r in raw]
        save_many(workspace, members, source="bench")
        report("build the 60,000-member database (validate + write)", time.perf_counter() - start)

        sheet = root / "import-10000.xlsx"
        write_sheet(sheet, member_rows(10_000, seed=11))

        # --- inside the running program ------------------------------------------------------------
        from PySide6.QtGui import QFont, QFontDatabase
        from PySide6.QtWidgets import QApplication

        from dangjian_desktop.paths import resource_path
        from dangjian_desktop.ui.members.page import RosterPage

        app = QApplication.instance() or QApplication([])
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "NotoSansSC-Regular.ttf")))
        app.setFont(QFont(QFontDatabase.applicationFontFamilies(font_id)[0], 12))

        def open_page() -> RosterPage:
            page = RosterPage(workspace)
            page.resize(1366, 700)
            page.show()
            page.reload() if page.model.rowCount() == 0 else None
            app.processEvents()
            page.grab()  # forces a full paint of what the secretary sees
            assert page.model.rowCount() == 60_000, page.model.rowCount()
            return page

        pages: list[RosterPage] = []
        report(
            "roster page open with 60,000 members (read + model + paint)",
            median_of(5, lambda: pages.append(open_page())),
            0.5,
        )
        page = pages[-1]

        def type_query(text: str) -> None:
            page.search_box.setText(text)
            app.processEvents()
            page.repaint()

        def keystroke(query: str) -> float:
            times = []
            for _ in range(7):
                type_query("")  # untimed: each timed keystroke really changes the search
                start = time.perf_counter()
                type_query(query)
                times.append(time.perf_counter() - start)
            return statistics.median(times)

        for query in ("z", "zs", "张", "9973", "wang"):
            report(f"search keystroke '{query}' (filter + repaint)", keystroke(query), 0.05)
        type_query("")
        for p in pages:
            p.close()

        fresh = new_workspace(root / "fresh")
        start = time.perf_counter()
        preview = read_roster_file(sheet, workspace=fresh)
        commit_import(fresh, preview)
        report("import 10,000 rows into an empty roster, in the program", time.perf_counter() - start, 1.5)
        assert len(preview.good) == 10_000, preview.problems[:3]

        start = time.perf_counter()
        preview = read_roster_file(sheet, workspace=workspace)
        summary = commit_import(workspace, preview)
        report("import 10,000 rows into the 60,000 roster, in the program", time.perf_counter() - start, 1.5)
        workspace.close()
        fresh.close()

        # --- whole processes -----------------------------------------------------------------------
        cli_folder = root / "cli"
        cli_env = user_environment()
        subprocess.run(
            [*dangjian_command(), "--data-dir", cli_folder, "init", "--branch", "中共前进村支部委员会"],
            check=True,
            capture_output=True,
            env=cli_env,
        )

        def cli_import() -> None:
            shutil.rmtree(cli_folder / "backups", ignore_errors=True)
            subprocess.run(
                [*dangjian_command(), "--data-dir", cli_folder, "members", "import", sheet],
                check=True,
                capture_output=True,
                env=cli_env,
            )

        start = time.perf_counter()
        cli_import()
        report("'dangjian members import' of 10,000 rows, whole process", time.perf_counter() - start, 3.0)

        soffice = shutil.which("soffice")
        if soffice:
            out = root / "lo"

            def convert() -> None:
                subprocess.run(
                    [soffice, "--headless", "--convert-to", "csv", "--outdir", out, sheet],
                    check=True,
                    capture_output=True,
                )

            convert()  # LibreOffice's first start sets up its profile
            report("(reference) LibreOffice converting the sheet to CSV", median_of(3, convert))

        env = user_environment(QT_QPA_PLATFORM="offscreen")

        def cold_start() -> None:
            subprocess.run(
                [*window_program_command(), "--smoke-test", "--data-dir", big],
                check=True,
                capture_output=True,
                env=env,
            )

        cold_start()
        report("cold start to a painted main window, 60,000 members", median_of(3, cold_start), 1.2)
        print(f"(import summary into the big roster: {summary})")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    over = [what for what, seconds, target in RESULTS if target is not None and seconds >= target]
    print("all targets met" if not over else f"over target: {', '.join(over)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
