"""Changes: the kinds combine and compare; every table of the store says what writing it changes."""

import pytest

from app.models import Base
from app.services import changes
from app.services.changes import CASES, EVERYTHING, FORMS, NOTHING, REMEDIES, SYNC, Changes
from app.sync.applied import applied
from app.sync.tables import SYNCED


@pytest.mark.parametrize("a, b, union, common", [
    (CASES, FORMS, Changes(cases=True, forms=True), NOTHING),
    (CASES | REMEDIES, REMEDIES, CASES | REMEDIES, REMEDIES),
    (NOTHING, SYNC, SYNC, NOTHING),
])
def test_union_and_intersection(a, b, union, common):
    assert a | b == union and (a & b) == common
    assert bool(a & b) == bool(common)


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        Changes.of("remedy")  # the kind is "remedies"


def test_every_table_of_the_store_is_placed():
    """A new table must say what writing it changes (or that no view shows it)."""
    placed = set(changes.BY_TABLE) | {t for t in Base.metadata.tables if t.startswith(changes.SYNC_TABLE_PREFIXES)}
    assert sorted(set(Base.metadata.tables) - placed) == []
    assert sorted(set(changes.BY_TABLE) - set(Base.metadata.tables)) == []  # no stale entry


def test_every_synced_table_changes_something_a_view_shows():
    for s in SYNCED:
        assert changes.of_tables([s.table.name]), s.name


def test_an_unplaced_table_counts_as_everything():
    assert changes.of_tables(["a_table_from_the_future"]) == EVERYTHING


@pytest.mark.parametrize("events, records, conflicts, expected", [
    ([{"entity_type": "form"}], {"feedback_form": [{}], "verification_call": [{}]}, 0, FORMS),
    ([{"entity_type": "case"}], {"failure_case": [{}], "remedy": [{}], "user": []}, 0, CASES | REMEDIES),
    ([{"entity_type": "case"}], {"failure_case": [{}]}, 1, CASES | SYNC),
])
def test_what_a_pulled_file_applied_is_read_from_its_tables(events, records, conflicts, expected):
    assert applied(events, records, conflicts=conflicts) == expected


def test_a_declared_function_notes_its_change_only_when_it_succeeds():
    @changes.announces(FORMS)
    def write(fail: bool):
        if fail:
            raise RuntimeError("no")
        return 7

    with changes.collecting() as seen:
        assert write(False) == 7
    assert seen.value == FORMS
    with changes.collecting() as seen, pytest.raises(RuntimeError):
        write(True)
    assert seen.value == NOTHING
    assert changes.DECLARED[f"{__name__}.{write.__qualname__}"] == FORMS
    del changes.DECLARED[f"{__name__}.{write.__qualname__}"]
