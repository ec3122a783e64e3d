"""Root causes grouped across dealers: the key of a text, which texts join, and the rising groups read
from the cases closed in the two months compared (and only those)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.foundation import clock
from app.foundation.ids import new_id
from app.hq.network_cases import NetworkCaseFilter, count_cases
from app.models import Customer, Dealer, FailureCase
from app.rules.root_causes import group, key
from app.services.assessment import previous
from app.services.network.root_causes import month_window, rising_root_causes


@pytest.mark.parametrize("text,expected", [
    ("配件未到货", "配件未到货"),
    ("  配件未到货。 ", "配件未到货"),  # trimmed whitespace and a full stop
    ("配件 未到货！", "配件未到货"),  # a space inside and full-width punctuation
    ("ＡＢＳ传感器", "abs传感器"),  # full-width letters become half-width, then case-folded
    ("ABS 传感器", "abs传感器"),
    ("Parts arrived LATE...", "partsarrivedlate"),
    ("advisor\u200bforgot", "advisorforgot"),  # a zero-width space is no character
    ("Straße", "strasse"),  # case folding, not lower-casing
    ("。。！", ""),  # punctuation only: no cause
    ("", ""),
])
def test_the_key_of_a_text(text, expected):
    assert key(text) == expected


@pytest.mark.parametrize("texts,groups", [
    # written alike: one group whatever the width, case, spaces and punctuation
    (["配件未到货", "配件未到货。", " 配件 未到货 ", "配件未到货！"], [["配件未到货", "配件未到货。", " 配件 未到货 ", "配件未到货！"]]),
    (["ABS传感器故障", "ａｂｓ传感器故障", "Abs 传感器 故障"], [["ABS传感器故障", "ａｂｓ传感器故障", "Abs 传感器 故障"]]),
    # one slip in a long enough text: a character dropped, added, changed, two swapped
    (["parts arrived late", "parts arived late"], [["parts arrived late", "parts arived late"]]),
    (["advisor forgot to call", "advisor forgot to call back"], [["advisor forgot to call"],
                                                                 ["advisor forgot to call back"]]),
    (["服务顾问未及时回电", "服务顾问未及时回电话"], [["服务顾问未及时回电", "服务顾问未及时回电话"]]),
    (["服务顾问没有及时回电", "服务顾问没有及使回电"], [["服务顾问没有及时回电", "服务顾问没有及使回电"]]),
    (["wheel alignment", "wheel alignmnet"], [["wheel alignment", "wheel alignmnet"]]),
    # short texts join only when equal: one character is a different cause
    (["漏油", "漏水"], [["漏油"], ["漏水"]]),
    (["配件未到货", "配件未到"], [["配件未到货"], ["配件未到"]]),
    # a negation or a digit is a difference in meaning, never a slip
    (["客户未接到电话通知", "客户已接到电话通知"], [["客户未接到电话通知"], ["客户已接到电话通知"]]),
    (["等待配件超过3天", "等待配件超过5天"], [["等待配件超过3天"], ["等待配件超过5天"]]),
    (["等待配件超过3天", "等待配件超过天"], [["等待配件超过3天"], ["等待配件超过天"]]),  # a digit dropped
    (["cause 1234", "cause 1235", "cause 12345", "cause 124", "cause 2134"],
     [["cause 1234"], ["cause 1235"], ["cause 12345"], ["cause 124"], ["cause 2134"]]),
    # ... while a slip in the words around the digits is still a slip
    (["cause 1234", "cuase 1234", "caus 1234", "cause 1235"], [["cause 1234", "cuase 1234", "caus 1234"], ["cause 1235"]]),
    # joins chain: each next text one slip from the one before
    (["brake pads worn", "brake pad worn", "brake pad torn"], [["brake pads worn", "brake pad worn", "brake pad torn"]]),
    # nothing written: no group
    (["。", " ", ""], []),
])
def test_which_texts_join(texts, groups):
    got = sorted(sorted(g.texts) for g in group(texts))
    assert got == sorted(sorted(g) for g in groups)


def test_the_label_is_the_way_written_most_often():
    g, = group({"配件未到货": 5, "配件未到货。": 2, "配件 未到货": 1})
    assert g.label == "配件未到货"
    g, = group({" parts arrived late ": 3, "Parts arrived late": 1})
    assert g.label == "parts arrived late"  # trimmed


def _add(s, dealer_id, customer_id, text, closed_at, *, opened_days=3):
    s.add(FailureCase(id=new_id(), number=new_id()[:10], dealer_id=dealer_id, customer_id=customer_id,
                      channel="survey", failure_type="service", cause_group="employee", severity="normal",
                      status="closed" if closed_at else "open", opened_at=(closed_at or clock.now()) -
                      timedelta(days=opened_days), closed_at=closed_at, recovered=True if closed_at else None,
                      root_cause=text, updated_at=clock.now()))


def test_rising_root_causes_across_dealers_and_the_cases_behind_one(tmp_path, new_hq_db):
    db = new_hq_db(tmp_path / "hq.sqlite3")
    today = clock.today()
    month = f"{today.year:04d}-{today.month:02d}"
    before_first, first, after = month_window(month)
    earlier = date(*previous(*previous(today.year, today.month)), 1)
    now_at, last_at = first + timedelta(hours=10), before_first + timedelta(hours=10)
    ids = {}
    with db.session() as s, s.begin():
        for code in ("BJ01", "SH02", "GZ03"):
            ids[code] = new_id()
            s.add(Dealer(id=ids[code], code=code, name=code, created_at=clock.now()))
            s.flush()
            ids[code + "c"] = new_id()
            s.add(Customer(id=ids[code + "c"], dealer_id=ids[code], name="客户", phone="13900000000",
                           created_at=clock.now()))
        s.flush()
        c = lambda code: (ids[code], ids[code + "c"])  # noqa: E731
        # parts late: 1 last month at BJ01; this month 2 at BJ01 and 1 at SH02, written three ways
        _add(s, *c("BJ01"), "配件未到货", last_at)
        _add(s, *c("BJ01"), "配件未到货。", now_at)
        _add(s, *c("BJ01"), "配件未到货", now_at)
        _add(s, *c("SH02"), " 配件 未到货", now_at)
        # advisor forgot: 2 last month, 1 this month (falling)
        _add(s, *c("GZ03"), "advisor forgot to call back", last_at)
        _add(s, *c("SH02"), "Advisor forgot to call bakc", last_at)
        _add(s, *c("GZ03"), "advisor forgot to call back", now_at)
        # not read: closed before the two months, still open, or no cause written
        _add(s, *c("GZ03"), "配件未到货", datetime(earlier.year, earlier.month, 2, 12).astimezone())
        _add(s, *c("GZ03"), "配件未到货", None)
        _add(s, *c("GZ03"), "", now_at)
    rows = rising_root_causes(db, month)
    assert [(r.label, r.last_month, r.this_month, r.change) for r in rows] == [
        ("配件未到货", 1, 3, 2), ("advisor forgot to call back", 2, 1, -1)]
    parts = rows[0]
    assert parts.dealers_now == 2 and parts.cause_group == "employee"
    assert [(d.code, d.this_month, d.last_month) for d in parts.dealers] == [("BJ01", 2, 1), ("SH02", 1, 0)]
    assert sorted(parts.texts) == sorted(["配件未到货", "配件未到货。", " 配件 未到货"])
    # the drill-down: the cases closed this month with a text of the group, across dealers
    last = date.fromordinal(after.date().toordinal() - 1)
    assert count_cases(db, NetworkCaseFilter(closed_from=first.date(), closed_to=last,
                                             root_causes=parts.texts)) == 3
    assert rising_root_causes(db, "2001-01") == []
