"""The file `feedback import` and `orders import` name is read the same way: no such file is refused
(exit 2, no store opened) and the file's columns the import leaves out are named on stderr."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.models import FeedbackForm, RepairOrder
from tests.helpers import HEADER as FORMS_HEADER, csv_file, form_line

ORDERS_HEADER = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type"
FILES = {  # the command, and a good file of its kind with one column more: (header, row)
    "feedback": (FORMS_HEADER, form_line("2026-11-03", "RO-1")),
    "orders": (ORDERS_HEADER, "RO-1,2026-11-02 09:10,2026-11-02 17:00,2026-11-02 16:40,李娜,王芳,13812345678,京A12345,保养"),
}
STORED = {"feedback": FeedbackForm, "orders": RepairOrder}


@pytest.mark.parametrize("command", FILES)
def test_no_such_file_is_refused_before_a_store_opens(tmp_path, capsys, monkeypatch, command):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), command, "import", str(tmp_path / "nope.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not data.exists()


@pytest.mark.parametrize("command", FILES)
def test_the_columns_left_out_are_named(store, data_dir, tmp_path, capsys, monkeypatch, command):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    header, row = FILES[command]
    f = csv_file(tmp_path / "extra.csv", [row + ",朗逸"], header=header + ",车型")
    assert main(["--data-dir", str(data_dir), command, "import", str(f)]) == 0
    assert "extra.csv: columns not imported: 车型" in capsys.readouterr().err
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(STORED[command])) == 1
