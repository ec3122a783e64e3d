"""The sync registry places every table of the models, and what it says matches the models and the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Column, String, Table

from app.models import Base
from app.sync import casefile, tables
from app.sync.apply import REFS

ROOT = Path(__file__).resolve().parents[2]


def test_every_table_of_the_models_is_placed():
    assert tables.unplaced() == []
    placed = {s.table.name for s in tables.SYNCED}
    assert not placed & set(tables.LOCAL), "a table is both synced and local"


def test_a_new_table_fails_until_it_is_placed():
    t = Table("brand_new_table", Base.metadata, Column("id", String(36), primary_key=True))
    try:
        assert tables.unplaced() == ["brand_new_table"]
    finally:
        Base.metadata.remove(t)


@pytest.mark.parametrize("spec", [s for s in tables.SYNCED if s.role == tables.CHILD], ids=lambda s: s.name)
def test_every_child_names_existing_parent_columns(spec):
    assert spec.parents
    for col, parent in spec.parents:
        assert col in spec.table.columns, f"{spec.name}.{col}"
        assert tables.BY_NAME[parent].role == tables.AGGREGATE
        assert {fk.column.table.name for fk in spec.table.columns[col].foreign_keys} == {tables.BY_NAME[parent].table.name}


@pytest.mark.parametrize("spec", tables.SYNCED, ids=lambda s: s.name)
def test_declared_columns_exist(spec):
    for col in (*spec.natural_key, *spec.private, *spec.user_columns):
        assert col in spec.table.columns, f"{spec.name}.{col}"


@pytest.mark.parametrize("table,column", [
    ("remedy", "proposed_by"), ("remedy", "decided_by"), ("callback", "reached_by"),
    ("verification_call", "drawn_by"), ("verification_call", "called_by"), ("alert", "acknowledged_by"),
    ("alert", "created_by"), ("attachment", "added_by"), ("failure_case", "assignee_id"),
    ("feedback_form", "advisor_id"), ("repair_order", "advisor_id"),
])
def test_columns_naming_people_are_mapped_as_users(table, column):
    assert REFS[table][column] == "user"


def test_the_case_file_and_its_schema_name_the_registrys_tables():
    assert casefile.RECORD_TABLES == tables.NAMES
    assert set(casefile.ENTITY_TYPES) == {"case", "form", "user", "counter", "order", "improvement"}
    schema = json.loads((ROOT / "docs" / "case-file.schema.json").read_text("utf-8"))
    assert tuple(schema["properties"]["records"]["properties"]) == tables.NAMES
    assert set(schema["$defs"]["event"]["properties"]["entity_type"]["enum"]) == set(casefile.ENTITY_TYPES)
    prose = (ROOT / "docs" / "case-file-format.md").read_text("utf-8")
    assert all(f"`{n}`" in prose for n in tables.NAMES)
