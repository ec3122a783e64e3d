"""How a counter words a file pulled from head office that it refuses (table-driven): what a row of another
dealer is, in the reader's words, never a table's name; why a file is not a case file it reads, never an
exception's name; and a sentence put inside the message's brackets without a full stop of its own."""

from __future__ import annotations

import json
import logging

import pytest

from app.foundation.errors import fill
from app.foundation.ids import new_id
from app.foundation.translation import Words
from app.models import Customer, Dealer, utcnow
from app.sync import pulled_check
from app.sync.apply import MODELS
from app.sync.problems import list_problems, problem_text
from app.sync.tables import A_CHANGE, A_RECORD, NAMES, said


def refused(store, n: int, content):
    """The Sync problem of the pulled file ``n``, refused (the one problem listed)."""
    assert pulled_check.document(store, {"n": n, "content": content}) is None
    [p] = list_problems(store)
    return p


def in_chinese(extra: dict[str, str]):
    """The product's Chinese, and ``extra`` words the catalogue may not hold yet."""
    zh = Words("zh_CN")
    return lambda ctx, text: extra.get(text) or zh(ctx, text)


# --- 1. What the other dealer's row is: a thing the person at the counter knows ---------------------------

def test_every_synced_table_and_a_change_have_words():
    words = {name: said(name) for name in (*NAMES, *MODELS, "event")}
    assert A_RECORD not in words.values() and all(words.values())
    assert len(set(words.values()) - {A_CHANGE}) == len(NAMES)  # one words for each table, none shared
    assert said("app_user") == said("user") and said("mystery") == A_RECORD
    assert "what" in pulled_check.WORDED


# (name, what the file holds of another dealer, the words for it, their Chinese)
OTHERS = [
    ("event", lambda other: ([{"id": "E-1", "dealer_id": other}], {}), "a change", "变更"),
    ("feedback form", lambda other: ([], {"feedback_form": [{"id": "F-1", "dealer_id": other}]}),
     "a feedback form", "反馈表"),
    ("case", lambda other: ([], {"failure_case": [{"id": "F-1", "dealer_id": other}]}), "a case", "案例"),
    ("person", lambda other: ([], {"user": [{"id": "F-1", "dealer_id": other}]}), "a person", "人员"),
    ("verification call", lambda other: ([], {"verification_call": [{"id": "F-1", "dealer_id": other}]}),
     "a verification call", "核实回访"),
    ("unknown table", lambda other: ([], {"mystery": [{"id": "F-1", "dealer_id": other}]}), "a record", "记录"),
]


@pytest.mark.parametrize("name, build, en, zh", OTHERS, ids=[o[0] for o in OTHERS])
def test_a_row_of_another_dealer_is_named_in_the_readers_words(store, name, build, en, zh):
    home = store.identity.home_dealer_id
    events, records = build(new_id())
    content = json.dumps({"dealer": {"id": home}, "events": events, "records": records})
    p = refused(store, 7, content)
    rid = "E-1" if name == "event" else "F-1"
    assert problem_text(p, Words("en")) == (f"A file from head office (number 7) names {en} {rid} of another "
                                            "dealer; nothing of it was applied.")
    kept = json.loads(p.detail)
    assert kept["params"]["what"] == en and "what" in kept["worded"]  # translated where it is shown
    assert problem_text(p, in_chinese({en: zh})) == f"来自总部的文件（编号 7）引用了其他经销商的{zh} {rid}；其中内容均未应用。"


def test_a_change_naming_another_dealers_row_here_names_what_the_row_is(store):
    home, other, theirs = store.identity.home_dealer_id, new_id(), new_id()
    with store.session() as s, s.begin():
        s.add(Dealer(id=other, code="SH02", name="上海二店", created_at=utcnow()))
        s.flush()
        s.add(Customer(id=theirs, dealer_id=other, name="王伟", phone="13800000000", created_at=utcnow()))
    event = {"id": new_id(), "dealer_id": home, "payload": {"customer_id": theirs}}
    with store.session() as s:
        text, params = pulled_check.refusal(s, home, 7, [event], {})
    assert fill(text, params, worded=pulled_check.WORDED) == (
        f"A file from head office (number 7) names a customer {theirs} of another dealer; nothing of it was applied.")


# --- 2. Why a file is not a case file this counter reads: the part, in words --------------------------------

