"""Benchmark: importing a 100,000-row Excel workbook, against the fastest the parts can go, all measured
in this run: python-calamine's own iteration of the same file plus raw sqlite3 executemany of the same rows.

    .venv/bin/python tests/bench/bench_import_xlsx.py [--forms 100000] [--runs 3]

The floor the aim is set against is the CSV import's: inserting exactly the rows our import wrote
(customers, vehicles, repair orders, forms, events) with sqlite3's executemany in one transaction. A
second figure adds reading every cell of the workbook with the reader itself (python-calamine) to the
floor: what no workbook import can beat. The import's time includes reading, placing the Chinese
headers, converting Excel's dates, checking every row, and storing them all or nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.services.demo.sample_data import demo_forms  # noqa: E402
from tests.bench.bench_import import import_against_raw, spread  # noqa: E402
from tests.bench.figures import figure  # noqa: E402
from tests.workbooks import CHINESE_HEADER, form_row, write_workbook  # noqa: E402


def write(path: Path, n: int) -> None:
    rows = demo_forms(n, today=date(2026, 11, 1), seed=11)
    write_workbook(path, CHINESE_HEADER, (
        form_row(r.service_date, r.repair_order, r.timeliness + r.repair_quality + r.attitude, customer=r.customer,
                 phone=r.phone, plate=r.plate, advisor=r.advisor, overall=r.overall or "",
                 verified="是" if r.verification == "verified" else "否", comment=r.comment) for r in rows))


def calamine_iteration(path: Path) -> tuple[float, int]:
    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    n = sum(1 for _row in sheet.iter_rows())
    return time.perf_counter() - t0, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=1, help="imports, each followed by its raw insert (a noisy "
                    "machine: the median of several pairs)")
    args = ap.parse_args()
    n = args.forms
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "去年的意见反馈表.xlsx"
        t0 = time.perf_counter()
        write(src, n)
        print(f"(wrote the workbook in {time.perf_counter() - t0:.1f} s, {src.stat().st_size / 2**20:.1f} MB)")
        runs = []
        for run in range(args.runs):
            read_s, read_rows = calamine_iteration(src)
            assert read_rows == n + 1, read_rows
            ours, raw, _rows = import_against_raw(src, tmp / f"run{run}", n)
            runs.append((ours, raw, read_s))
            print(f"run {run + 1}: import {ours:.2f} s, raw {raw:.2f} s, calamine {read_s:.2f} s; raw / import "
                  f"{raw / ours:.2f}, (calamine + raw) / import {(read_s + raw) / ours:.2f}")

    ours, raw, read_s = (statistics.median(r[i] for r in runs) for i in range(3))
    floor = read_s + raw
    print(f"forms: {n:,}; {args.runs} run(s), medians")
    print(f"recovery-desk feedback import of the workbook (read + place + check + store): {ours:6.2f} s")
    print(f"python-calamine iterating the same workbook:                                  {read_s:6.2f} s")
    print(f"raw sqlite3 executemany of the same rows, same schema:                        {raw:6.2f} s")
    print(f"floor (calamine iteration + raw executemany):                                 {floor:6.2f} s")
    print(f"raw / import: {statistics.median(r / o for o, r, _ in runs):.2f}   (aim: >= 0.50, the same floor as the "
          f"CSV import's; runs: {spread([r / o for o, r, _ in runs])})")
    print(f"floor / import: {statistics.median((c + r) / o for o, r, c in runs):.2f}   (reading the workbook counted "
          f"in the floor too)")
    figure(f"Excel import, {n:,} forms", round(ours, 3), "s", round(raw, 3), "raw executemany of the same rows",
           "<= 2.0 (raw / import >= 0.5)")
    figure(f"Excel import, {n:,} forms, against reading and inserting", round(ours, 3), "s", round(floor, 3),
           "calamine reading the workbook + raw executemany")


if __name__ == "__main__":
    main()
