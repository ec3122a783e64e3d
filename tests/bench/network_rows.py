"""Head office's database filled inside PostgreSQL (generate_series), for benchmarks at 10M forms.

Python-made rows sent by COPY (tests/network_data.py) take minutes per million; here the server
makes them: dealers, a few customers each, forms spread over 36 months, about 3% with a case.
Rows reference dealers and customers; repair orders are not made (foreign keys are not checked
while filling), since no query of the page or the report reads them.
"""

from __future__ import annotations

import time

from sqlalchemy import text

from app.rules.scoring import GRADE_POINTS
from app.rules.vocab import CauseGroup, Channel, FailureType
from tests.network_data import sum_months

CHUNK = 1_000_000
ROOT_CAUSE_TEXTS = ["配件未到货", "服务顾问未及时回电", "交车时间延误", "维修后异响未排除", "洗车不干净", "客户等待时间过长",
                    "Parts arrived late", "Advisor forgot the callback", "Invoice wrong", "Repeat repair needed",
                    "ABS传感器故障", "保养项目漏做"]
ROOT_CAUSES = ", ".join(f"'{t}'" for t in ROOT_CAUSE_TEXTS)


def _id(prefix: str, expr: str) -> str:
    """A time-ordered-looking id text: rows land at the end of the primary key's index."""
    return f"'{prefix}' || lpad(to_hex({expr}), 12, '0')"


