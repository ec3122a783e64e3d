"""A refused change names its rows as the desk names them, never by a table's name (table-driven): at
head office (its import's lines, `hq refusals`) and at the counter (Sync problems), in English and Chinese,
refusals stored before this wording included, as their parameters hold the table's name."""

from __future__ import annotations

import json

import pytest

from app.foundation.translation import Words
from app.hq import importer, ownership
from app.models import record_limits
from app.sync import problems
from app.sync.tables import refusal_words

ZH = Words("zh_CN")

# (text, its parameters as head office keeps and sends them, English, Chinese)
REFUSALS = [
    (ownership.STORED_OTHER, {"table": "feedback_form", "id": "F-1", "where": "SH02"},
     "A feedback form F-1 is stored at head office for another dealer (SH02). A counter can't change another "
     "dealer's data.",
     "反馈表 F-1 在总部属于另一家经销商（SH02）。柜台不能修改其他经销商的数据。"),
    (ownership.REFERS_OTHER, {"table": "remedy", "id": "R-1", "target": "failure_case", "target_id": "C-1",
                              "column": "case_id"},
     "A remedy R-1 points at a case C-1 (case_id), which belongs to another dealer or was refused.",
     "补救措施 R-1 指向案例 C-1（case_id），该记录属于另一家经销商或已被拒收。"),
    (ownership.PAYLOAD_OTHER, {"table": "failure_case", "id": "C-1", "target": "customer", "target_id": "U-1"},
     "A case C-1: a change names a customer U-1, which belongs to another dealer. A counter's changes name only "
     "its own dealer's data.",
     "案例 C-1：该变更引用了属于其他经销商的客户 U-1。前台的变更只能引用本经销商的数据。"),
    (record_limits.RECORD_TOO_LONG, {"table": "vehicle", "id": "V-1", "column": "plate", "length": "32",
                                     "limit": "16"},
     "A vehicle V-1: plate is 32 characters long, more than the 16 allowed. Correct it at the counter; it is "
     "sent again with the correction.",
     "车辆 V-1：plate 长 32 个字符，超过允许的 16 个。请在柜台更正，更正后会随之重新发送。"),
    (ownership.HISTORY_OTHER, {"table": "failure_case", "id": "C-2"},
     "The history of a case C-2 at head office belongs to another dealer. A counter can't add to it.",
     "案例 C-2 在总部的历史记录属于另一家经销商，柜台不能在其上追加。"),
    (ownership.STORED_OTHER, {"table": "mystery", "id": "X-1", "where": "SH02"},  # a table this program lacks
     "A record X-1 is stored at head office for another dealer (SH02). A counter can't change another "
     "dealer's data.",
     "记录 X-1 在总部属于另一家经销商（SH02）。柜台不能修改其他经销商的数据。"),
]


@pytest.mark.parametrize("text, params, en, zh", REFUSALS, ids=[r[1]["table"] for r in REFUSALS])
def test_a_refusal_names_its_rows_in_the_readers_words(text, params, en, zh):
    assert refusal_words(text, params) == en
    assert refusal_words(text, params, ZH) == zh
    # Head office: the refusal it records and shows in its import's lines.
    refusal = ownership.Refusal("", "", params["table"], params["id"], "code", text, params)
    assert refusal.render() == en and refusal.render(ZH) == zh
    if text != ownership.HISTORY_OTHER:  # its words begin with the row: the line is the refusal alone
        assert importer._refusal_line(refusal, None) == en and importer._refusal_line(refusal, ZH) == zh
    # The counter: head office's answer as Sync problems shows it, a refusal stored long ago included.
    kept = json.dumps({"code": "code", "text": text, "params": params})
    assert problems.render_reason(kept) == en and problems.render_reason(kept, ZH) == zh


def test_a_line_names_the_row_once_and_first():
    """A refusal whose words begin elsewhere is led by its row, said the same way."""
    history = ownership.Refusal("case", "C-2", "failure_case", "C-2", "foreign_history", ownership.HISTORY_OTHER,
                                {"table": "failure_case", "id": "C-2"})
    assert importer._refusal_line(history, None) == (
        "A case C-2: The history of a case C-2 at head office belongs to another dealer. A counter can't add to it.")
    assert importer._refusal_line(history, ZH) == "案例 C-2 在总部的历史记录属于另一家经销商，柜台不能在其上追加。"


def test_a_reason_naming_no_table_is_left_as_it_is():
    kept = json.dumps({"code": "x", "text": "value {n} (the file's {where})", "params": {"n": "1", "where": "events"}})
    assert problems.render_reason(kept) == "value 1 (the file's events)"  # no capital forced on, nothing replaced
    empty = json.dumps({"code": "x", "text": "value {table}", "params": {"table": ""}})
    assert problems.render_reason(empty) == "value "
