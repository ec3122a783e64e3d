"""Filling head office's PostgreSQL in bulk (COPY) with generated dealers, forms and cases.

Issue 5 builds the real import; tests and benchmarks need the central tables filled fast, and
keep the generated rows' figures to check the report against.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from app.foundation.ids import new_id
from app.rules.scoring import form_score, is_failure_form
from app.rules.vocab import CauseGroup, Channel, FailureType

GRADES = "ABCDE"


@dataclass
class Expected:
    """Per dealer and month (YYYY-MM): [forms, total, failures]; cases per month and cause."""

    forms: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    cases: dict = field(default_factory=lambda: defaultdict(int))  # (code, month) -> n
    causes: dict = field(default_factory=lambda: defaultdict(int))  # (month, cause, type) -> n
    first_response: dict = field(default_factory=lambda: defaultdict(list))  # (code, month) -> hours
    recovered: dict = field(default_factory=lambda: defaultdict(list))  # (code, month) -> [bool] of closed


def _copy(raw, table: str, cols: list[str], rows) -> None:
    with raw.cursor() as cur:
        with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)


def fill_network(engine, *, dealers: int, forms: int, months: list[tuple[int, int]], cases_share: float = 0.03,
                 seed: int = 5, disputed_share: float = 0.01) -> Expected:
    """``forms`` forms spread over ``dealers`` dealers and ``months``; each dealer has its own grade
    mix so the ranking is not a tie. Returns the figures the generated rows must add up to."""
    rnd = random.Random(seed)
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    exp = Expected()
    dealer_rows, user_rows, advisors = [], [], {}
    codes = {}
    bias = {}
    for d in range(dealers):
        did = new_id()
        codes[did] = f"D{d + 1:03d}"
        bias[did] = rnd.uniform(0.6, 1.6)
        dealer_rows.append((did, codes[did], f"经销商{d + 1:03d}", now))
        advisors[did] = []
        for a in range(3):
            uid = new_id()
            advisors[did].append(uid)
            user_rows.append((uid, did, f"adv{a}", f"顾问{a}", "advisor", None, True, now))
    dealer_ids = list(codes)
    customers, ros, fforms, fcases = [], [], [], []
    cust_ids: dict[str, list[str]] = {d: [] for d in dealer_ids}
    case_no = 0
    for i in range(forms):
        did = dealer_ids[i % dealers]
        y, m = months[(i // dealers) % len(months)]
        day = date(y, m, 1 + rnd.randrange(28))
        if not cust_ids[did] or rnd.random() < 0.3:
            cid = new_id()
            customers.append((cid, did, f"客户{i}", f"139{i:08d}", now))
            cust_ids[did].append(cid)
        else:
            cid = rnd.choice(cust_ids[did][-50:])
        w = bias[did]
        grades = rnd.choices(GRADES, weights=[50 * w, 28, 12, 7 / w, 3 / w], k=3)
        overall = None if rnd.random() < 0.4 else rnd.randrange(1, 11)
        verification = "disputed" if rnd.random() < disputed_share else rnd.choice(("verified", "unverified"))
        score = form_score(*grades)
        ro = new_id()
        fid = new_id()
        adv = rnd.choice(advisors[did])
        ros.append((ro, did, f"RO{i:08d}", cid, None, adv, day))
        fforms.append((fid, did, ro, adv, day, grades[0], grades[1], grades[2], score, overall, verification, "",
                       "sync", 1, now, None, now, None))
        if verification != "disputed":
            e = exp.forms[(codes[did], f"{y:04d}-{m:02d}")]
            e[0] += 1
            e[1] += score
            e[2] += is_failure_form(tuple(grades), overall)
        if rnd.random() < cases_share:
            case_no += 1
            cg = rnd.choices(list(CauseGroup), weights=[4, 3, 1, 2])[0]
            ft = rnd.choice(list(FailureType))
            opened = datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc)
            month = f"{y:04d}-{m:02d}"
            # Lifecycle times in whole minutes, resolved and closed the same day (within the month).
            first = opened + timedelta(minutes=rnd.randrange(5, 600)) if rnd.random() < 0.9 else None
            resolved = closed = recovered = None
            status = "open" if first is None else "in_recovery"
            if first is not None and rnd.random() < 0.7:
                resolved = closed = first + timedelta(minutes=rnd.randrange(10, 600))
                recovered, status = rnd.random() < 0.75, "closed"
                exp.recovered[(codes[did], month)].append(recovered)
            if first is not None:
                exp.first_response[(codes[did], month)].append((first - opened).total_seconds() / 3600)
            fcases.append((new_id(), f"{codes[did]}-{case_no:07d}", did, cid, None, ro, fid,
                           rnd.choice(list(Channel)).value, "", None, ft.value, cg.value, "unknown", "moderate", "",
                           status, adv, opened, first, resolved, closed, recovered, "", "", 1, None, opened))
            exp.cases[(codes[did], month)] += 1
            exp.causes[(month, cg.value, ft.value)] += 1
    raw = engine.raw_connection()
    try:
        _copy(raw, "dealer", ["id", "code", "name", "created_at"], dealer_rows)
        _copy(raw, "app_user", ["id", "dealer_id", "username", "display_name", "role", "password_hash", "active",
                                "created_at"], user_rows)
        _copy(raw, "customer", ["id", "dealer_id", "name", "phone", "created_at"], customers)
        _copy(raw, "repair_order", ["id", "dealer_id", "number", "customer_id", "vehicle_id", "advisor_id",
                                    "opened_on"], ros)
        _copy(raw, "feedback_form", ["id", "dealer_id", "repair_order_id", "advisor_id", "service_date",
                                     "timeliness", "repair_quality", "attitude", "score", "overall",
                                     "verification", "comment", "source", "version", "created_at", "created_by",
                                     "updated_at", "updated_by"], fforms)
        _copy(raw, "failure_case", ["id", "number", "dealer_id", "customer_id", "vehicle_id", "repair_order_id",
                                    "form_id", "channel", "customer_words", "mood", "failure_type", "cause_group",
                                    "blame", "severity", "severity_reason", "status", "assignee_id", "opened_at",
                                    "first_response_at", "resolved_at", "closed_at", "recovered", "root_cause",
                                    "improvement", "version", "created_by", "updated_at"], fcases)
        raw.commit()
    finally:
        raw.close()
    sum_months(engine)
    return exp


def sum_months(engine) -> None:
    """Head office's month sums of rows written around the import (COPY), as the migration builds them."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from app.services.network.month_sums import refresh_all

    with Session(engine) as s, s.begin():
        refresh_all(s)
    with engine.connect() as c:
        c.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
