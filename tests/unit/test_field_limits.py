"""The field catalogue: the columns, the case file's schema and every entry point use its limits."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import String, Text, select

from app.foundation.errors import ImportRejected, InvalidInput
from app.models import Base, Customer, FeedbackForm
from app.models.record_limits import record_refusal
from app.rules import fields
from app.services.cases.opening import open_case, validate as validate_case
from app.services.feedback.forms import FormEntry, validate as validate_form
from app.services.imports.feedback_store import import_feedback_file
from tests.helpers import csv_file, form_line
from tests.synchelp import new_case

# Columns the program fills itself (ids, codes of a vocabulary, hashes, states): no person or file
# types them, so no catalogue entry. A new text column fails test_every_text_column_has_one_limit
# until it is placed here or in app/rules/fields.py.
PROGRAM_MADE = {
    "event": {"entity_type", "kind", "origin"}, "setting": {"key", "source"}, "store_meta": {"key", "value"},
    "sync_blob": {"sha256"}, "hq_blob_holder": {"sha256"}, "sync_conflict": {"entity_type"}, "sync_file": {"sha256", "status", "reason"},
    "sync_received": {"sha256"}, "app_user": {"role", "password_hash"}, "hq_counter": {"secret", "tag", "reported_version"},
    "hq_enrolment": {"code_hash"}, "sync_published": {"kind", "name", "sha256"},
    "feedback_form": {"timeliness", "repair_quality", "attitude", "verification", "source"},
    "failure_case": {"number", "former_number", "channel", "mood", "failure_type", "cause_group", "blame", "severity", "status"},
    "verification_call": {"outcome"}, "alert": {"kind"}, "early_warning": {"kind", "item", "figure"}, "improvement_action": {"figure_kind"},
    "network_improvement": {"figure_kind", "owner_role", "network_id"}, "hq_form_month": {"verification"}, "form_month": {"verification"},
    "attachment": {"sha256"}, "callback": {"state"},
    "remedy": {"kind", "status"}, "repair_order": {"source"},
    "hq_refusal": {"entity_type", "record_table", "code", "reason"},
    "sync_refused": {"entity_type", "record_table", "code", "reason"},
    "event_tally": {"origin", "entity_type"},
}


def _is_reference(name: str) -> bool:
    return name == "id" or name.endswith("_id") or name.endswith("_by")


def test_every_text_column_has_one_limit():
    unplaced = []
    for table in Base.metadata.sorted_tables:
        for col in table.columns:
            if not isinstance(col.type, String):
                continue
            key = f"{table.name}.{col.name}"
            field = fields.BY_COLUMN.get(key)
            if field is not None:
                if not isinstance(col.type, Text):
                    assert col.type.length == field.max_length, key
            elif not (_is_reference(col.name) or col.name in PROGRAM_MADE.get(table.name, ())):
                unplaced.append(key)
    assert unplaced == []
    # and every catalogued column exists
    columns = {f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables for c in t.columns}
    assert set(fields.BY_COLUMN) <= columns


def test_the_case_file_schema_states_the_catalogue_limits():
    schema = json.loads((Path(__file__).parents[2] / "docs" / "case-file.schema.json").read_text("utf-8"))
    stated = 0
    from app.sync import tables

    for synced in tables.SYNCED:
        props = schema["$defs"][f"{synced.name}_rows"]["items"]["properties"]
        db_table = synced.table.name
        for key, field in fields.BY_COLUMN.items():
            t, column = key.split(".")
            if t == db_table:
                assert props[column]["maxLength"] == field.max_length, key
                stated += 1
    assert stated == sum(1 for key in fields.BY_COLUMN if key.split(".")[0] in {t.table.name for t in tables.SYNCED})


@pytest.mark.parametrize("name, value, want", [
    ("customer_name", "王" * 100, None),
    ("customer_name", "王" * 101, fields.TOO_LONG),
    ("plate", "京A" * 8, None),
    ("plate", "京A" * 16, fields.TOO_LONG),
    ("repair_order", "R" * 64, None),
    ("repair_order", "R" * 82, fields.TOO_LONG),
    ("customer_name", "王\n芳", fields.LINE_BREAK),
    ("customer_name", "王\t芳", fields.BAD_CHARACTER),
    ("customer_name", "王\x00芳", fields.BAD_CHARACTER),
    ("customer_name", "王\u2028芳", fields.BAD_CHARACTER),
    ("customer_name", "王\ud800芳", fields.BAD_CHARACTER),
    ("comment", "line one\nline two", None),
    ("comment", "bell\x07", fields.BAD_CHARACTER),
    ("comment", "x" * 2000, None),
    ("comment", "x" * 2001, fields.TOO_LONG),
    ("comment", "=HYPERLINK(\"http://evil.example/x\",\"click\")", None),  # text; exports neutralise it
])
def test_character_and_length_rule(name, value, want):
    found = fields.problem(name, value)
    assert (found[0] if found else None) == want


def test_a_refusal_names_the_field_and_the_limit():
    with pytest.raises(InvalidInput) as err:
        fields.check("customer_name", "王" * 150)
    assert err.value.params["field"] == "customer_name"
    assert err.value.problem_text() == "at most 100 characters, this is 150; shorten it"
    assert "customer_name: at most 100" in err.value.render()


def test_clean_trims_and_keeps_newlines_in_long_texts():
    assert fields.clean("comment", "  a\r\nb\rc  ") == "a\nb\nc"
    assert fields.clean("customer_name", "  王芳 ") == "王芳"


ENTRY = FormEntry("RO1", date(2026, 11, 2), "王芳", "13812345678", "京A12345", "A", "B", "C", 9, "ok")


@pytest.mark.parametrize("change, field", [
    ({"repair_order": "R" * 65}, "repair_order"),
    ({"customer_name": "王" * 101}, "customer_name"),
    ({"phone": "1" * 33}, "phone"),
    ({"plate": "京" * 17}, "plate"),
    ({"comment": "x" * 2001}, "comment"),
    ({"advisor_name": "张" * 65}, "advisor"),
    ({"customer_name": "王\x00芳"}, "customer_name"),
])
def test_the_desk_form_refuses_one_character_more(change, field):
    validate_form(ENTRY)  # the base entry is fine
    # (a phone and a plate have formats shorter than their columns: app.rules.identifiers)
    maximal = {"repair_order": "R" * 64, "customer_name": "王" * 100, "comment": "x" * 2000, "advisor_name": "张" * 64}
    validate_form(replace(ENTRY, **maximal))
    with pytest.raises(InvalidInput) as err:
        validate_form(replace(ENTRY, **change))
    assert err.value.params["field"] == field


@pytest.mark.parametrize("change, field", [
    ({"customer_name": "王" * 101}, "customer_name"),
    ({"phone": "1" * 33}, "phone"),
    ({"plate": "京" * 17}, "plate"),
    ({"vin": "V" * 18}, "vin"),
    ({"model": "M" * 101}, "model"),
    ({"customer_words": "w" * 4001}, "customer_words"),
    ({"severity_reason": "r" * 1001}, "severity_reason"),
])
def test_a_complaint_refuses_one_character_more(change, field):
    with pytest.raises(InvalidInput) as err:
        validate_case(new_case(1, **change))
    assert err.value.params["field"] == field


def test_a_refused_case_stores_nothing(store):
    with pytest.raises(InvalidInput):
        open_case(store, new_case(1, customer_name="王" * 150), None)
    with store.session() as s:
        assert s.scalar(select(Customer.id)) is None


@pytest.mark.parametrize("line, column", [
    (form_line("2026-11-02", "R" * 65), "repair_order"),
    (form_line("2026-11-02", "RO2", customer="王" * 101), "customer"),
    (form_line("2026-11-02", "RO2", plate="京A" * 16), "plate"),
    (form_line("2026-11-02", "RO2", advisor="张" * 65), "advisor"),
    (form_line("2026-11-02", "RO2", comment="x" * 2001), "comment"),
    (form_line("2026-11-02", "RO2", comment="a\x07b"), "comment"),
])
def test_the_csv_import_refuses_by_line_and_column_and_stores_nothing(store, tmp_path, line, column):
    path = csv_file(tmp_path / "f.csv", [form_line("2026-11-01", "RO1"), line])
    with pytest.raises(ImportRejected) as err:
        import_feedback_file(store, path)
    assert [(p.line, p.column) for p in err.value.problems] == [(3, column)]
    with store.session() as s:
        assert s.scalar(select(FeedbackForm.id)) is None


def test_the_csv_import_takes_maximal_values(store, tmp_path):
    line = form_line("2026-11-02", "R" * 64, customer="王" * 100, plate="京AD12345", advisor="张" * 64,
                     comment="x" * 2000)
    result = import_feedback_file(store, csv_file(tmp_path / "f.csv", [line]))
    assert result.imported == 1


@pytest.mark.parametrize("table, record, column", [
    ("customer", {"id": "c", "name": "王" * 101}, "name"),
    ("user", {"id": "u", "username": "u" * 65}, "username"),
    ("vehicle", {"id": "v", "plate": "京" * 17}, "plate"),
    ("repair_order", {"id": "r", "number": "R" * 65}, "number"),
    ("feedback_form", {"id": "f", "comment": "x" * 2001}, "comment"),
    ("feedback_form", {"id": "f", "source": "s" * 17}, "source"),  # a column's own length
    ("failure_case", {"id": "k", "root_cause": "\x00"}, "root_cause"),
    ("failure_case", {"id": "k", "status": "open\x00"}, "status"),
])
def test_a_case_file_record_over_a_limit_is_refused_by_name(table, record, column):
    text, params = record_refusal(table, record)
    assert (params["table"], params["id"], params["column"]) == (table, record["id"], column)
    assert text.format(**params).startswith(f"{table} {record['id']}: {column} ")
    assert record_refusal(table, {"id": "x", column: "ok"}) is None
