"""A purge across the network, through the public command line and real processes: head office on
PostgreSQL behind `hq serve`, two counters of dealer BJ01. An administrator runs `privacy purge` at
counter 1; after the sync rounds no byte of either counter's SQLite file, its WAL or its newest backup
holds the old customer's name, phone or plate, no row at head office does (asked in SQL), the
customer's PDF shows the family name only, and `feedback summary` and the PDFs give the same figures."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from tests.pdftext import pdf_text
from tests.system.test_network_scenario import NUMBER, STAMP, summary, sync
from tests.system.two_counters import network_of_two, newest_backup_bytes, store_bytes

pytestmark = pytest.mark.slow

MASKED = re.compile(r"\S*\*{2,}\S*")  # a masked phone or name (138****5678, 李**)
OLD = ("李明远", "13812345678", "京A12345")
YEARS_AGO = 4 * 365


def rows_at_head_office(url: str, value: str) -> list[str]:
    """Every table of head office's database with a row holding ``value`` (as text, or as bytes in a bytea)."""
    engine = create_engine(url)
    found = []
    try:
        with engine.connect() as c:
            tables = c.execute(text("SELECT tablename FROM pg_tables WHERE schemaname='public'")).scalars().all()
            for t in tables:
                if c.execute(text(f'SELECT count(*) FROM "{t}" x WHERE x::text LIKE :v'), {"v": f"%{value}%"}).scalar():
                    found.append(t)
                for col in c.execute(text("SELECT column_name FROM information_schema.columns WHERE table_name=:t "
                                          "AND data_type='bytea'"), {"t": t}).scalars():
                    if c.execute(text(f'SELECT count(*) FROM "{t}" WHERE position(convert_to(:v, \'UTF8\') IN "{col}") > 0'),
                                 {"v": value}).scalar():
                        found.append(f"{t}.{col}")
    finally:
        engine.dispose()
    return found


def test_a_purge_at_one_counter_leaves_no_trace_anywhere(tmp_path, pg_url_at_head, secret_service):
    hq_db = pg_url_at_head
    with network_of_two(tmp_path, hq_db, secret_service) as (net, c1, c2):
        name, phone, plate = OLD
        old_day = net.day(YEARS_AGO)
        month = old_day[:7]
        net.act(c1, "form", who="bj1admin", ro="RO-OLD", day=old_day, grades=["A", "D", "C"], overall=5,
                name=name, phone=phone, plate=plate)
        net.act(c1, "complaint", days_ago=YEARS_AGO, who="bj1admin", name=name, phone=phone, plate=plate,
                words="刹车异响")
        net.act(c1, "form", who="bj1admin", ro="RO-NEW", day=net.day(20), grades=["A", "A", "B"],
                name="王芳", phone="13900000001", plate="京B22222")
        for d in (c1, c2, c1):
            sync(net, d)
        net.cli("--data-dir", c2, "backup")  # a backup from before the purge, at the counter that only hears of it

        def figures():
            out = []
            for d in (c1, c2):
                pdf = tmp_path / f"{d.name}.pdf"
                net.cli("--data-dir", d, "report", "feedback", "--month", month, "--out", pdf, "--lang", "en",
                        "--as", "bj1admin" if d == c1 else "bj2admin")
                # Every figure of the report; the masked name and phone are the anonymised ones now (the
                # masked phone's digits are no figure) and a row may wrap otherwise, so: all its figures.
                words = MASKED.sub(" ", "\n".join(line for line in pdf_text(pdf).splitlines() if not STAMP.search(line)))
                out.append((summary(net, d, month), sorted(NUMBER.findall(words))))
            return out

        before = figures()
        assert before[0][0]["forms"] == 1
        r = net.cli("--data-dir", c1, "privacy", "purge", "--as", "bj1sup", ok=False)
        assert r.returncode == 2 and "may not do this: it needs an administrator, and" in r.stderr, r.stderr
        r = net.cli("--data-dir", c1, "privacy", "purge", "--dry-run", "--as", "bj1admin")
        assert r.stdout.startswith("1 customers") and "nothing was changed" in r.stdout
        cid = net.cli("--data-dir", c1, "customers", "find", phone).stdout.split("\t")[0]
        assert len(cid) == 36
        r = net.cli("--data-dir", c1, "privacy", "purge", "--as", "bj1admin")
        assert r.stdout.startswith("1 customers") and "(1 cases, 1 forms)" in r.stdout
        for d in (c2, c1, c2):
            sync(net, d)

        after = figures()
        for (sa, fa), (sb, fb) in zip(after, before):
            assert sa == sb, {k: (sa.get(k), sb.get(k)) for k in set(sa) | set(sb) if sa.get(k) != sb.get(k)}
            assert fa == fb and len(fa) > 20, (fa, fb)
        for d in (c1, c2):
            assert net.cli("--data-dir", d, "customers", "find", phone).stdout == ""
            for where, data in ((d.name, store_bytes(d)), (f"{d.name}'s newest backup", newest_backup_bytes(d))):
                for value in OLD:
                    assert value.encode() not in data, f"{where} still holds {value}"
        kept = b"".join(f.read_bytes() for f in (tmp_path / "inbox").rglob("*.casefile"))
        for value in OLD:
            assert rows_at_head_office(hq_db, value) == [], value
            assert value.encode() not in kept, f"a file head office keeps still holds {value}"
        # The customer's own records, on request: the family name is all that is left.
        pdf = tmp_path / "records.pdf"
        net.cli("--data-dir", c1, "privacy", "export", "--customer", cid, "--out", pdf, "--lang", "en",
                "--as", "bj1sup")
        words = pdf_text(pdf)
        assert "Your records with us" in words and "RO-OLD" in words and "Printed by 王主管" in words
        assert name not in words and phone not in words