def fill_series(engine, *, dealers: int, forms: int, months: list[tuple[int, int]], cases_every: int = 33,
                log=print) -> None:
    points = " ".join(f"WHEN '{g}' THEN {p}" for g, p in GRADE_POINTS.items())
    channels = ",".join(f"'{c.value}'" for c in Channel)
    types = ",".join(f"'{t.value}'" for t in FailureType)
    groups = ",".join(f"'{g.value}'" for g in CauseGroup)
    first_month = f"DATE '{months[0][0]:04d}-{months[0][1]:02d}-01'"
    with engine.connect() as c:
        c = c.execution_options(isolation_level="AUTOCOMMIT")
        c.execute(text("SET session_replication_role = replica"))  # no foreign key checks while filling
        c.execute(text(f"""INSERT INTO dealer (id, code, name, created_at)
            SELECT {_id('00000000-0000-7000-8000-', 'd')}, 'D' || lpad(d::text, 4, '0'), '经销商' || d, now()
            FROM generate_series(1, {dealers}) d"""))
        c.execute(text(f"""INSERT INTO customer (id, dealer_id, name, phone, created_at)
            SELECT {_id('00000000-0000-7000-8001-', 'k')}, {_id('00000000-0000-7000-8000-', '1 + k % ' + str(dealers))},
                   '客户' || k, '139' || lpad(k::text, 8, '0'), now()
            FROM generate_series(0, {dealers * 20 - 1}) k"""))
        c.execute(text("SELECT setseed(0.5)"))
        for lo in range(0, forms, CHUNK):
            hi = min(forms, lo + CHUNK) - 1
            t = time.perf_counter()
            # Each dealer its own grade mix (by its number), so the ranking is not a tie.
            c.execute(text(f"""
                WITH g AS (
                  SELECT i, 1 + i % {dealers} AS d, (i / {dealers}) % {len(months)} AS m,
                         random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
                  FROM generate_series({lo}, {hi}) i),
                h AS (
                  SELECT i, d, m, r4, r5,
                    (ARRAY['A','A','A','B','B','C','D','E'])[1 + floor(r1 * (7 + (d % 5) * 0.2))::int] AS t,
                    (ARRAY['A','A','A','B','B','C','D','E'])[1 + floor(r2 * (7 + (d % 3) * 0.3))::int] AS q,
                    (ARRAY['A','A','A','A','B','C','D','E'])[1 + floor(r3 * 8)::int] AS a
                  FROM g)
                INSERT INTO feedback_form (id, dealer_id, repair_order_id, advisor_id, service_date, timeliness,
                    repair_quality, attitude, score, overall, verification, comment, source, version, created_at,
                    created_by, updated_at, updated_by)
                SELECT {_id('00000000-0000-7000-8002-', 'i')}, {_id('00000000-0000-7000-8000-', 'd')},
                       {_id('00000000-0000-7000-8003-', 'i')}, NULL,
                       ({first_month} + make_interval(months => m))::date + (i % 28),
                       t, q, a, (CASE t {points} END) + (CASE q {points} END) + (CASE a {points} END),
                       CASE WHEN r4 < 0.4 THEN NULL ELSE 1 + floor(r4 * 10)::int % 10 END,
                       CASE WHEN r5 < 0.01 THEN 'disputed' WHEN r5 < 0.5 THEN 'verified' ELSE 'unverified' END,
                       '', 'sync', 1, now(), NULL, now(), NULL
                FROM h"""))
            c.execute(text(f"""
                INSERT INTO failure_case (id, number, dealer_id, customer_id, vehicle_id, repair_order_id, form_id,
                    channel, customer_words, mood, failure_type, cause_group, blame, severity, severity_reason,
                    status, assignee_id, opened_at, first_response_at, resolved_at, closed_at, recovered,
                    root_cause, improvement, version, created_by, updated_at)
                SELECT {_id('00000000-0000-7000-8004-', 'i')}, 'D' || lpad(d::text, 4, '0') || '-' || i,
                       {_id('00000000-0000-7000-8000-', 'd')}, {_id('00000000-0000-7000-8001-', 'i % ' + str(dealers * 20))},
                       NULL, NULL, {_id('00000000-0000-7000-8002-', 'i')},
                       (ARRAY[{channels}])[1 + i % {len(Channel)}], '', NULL,
                       (ARRAY[{types}])[1 + (i / 7) % {len(FailureType)}],
                       (ARRAY[{groups}])[1 + (i * 7 + d) % {len(CauseGroup)}], 'unknown', 'moderate', '',
                       CASE WHEN done THEN 'closed' WHEN i % 10 = 9 THEN 'open' ELSE 'in_recovery' END, NULL,
                       opened, CASE WHEN done OR i % 10 < 9 THEN opened + make_interval(mins => 5 + i % 600) END,
                       CASE WHEN done THEN opened + make_interval(mins => 700 + i % 300) END,
                       CASE WHEN done THEN opened + make_interval(mins => 700 + i % 300) END,
                       CASE WHEN done THEN i % 4 <> 0 END,
                       -- root causes as people type them: a common cause in one of three spellings, or
                       -- one of a few thousand texts of their own (grouping has that many to sort)
                       CASE WHEN NOT done THEN ''
                            WHEN i % 4 = 0 THEN 'cause ' || (i % 5000)
                            ELSE (ARRAY[{ROOT_CAUSES}])[1 + (i / 3 + d) % {len(ROOT_CAUSE_TEXTS)}]
                                 || (ARRAY['', '。', ' '])[1 + i % 3] END,
                       '', 1, NULL, opened
                FROM (SELECT i, d, opened,
                             -- 70% of the last two months' cases are closed, every older one: cases close
                             -- within weeks, so what is open (and may be overdue) is a backlog, not history.
                             i % 10 < 7 OR (i / {dealers}) % {len(months)} < {len(months) - 2} AS done
                      FROM (SELECT i, 1 + i % {dealers} AS d,
                                   (({first_month} + make_interval(months => (i / {dealers}) % {len(months)}))::date
                                    + (i % 28))::timestamp AT TIME ZONE 'UTC' + interval '10 hours' AS opened
                            FROM generate_series({lo}, {hi}) i WHERE i % {cases_every} = 0) y) x"""))
            log(f"  forms {lo:,}-{hi:,} and their cases: {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    sum_months(engine)
    log(f"  month sums and VACUUM ANALYZE: {time.perf_counter() - t:.1f} s")
