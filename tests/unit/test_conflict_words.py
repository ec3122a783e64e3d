"""A conflict described for a supervisor: each kind of field in both languages, no raw keys."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from app.sync.conflicts import ConflictFacts, FieldChange, Side, comparison, lines, summary
from app.foundation.translation import Words

EN, ZH = Words("en"), Words("zh_CN")
AT = datetime(2026, 11, 30, 5, 1, tzinfo=timezone.utc)
LOCAL = AT.astimezone().strftime("%Y-%m-%d %H:%M")


_CLOSED = Side("case.closed", "张伟", "counter", "前台1", AT)


def facts(*changes: FieldChange, applied: Side | None = _CLOSED, other: Side | None = None) -> ConflictFacts:
    return ConflictFacts("c1", "BJ01", "case", "0193-x", "BJ01-2611-3Q-0042", "王**", 2, AT, applied,
                         other or Side("case.escalated", "", "head_office", "", AT), changes, {"u1": "李娜"})


# (field change, English applied/kept aside, Chinese applied/kept aside)
CASES = [
    (FieldChange("status", "closed", "escalated"), ("Closed", "Escalated"), ("已关闭", "已升级")),
    (FieldChange("severity", "minor", "severe"), ("Minor", "Severe"), ("轻微", "非常严重")),
    (FieldChange("cause_group", "system", "employee"), ("Service system", "Employee error"), None),
    (FieldChange("root_cause", "代步车流程没有专人跟进", ""), ("\u201c代步车流程没有专人跟进\u201d", "(empty)"),
     ("\u201c代步车流程没有专人跟进\u201d", "（空）")),
    (FieldChange("recovered", True, False), ("Yes", "No"), ("是", "否")),
    (FieldChange("closed_at", AT, None), (LOCAL, "(empty)"), (LOCAL, "（空）")),
    (FieldChange("assignee_id", "u1", "u9"), ("李娜", "someone not known here"), ("李娜", "此处未知的人员")),
    (FieldChange("overall", 9, 4), ("9", "4"), ("9", "4")),
    (FieldChange("timeliness", "A", "E"), ("A (very satisfied)", "E (very dissatisfied)"), None),
]
TITLES = {"status": ("Status", "状态"), "severity": ("Severity", "严重程度"), "cause_group": ("Cause", "原因"),
          "root_cause": ("Root cause", "根本原因"), "recovered": ("Recovered", "是否挽回"),
          "closed_at": ("Closed", "结案时间"), "assignee_id": ("Assigned to", "负责人"),
          "overall": ("Overall score", "总体评分"), "timeliness": ("Timeliness", "服务及时性")}


@pytest.mark.parametrize("change,en,zh", CASES, ids=[c[0].field for c in CASES])
def test_each_field_kind_reads_in_both_languages(change, en, zh):
    for words, want, lang in ((EN, en, 0), (ZH, zh, 1)):
        rows = comparison(facts(change), words)
        label, applied, other = rows[-1]
        assert label == TITLES[change.field][lang]
        if want is not None:
            assert (applied, other) == want
        assert change.field not in "".join(rows[-1])  # never the raw key
        if lang == 1:  # the Chinese view is Chinese: no English words but the vocab's grade letters
            assert not any(w in applied + other + label for w in ("Closed", "Minor", "Yes", "empty", "someone"))


def test_who_where_when_of_both_sides():
    f = facts(FieldChange("status", "closed", "escalated"))
    assert comparison(f, EN)[:4] == [("Change", "Closed the case", "Escalated the case"),
                                     ("Made by", "张伟", "no one recorded"),
                                     ("Where", "counter 前台1", "head office"),
                                     ("When", LOCAL, LOCAL)]
    assert comparison(f, ZH)[:4] == [("变更", "结案", "升级案例"), ("操作人", "张伟", "未记录操作人"),
                                     ("地点", "柜台 前台1", "总部"), ("时间", LOCAL, LOCAL)]
    assert summary(f, EN) == ("Case BJ01-2611-3Q-0042, dealer BJ01, customer 王**: "
                              "Status: applied Closed, kept aside Escalated")
    assert summary(f, ZH) == "案例 BJ01-2611-3Q-0042，经销商 BJ01，客户 王**：状态：已采用 已关闭，另存 已升级"
    assert lines(f, EN)[1] == f"  Applied:    Closed the case \u2014 张伟, counter 前台1, {LOCAL}"
    assert lines(f, ZH)[2] == f"  另存：升级案例 \u2014 未记录操作人，总部，{LOCAL}"


def test_a_change_built_on_one_kept_aside_and_one_without_fields():
    f = facts(applied=None, other=Side("recovery.step", "李娜", "this_counter", "", AT))
    assert f.applied is None
    assert lines(f, EN)[1:] == ["  Applied:    (built on another change kept aside)",
                                f"  Kept aside: Recorded a script step \u2014 李娜, this counter, {LOCAL}",
                                "  No field of the record differs."]
    assert summary(f, ZH).endswith("已采用：-；另存：记录话术步骤")
    stranger = facts(other=Side("case.closed", None, "counter", "", AT))
    assert comparison(stranger, EN)[1] == ("Made by", "张伟", "someone not known here")
    assert comparison(stranger, ZH)[2] == ("地点", "柜台 前台1", "另一台柜台")


@pytest.mark.parametrize("kind,payload,named", [
    # A decision's note, an escalation's reason, a step's text, a callback's words: each is the change's note.
    ("remedy.refused", {"remedy_id": "r", "note": "over budget"}, {"note": "over budget"}),
    ("case.escalated", {"reason": "customer threatens to post online"}, {"note": "customer threatens to post online"}),
    ("callback.reached", {"rating": 9, "words": "fine now"}, {"note": "fine now"}),
    # A script step's kind is not a remedy's kind: not shown under "Remedy".
    ("recovery.step", {"index": 0, "kind": "apologise", "outcome": "done", "text": "said sorry"},
     {"note": "said sorry"}),
    ("remedy.proposed", {"kind": "voucher", "amount": 200}, {"kind": "voucher", "amount": 200}),
    ("case.updated", {"root_cause": "x"}, {"root_cause": "x"}),
])
def test_what_a_change_set_includes_its_note(kind, payload, named):
    from app.sync.conflicts import _fields_of_event

    assert _fields_of_event(kind, payload) == named


def test_the_two_notes_side_by_side_in_both_languages():
    rows = comparison(facts(FieldChange("note", "customer agreed", "customer refused")), Words("en"))
    assert rows[-1] == ("Note", "\u201ccustomer agreed\u201d", "\u201ccustomer refused\u201d")
    assert comparison(facts(FieldChange("note", "a", "b")), Words("zh_CN"))[-1][0] == "备注"
