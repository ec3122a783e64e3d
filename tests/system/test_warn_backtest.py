"""`warn backtest` through the command line, on two seeds of the demo: each planted drift is warned of
within 10 days of its start, a store with nothing planted raises at most one warning per
dealer-quarter and the planted one at most one a drift doesn't explain (tests/drift_truth.py), and
the risk ranks the failures first.

On the default seed 7 one advisor's slide was warned of 12 days after its start while her attitude was
followed only on whether it was D or E: her first ten days hold 8 D or E in 27 forms, five of them E's;
followed on her grades as well (app/rules/grade_cusum.py) it is warned of on day 10 (docs/prediction.md
has every method's figures over 12 seeds)."""

import json
from datetime import date

import pytest

from app.foundation import clock
from tests import drift_truth
from tests.helpers import csv_file, form_line
from tests.system.test_cli import cli

pytestmark = pytest.mark.slow
FORMS = 9000  # a year of a mid-sized dealer: about 25 feedback forms a working day
SEEDS = (7, 11)
AIM = 10  # days from a drift's start to its warning


def backtest(data_dir, *demo_args):
    r = cli(data_dir, "demo", "--forms", str(FORMS), "--cases", "0", *demo_args)
    assert r.returncode == 0, r.stderr
    r = cli(data_dir, "warn", "backtest", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def quarters(result):
    return result["watched_months"] / 3


@pytest.mark.parametrize("seed", SEEDS)
def test_a_store_with_nothing_planted_stays_quiet_and_its_risk_ranks_the_failures_first(tmp_path, seed):
    result = backtest(tmp_path / "plain", "--seed", str(seed))
    assert quarters(result) >= 2.5
    assert len(result["warnings"]) <= quarters(result)  # every warning here is a false alarm
    assert result["false_alarms"] <= len(result["warnings"])
    assert result["false_alarms_per_dealer_month"] <= 1 / 3
    # The risk of each order of the last three months, each from a model fitted only on the months before.
    held = result["held_out"]
    assert len(result["held_out_months"]) == 3 and len(held) >= 1000
    assert all(set(e) == {"repair_order", "risk", "failed"} and 0 <= e["risk"] <= 1 for e in held)
    assert len({e["repair_order"] for e in held}) == len(held)
    assert result["lift_top_tenth"] >= 3.0 and result["auc"] >= 0.70, (result["lift_top_tenth"], result["auc"])
    # the figures are the entries' own (recomputed here)
    ranked = sorted(held, key=lambda e: -e["risk"])
    top = ranked[:round(len(held) / 10)]
    share = sum(e["failed"] for e in held) / len(held)
    assert abs(sum(e["failed"] for e in top) / len(top) / share - result["lift_top_tenth"]) < 0.15


@pytest.mark.parametrize("seed", SEEDS)
def test_planted_drifts_are_warned_of_within_ten_days(tmp_path, seed):
    result = backtest(tmp_path / "planted", "--drift", "--seed", str(seed))
    today = clock.today()
    warnings = result["warnings"]
    delays = drift_truth.delays(warnings, today)
    assert set(delays) == {"advisor 李娜 attitude", "dealer timeliness", "work_type bodywork"}
    for name, days in delays.items():
        assert days is not None and days <= AIM, (name, delays)
    caught = [w for w in warnings if drift_truth.explained(w, today)]
    assert all(w["failures"] <= w["forms"] and w["repair_orders"] for w in caught)
    # Unexplained: before every drift's start, or on a series no drift moved (another item of an advisor).
    unexplained = drift_truth.unexplained(warnings, today)
    assert len(unexplained) <= quarters(result), unexplained
    w = warnings[0]
    assert set(w) >= {"kind", "subject", "item", "fired_on", "month_end_on", "forms", "failures"}
    assert w["month_end_on"] >= w["fired_on"] and w["kind"] in ("advisor", "work_type", "item", "cause")
    assert all(date.fromisoformat(w["fired_on"]) <= today for w in warnings)


def test_a_store_filled_only_by_an_import_and_an_empty_one(tmp_path):
    rows = [form_line(f"2026-{m:02d}-{d:02d}", f"RO{m}{d}{i}", "ADA" if (m * d + i) % 9 == 0 else "ABA")
            for m in range(1, 11) for d in range(1, 28) for i in range(3)]
    assert cli(tmp_path / "imp", "feedback", "import", str(csv_file(tmp_path / "f.csv", rows))).returncode == 0
    r = cli(tmp_path / "imp", "warn", "backtest")
    assert r.returncode == 0, r.stderr
    assert "months watched" in r.stdout and "warnings" in r.stdout
    r = cli(tmp_path / "imp", "warn", "backtest", "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)  # orders made only by forms: no order's story, a risk all the same
    assert len(result["held_out"]) == 3 * 27 * 3 and result["auc"] is not None
    r = cli(tmp_path / "empty", "warn", "backtest", "--json")
    assert r.returncode == 0, r.stderr
    empty = json.loads(r.stdout)
    assert empty["warnings"] == [] and empty["held_out"] == [] and empty["lift_top_tenth"] is None