HOME = "%(home)s"
# (name, the pulled entry's content, the reason in English, in Chinese where the catalogue has its words)
UNREADABLE = [
    ("no content", None, "head office's answer holds no text for it", None),
    ("not JSON", "{", "not valid JSON: it goes wrong at line 1, column 2", "不是有效的 JSON：第 1 行第 2 列出错"),
    ("no UTF-8", b"\xff\xfe{", "its text can't be read", None),
    ("a list", "[]", "the document should be an object", None),
    ("no dealer", '{"events": [], "records": {}}', 'the document: "dealer" is missing', "整个文件：缺少“dealer”"),
    ("dealer text", '{"dealer": "x", "events": [], "records": {}}', "dealer should be an object", None),
    ("no dealer id", '{"dealer": {}, "events": [], "records": {}}', 'dealer: "id" is missing', "dealer：缺少“id”"),
    ("no events", '{"dealer": {"id": "%(home)s"}, "records": {}}', 'the document: "events" is missing',
     "整个文件：缺少“events”"),
    ("events object", '{"dealer": {"id": "%(home)s"}, "events": {}, "records": {}}', "events should be a list", None),
    ("no records", '{"dealer": {"id": "%(home)s"}, "events": []}', 'the document: "records" is missing',
     "整个文件：缺少“records”"),
    ("records list", '{"dealer": {"id": "%(home)s"}, "events": [], "records": []}', "records should be an object",
     None),
]


@pytest.mark.parametrize("name, content, en, zh", UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_a_file_that_is_no_case_file_says_what_is_wrong_in_words(store, caplog, name, content, en, zh):
    if isinstance(content, str):
        content = content % {"home": store.identity.home_dealer_id}
    with caplog.at_level(logging.WARNING, logger=pulled_check.__name__):
        p = refused(store, 3, content)
    english = problem_text(p, Words("en"))
    assert english == (f"A file from head office (number 3) is not a case file this counter reads ({en}); nothing "
                       "of it was applied.")
    chinese = problem_text(p, in_chinese({pulled_check.SHOULD_BE: "{where} 应为 {want}"}))
    assert "Error" not in english + chinese  # no exception's name
    if zh is not None:
        assert chinese == f"来自总部的文件（编号 3）不是本前台能读取的案例文件（{zh}）；其中内容均未应用。"
    if name in ("not JSON", "no UTF-8"):  # the exception itself is for the log
        assert "DecodeError" in caplog.text


def test_a_wrong_kind_of_part_names_what_it_should_be_in_the_readers_words(store):
    content = '{"dealer": {"id": "%s"}, "events": {}, "records": {}}' % store.identity.home_dealer_id
    p = refused(store, 3, content)
    assert problem_text(p, in_chinese({pulled_check.SHOULD_BE: "{where} 应为 {want}"})) == (
        "来自总部的文件（编号 3）不是本前台能读取的案例文件（events 应为 列表）；其中内容均未应用。")


# --- 3. A sentence inside the message's brackets: one full stop, the message's own ----------------------

FULL_STOPS = [
    ("English", "A file ({reason}); nothing.", {"reason": "It holds NaN."}, {}, "A file (It holds NaN); nothing."),
    ("Chinese", "A file ({reason}); nothing.", {"reason": "It holds NaN."},
     {"A file ({reason}); nothing.": "文件（{reason}）；无。", "It holds NaN.": "含有 NaN。"}, "文件（含有 NaN）；无。"),
    ("at the end", "Its last answer: {reason}", {"reason": "It holds NaN."}, {}, "Its last answer: It holds NaN."),
    ("an ellipsis", "A file ({reason}); nothing.", {"reason": "It holds 999..."}, {}, "A file (It holds 999...); nothing."),
    ("a clause", "A file ({reason}); nothing.", {"reason": "it is not a .zip file"}, {},
     "A file (it is not a .zip file); nothing."),
]


@pytest.mark.parametrize("name, text, params, catalogue, want", FULL_STOPS, ids=[f[0] for f in FULL_STOPS])
def test_a_sentence_in_brackets_loses_its_own_full_stop(name, text, params, catalogue, want):
    translate = (lambda ctx, t: catalogue.get(t, t)) if catalogue else None
    assert fill(text, params, translate, worded=("reason",)) == want


@pytest.mark.parametrize("records", ['{"user": [{"note": "a\\u0000b"}]}', '{"x": [NaN]}', '{"x": [%s]}' % ("9" * 30),
                                     '{"x": %s1%s}' % ("[" * 40, "]" * 40)], ids=["nul", "nan", "long", "deep"])
def test_a_pulled_file_refused_for_its_values_ends_in_one_full_stop(store, caplog, records):
    content = '{"dealer": {"id": "%s"}, "events": [], "records": %s}' % (store.identity.home_dealer_id, records)
    with caplog.at_level(logging.WARNING, logger=pulled_check.__name__):
        p = refused(store, 8, content)
    for said in (problem_text(p, Words("en")), problem_text(p, Words("zh_CN")), caplog.text):
        assert ".)" not in said and "。）" not in said and ".);" not in said, said
    assert problem_text(p, Words("en")).endswith("); nothing of it was applied.")
    assert problem_text(p, Words("zh_CN")).endswith("）；其中内容均未应用。")
