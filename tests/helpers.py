"""Small builders shared by tests."""

from __future__ import annotations

from pathlib import Path

HEADER = "date,repair_order,advisor,customer,phone,plate,timeliness,repair_quality,attitude,overall,verified,comment"


def csv_file(path: Path, rows: list[str], *, header: str = HEADER, bom: bool = False) -> Path:
    text = "\n".join([header, *rows]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def form_line(day: str, ro: str, grades: str = "AAC", *, advisor: str = "张伟", customer: str = "王芳",
              phone: str = "13812345678", plate: str = "京A12345", overall: str = "", verified: str = "",
              comment: str = "") -> str:
    t, q, a = grades
    return f"{day},{ro},{advisor},{customer},{phone},{plate},{t},{q},{a},{overall},{verified},{comment}"


def worked_example_rows() -> list[str]:
    """DOMAIN.md: May, 10 jobs, total 40 -> 4.0; April's average 3.5."""
    may = [form_line(f"2026-05-{d:02d}", f"RO-05-{d:02d}", "AAC") for d in range(1, 11)]  # 10 x 4 = 40
    april = [form_line("2026-04-10", "RO-04-01", "AAC"), form_line("2026-04-11", "RO-04-02", "ABC")]  # (4+3)/2
    return april + may
