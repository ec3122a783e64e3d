"""What head office's Publish page does: check a file before anything is stored, compare it with what
each dealer has, publish to chosen dealers (one version) or all, and see where it arrived."""

from __future__ import annotations

import json

import pytest

from app.foundation.errors import InvalidInput, NotFound
from app.hq.counters import add_dealer
from app.hq.network_status import dealers_running, preview
from app.hq.publish import PackVersionTaken, publish_to, since
from app.scripts.library import bundled_pack_path
from app.scripts.pack import PackRejected
from tests.synchelp import count, enrol_in_process


def _pack(tmp_path, version: int):
    p = tmp_path / f"pack-{version}.yaml"
    p.write_text(bundled_pack_path().read_text(encoding="utf-8").replace("version: 1", f"version: {version}", 1),
                 encoding="utf-8")
    return p


def test_publish_to_chosen_dealers_then_all_and_see_arrivals(tmp_path, new_store, new_hq_db):
    from app.models import SyncPublished

    db = new_hq_db(tmp_path / "hq.sqlite3")
    a = new_store(tmp_path / "a")
    enrol_in_process(db, a, "BJ01")
    add_dealer(db, "SH02", "上海二店")
    add_dealer(db, "GZ03", "广州三店")
    first = preview(db, _pack(tmp_path, 4))
    assert (first.kind, first.name, first.version) == ("scripts", "default", 4)
    assert [(d.code, d.version) for d in first.dealers] == [("BJ01", None), ("GZ03", None), ("SH02", None)]
    done = publish_to(db, _pack(tmp_path, 4), ["BJ01", "sh02"])
    assert [(p.dealer_code, p.version) for p in done] == [("BJ01", 4), ("sh02", 4)]  # one version for both
    runs = {d.code: d for d in dealers_running(db, "scripts", "default")}
    assert (runs["BJ01"].version, runs["SH02"].version, runs["GZ03"].version) == (4, 4, None)
    assert [(x.label, x.arrived_at) for x in runs["BJ01"].arrivals] == [("test", None)]
    # The counter asks: it is handed the pack, and head office notes when (once).
    items = since(db, runs["BJ01"].dealer_id, 0, counter_id=a.identity.store_id)
    assert [i["version"] for i in items] == [4]
    arrived = dealers_running(db, "scripts", "default")[0].arrivals[0].arrived_at
    assert arrived is not None
    since(db, runs["BJ01"].dealer_id, 0, counter_id=a.identity.store_id)
    assert dealers_running(db, "scripts", "default")[0].arrivals[0].arrived_at == arrived
    # Not newer than what was published: refused before anything is stored.
    with pytest.raises(PackVersionTaken):
        publish_to(db, _pack(tmp_path, 4), None)
    assert count(db, SyncPublished) == 2
    [everyone] = publish_to(db, _pack(tmp_path, 5), None)
    assert everyone.dealer_code is None
    assert {d.code: d.version for d in dealers_running(db, "scripts", "default")} == {"BJ01": 5, "GZ03": 5, "SH02": 5}
    a.close()
    db.close()


def test_bad_files_are_refused_with_what_is_wrong(tmp_path, new_hq_db):
    db = new_hq_db(tmp_path / "hq.sqlite3")
    add_dealer(db, "BJ01", "北京一店")
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: x\nversion: two\n", encoding="utf-8")
    with pytest.raises(PackRejected):
        preview(db, broken)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"settings": {"ui.lock_minutes": 1}}), encoding="utf-8")
    with pytest.raises(InvalidInput) as e:
        preview(db, bad)
    assert "ui.lock_minutes" in e.value.render()
    with pytest.raises(NotFound):
        publish_to(db, _pack(tmp_path, 3), ["NOPE"])
    good = tmp_path / "settings.json"
    good.write_text(json.dumps({"settings": {"cases.first_response_hours": 5}}), encoding="utf-8")
    p = preview(db, good)
    assert (p.kind, p.name, p.version) == ("settings", "settings", None)
    assert [d.version for d in publish_to(db, good, None)] == [1]
    assert [d.version for d in publish_to(db, good, ["BJ01"])] == [2]
    db.close()
