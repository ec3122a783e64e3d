"""Screenshots of Feedback forms > Import in one language: the column mapping for a file with headers the
desk doesn't know, and the preview of a workbook with one bad row (its line and column named).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python packaging/screenshots_import.py zh_CN docs/screenshots
"""

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtTest import QTest  # noqa: E402

from app.models.store import open_store  # noqa: E402
from app.services.people import users  # noqa: E402
from app.ui.common.i18n import apply_language  # noqa: E402
from app.ui.common.ops import Ops  # noqa: E402
from app.ui.common.qt_app import create_app  # noqa: E402
from app.ui.feedback.import_dialog import FeedbackImportDialog  # noqa: E402
from tests.workbooks import CHINESE_HEADER, form_row, write_workbook  # noqa: E402

CUSTOMERS = ["王芳", "李雷", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"]
ADVISORS = ["张伟", "李娜", "王强"]


def rows(n: int, bad_at: int | None = None):
    out = []
    for i in range(n):
        grades = "ABCDE"[i % 3] + "ABA"[i % 3] + "ABC"[i % 2]
        out.append(form_row(date(2025, 1 + i % 12, 1 + i % 28), f"RO25{i:05d}", grades,
                            customer=CUSTOMERS[i % len(CUSTOMERS)], phone=13800000000 + i * 7919,
                            plate=f"京A{10000 + i * 37 % 89999}", advisor=ADVISORS[i % 3],
                            overall=7 + i % 4, verified="是" if i % 4 else "否",
                            comment="换机油后仍有异响" if i % 9 == 4 else ""))
    if bad_at is not None:
        rows_bad = out[bad_at - 2]
        rows_bad[0] = "2025/13/05"  # line bad_at: a month that doesn't exist
        out[bad_at - 2 + 3][7] = "F"  # and a grade that isn't one, three lines further
    return out


def main(lang: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    create_app()
    apply_language(lang)
    tmp = Path(tempfile.mkdtemp())
    store = open_store(tmp / "counter")
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    ops = Ops(inline=True)

    def snap(widget, name):
        QTest.qWait(200)
        widget.grab().save(str(out / f"{name}-{lang}.png"))
        print(out / f"{name}-{lang}.png")

    header = ["到店日期", *CHINESE_HEADER[1:3], "手机号码", *CHINESE_HEADER[4:]]
    other = write_workbook(tmp / "dms-export-2025.xlsx", header, rows(40))
    d = FeedbackImportDialog(store, ops, admin)
    d.show()
    d.path.setText(str(other))
    d.on_read_clicked()
    snap(d, "import-mapping")
    d.close()

    book = write_workbook(tmp / "last-year.xlsx", CHINESE_HEADER, rows(1200, bad_at=6))
    d = FeedbackImportDialog(store, ops, admin)
    d.show()
    d.path.setText(str(book))
    d.on_read_clicked()
    snap(d, "import-preview")
    d.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
