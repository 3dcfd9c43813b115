"""Roster import of big and odd sheets (issue 16, reliability.md D4): peak memory of the whole process.

Run by hand: ``.venv/bin/python bench/bench_import_memory.py`` (takes several minutes: it writes a
200,000-row workbook). Each case is ``dangjian members import FILE --dry-run`` in a process of its own;
the peak resident memory (RSS) is that process's. Target: under 500 MB for any sheet up to 200,000 rows;
a sheet with something far away (XFD1048576) is refused with a sentence, quickly and without the grid.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_roster import write_sheet  # noqa: E402
from processes import dangjian_command, user_environment  # noqa: E402
from sample_data import member_rows  # noqa: E402

TARGET_MB = 500
# Runs the command as a child and prints the child's peak RSS in KB (Linux ru_maxrss is in KB).
_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "print(done.stdout[-300:] + done.stderr[-300:])\n"
)


def measure(what: str, data: Path, sheet: Path) -> None:
    command = [*dangjian_command(), "--data-dir", str(data), "members", "import", str(sheet), "--dry-run"]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, env=user_environment()
    )
    seconds = time.perf_counter() - start
    first, _newline, said = done.stdout.partition("\n")
    code, peak_kb = (int(part) for part in first.split())
    peak_mb = peak_kb / 1024
    verdict = "ok" if peak_mb < TARGET_MB else "OVER TARGET"
    last_line = said.strip().splitlines()[-1] if said.strip() else ""
    print(f"{what:<44} exit {code}  {seconds:7.1f} s  {peak_mb:7.0f} MB  {verdict}", flush=True)
    print(f"    {last_line[:150]}", flush=True)


def small_sheet_with_far_cell(path: Path, cell: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "公民身份号码"])
    sheet.append(["张建国", "370102197001010010"])
    sheet[cell] = "x"
    book.save(path)


def wide_sheet(path: Path, rows: list[dict[str, object]], columns: int) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    extra = [f"备注{n}" for n in range(columns - 2)]
    sheet.append(["姓名", "公民身份号码", *extra])
    for row in rows:
        sheet.append([row["name"], row["id_number"], *(["有"] * len(extra))])
    book.save(path)


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="dangjian-import-bench-"))
    print(f"data in {root}")
    data = root / "data"
    subprocess.run(
        [*dangjian_command(), "--data-dir", str(data), "init", "--branch", "前进村党支部"], check=True
    )
    for cell in ("XFD1048576", "A1048576", "ZZ100000", "AZ1048576"):
        path = root / f"far-{cell}.xlsx"
        small_sheet_with_far_cell(path, cell)
        measure(f"2 rows and a value in {cell}", data, path)

    rows = member_rows(200_000)
    big = root / "200k.xlsx"
    start = time.perf_counter()
    write_sheet(big, rows)
    print(f"(wrote {big.name}, {big.stat().st_size / 1e6:.1f} MB, in {time.perf_counter() - start:.0f} s)")
    measure("200,000 rows × 14 columns (.xlsx)", data, big)
    with (root / "200k.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "公民身份号码", "入党日期", "联系电话", "家庭住址"])
        for row in rows:
            writer.writerow([row["name"], row["id_number"], row["joined_date"], row["phone"], row["address"]])
    measure("200,000 rows × 5 columns (.csv)", data, root / "200k.csv")
    for columns in (17, 18):  # 3,500,000 cells is the most a sheet may hold (200,001 rows × 17 fit)
        wide = root / f"200k-{columns}.xlsx"
        wide_sheet(wide, rows, columns)
        measure(f"200,000 rows × {columns} columns (.xlsx)", data, wide)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
