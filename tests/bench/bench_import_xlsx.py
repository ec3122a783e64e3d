"""Benchmark: importing a 100,000-row Excel workbook, against the fastest the parts can go, all measured
in this run: python-calamine's own iteration of the same file plus raw sqlite3 executemany of the same rows.

    .venv/bin/python tests/bench/bench_import_xlsx.py [--forms 100000]

The floor is what no import can beat: reading every cell of the workbook with the reader itself, and
inserting exactly the rows our import wrote (customers, vehicles, repair orders, forms, events) with
sqlite3's executemany in one transaction. The import's time includes reading, placing the Chinese
headers, converting Excel's dates, checking every row, and storing them all or nothing.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.models.store import STORE_FILE  # noqa: E402
from app.services.demo.sample_data import demo_forms  # noqa: E402
from app.services.imports.feedback_store import import_feedback_file  # noqa: E402
from tests.bench.bench_import import TABLES, raw_insert, twin_stores  # noqa: E402
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
    n = ap.parse_args().forms
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "去年的意见反馈表.xlsx"
        t0 = time.perf_counter()
        write(src, n)
        print(f"(wrote the workbook in {time.perf_counter() - t0:.1f} s, {src.stat().st_size / 2**20:.1f} MB)")

        store, raw_db = twin_stores(tmp)
        read_s, read_rows = calamine_iteration(src)
        t0 = time.perf_counter()
        result = import_feedback_file(store, src)
        ours = time.perf_counter() - t0
        store.close()
        assert result.imported == n and read_rows == n + 1, (result, read_rows)

        con = sqlite3.connect(tmp / "ours" / STORE_FILE)
        rows_by_table = {}
        for table in TABLES:
            cur = con.execute(f"SELECT * FROM {table}")
            rows_by_table[table] = ([d[0] for d in cur.description], cur.fetchall())
        users = con.execute("SELECT * FROM app_user").fetchall()
        con.close()
        c = sqlite3.connect(raw_db)  # advisors the import created, given to the raw run untimed
        c.executemany(f"INSERT INTO app_user VALUES ({','.join('?' * len(users[0]))})", users)
        c.commit()
        c.close()
        raw = raw_insert(rows_by_table, raw_db)

    floor = read_s + raw
    print(f"forms: {n:,}")
    print(f"recovery-desk feedback import of the workbook (read + place + check + store): {ours:6.2f} s")
    print(f"python-calamine iterating the same workbook:                                  {read_s:6.2f} s")
    print(f"raw sqlite3 executemany of the same rows, same schema:                        {raw:6.2f} s")
    print(f"floor (calamine iteration + raw executemany):                                 {floor:6.2f} s")
    print(f"floor / import: {floor / ours:.2f}   (aim: >= 0.50)")


if __name__ == "__main__":
    main()
