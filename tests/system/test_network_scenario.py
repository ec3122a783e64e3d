"""The network end to end, through the public command line and real processes: head office on
PostgreSQL behind `hq serve`; dealer BJ01 with a counter that worked offline for a week before it
connected and a second one that connects fresh; dealer SH02 with one counter. Every kind of record
is made through the desk's services, the link is cut in the middle of a round, and at the end every
place holds each record of its dealer exactly once, the same figures, the same timelines."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from app.foundation import clock
from app.foundation.secrets import SERVICE, counter_key
from tests import network_compare as nc
from tests.helpers import csv_file, form_line
from tests.pdftext import pdf_text
from tests.system import desk_actions
from tests.system.hqserver import ROOT, HqServer

pytestmark = pytest.mark.slow


class CuttingProxy:
    """Forwards TCP to ``target_port``; while ``armed``, each connection is cut (both ways) once
    ``cut_after`` bytes have passed in either direction: a link that dies in the middle of a round."""

    def __init__(self, target_port: int, cut_after: int = 2048) -> None:
        self.target, self.cut_after = target_port, cut_after
        self.armed = threading.Event()
        self.cuts = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            passed = [0]
            lock = threading.Lock()
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(src, dst, client, upstream, passed, lock), daemon=True).start()

    def _pipe(self, src, dst, client, upstream, passed, lock) -> None:
        try:
            while True:
                data = src.recv(4096)
                if not data:
                    break
                with lock:
                    passed[0] += len(data)
                    cut = self.armed.is_set() and passed[0] > self.cut_after
                if cut:
                    self.cuts += 1
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (client, upstream):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


class Network:
    """The processes of the scenario: the command line and the desk's actions, at a chosen time."""

    def __init__(self, tmp_path: Path, secret_service) -> None:
        self.tmp = tmp_path
        self.env = dict(secret_service.child_env(), PYTHONPATH=str(ROOT), RECOVERY_DESK_PIN=desk_actions.PIN)
        self.now = clock.now()  # the suite's instant: "today" of the scenario
        self.log: list[str] = []
        self.gaps: list[str] = []  # steps that depend on another counter's work and could not be done

    def _env(self, days_ago: float):
        env = dict(self.env)
        if days_ago:
            # The program's clock for this process only: the suite's "now" moved back, still running.
            env[clock.ENV] = clock.setting_for(clock.now() - timedelta(days=days_ago))
        return env

    def cli(self, *args, days_ago: float = 0, ok: bool = True) -> subprocess.CompletedProcess:
        r = subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                           env=self._env(days_ago), timeout=300)
        self.log.append(f"$ recovery-desk {' '.join(map(str, args))} -> {r.returncode}\n{r.stdout}{r.stderr}")
        if ok:
            assert r.returncode == 0, f"recovery-desk {' '.join(map(str, args))} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
        return r

    def act(self, data_dir: Path, action: str, days_ago: float = 0, soft: str = "", **kw) -> dict | None:
        """``soft``: what the step needs from elsewhere; if it fails, that is noted and the scenario goes
        on, so one run shows every gap at once."""
        r = subprocess.run([sys.executable, "-m", "tests.system.desk_actions", str(data_dir), action,
                            json.dumps(kw, ensure_ascii=False)], cwd=ROOT, capture_output=True, text=True,
                           env=self._env(days_ago), timeout=300)
        if r.returncode != 0 and soft:
            last = (r.stderr.strip().splitlines() or ["?"])[-1]
            self.gaps.append(f"{data_dir.name}: {action} {kw} could not be done ({soft}): {last}")
            return None
        assert r.returncode == 0, f"desk action {action} {kw} at {data_dir.name} failed:\n{r.stderr[-3000:]}"
        return json.loads(r.stdout.strip().splitlines()[-1])

    def day(self, days_ago: float) -> str:
        return (self.now - timedelta(days=days_ago)).astimezone().date().isoformat()

    def month(self, days_ago: float = 0) -> str:
        return self.day(days_ago)[:7]


ORDERS_HEADER = "工单号,开单时间,承诺交车时间,交车时间,服务顾问,客户,电话,车牌,VIN/车架号,维修类型,金额,里程"
SYNC_LINE = re.compile(r"Sent (\d+) file\(s\).*received (\d+) file\(s\).*Waiting: (\d+)")


def sync(net: Network, data_dir: Path, ok: bool = True) -> tuple[int, int, int] | None:
    r = net.cli("--data-dir", data_dir, "sync", "--once", ok=ok)
    m = SYNC_LINE.search(r.stdout)
    return tuple(map(int, m.groups())) if m else None


def summary(net: Network, data_dir: Path, month: str) -> dict:
    return json.loads(net.cli("--data-dir", data_dir, "feedback", "summary", "--month", month, "--json").stdout)


NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?%?")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|\d{2}:\d{2}")


def pdf_figures(path: Path) -> list[tuple[str, list[str]]]:
    """Each text line's figures (numbers and percentages) with the line's words, leaving out lines
    with a time of day (when the report was printed)."""
    out = []
    for line in pdf_text(path).splitlines():
        if STAMP.search(line):
            continue
        figs = NUMBER.findall(line)
        if figs:
            out.append((" ".join(NUMBER.sub("#", line).split()), figs))
    return out


def test_two_dealers_three_counters_converge(tmp_path, pg_url_at_head, secret_service):
    net = Network(tmp_path, secret_service)
    hq_db = pg_url_at_head
    c1, c2, sh = tmp_path / "bj01-counter1", tmp_path / "bj01-counter2", tmp_path / "sh02-counter"
    made = {"BJ01": {"feedback_form": set(), "failure_case": set(), "remedy": set(), "attachment": set(),
                     "verification_call": set()},
            "SH02": {"feedback_form": set(), "failure_case": set(), "remedy": set()}}

    # --- BJ01 counter 1: a week offline before head office exists for it ---------------------------
    net.act(c1, "people", days_ago=7, admin="bj1admin",
            others=[["bj1sup", "王主管", "supervisor"], ["bj1adv", "李顾问", "advisor"]])
    rows = [form_line(net.day(7), f"BJ1-RO-{i:03d}", g, advisor="李顾问", customer=f"客户{i}",
                      phone=f"1390000{i:04d}", plate=f"京A{i:05d}", overall=o, comment=c)
            for i, (g, o, c) in enumerate([("AAA", "10", ""), ("ABA", "9", "很好"), ("BDB", "4", "异响没修好"),
                                           ("AAB", "", ""), ("CBA", "7", "等太久")])]
    net.cli("--data-dir", c1, "feedback", "import", csv_file(tmp_path / "bj1.csv", rows), "--as", "bj1admin",
            days_ago=7)
    failing = net.act(c1, "form", days_ago=6, who="bj1adv", ro="BJ1-RO-100", day=net.day(6), grades=["A", "E", "C"],
                      overall=3, comment="刹车还响", name="陈先生", phone="13911112222", plate="京B12345")
    assert failing["failure"] and failing["alerts"], failing
    made["BJ01"]["feedback_form"].add(failing["form_id"])
    case_a = net.act(c1, "case_from_form", days_ago=6, who="bj1adv", form_id=failing["form_id"])
    walked = net.act(c1, "walk", days_ago=6, who="bj1adv", case_id=case_a["case_id"], remedy=["discount", 200, "工时八折"])
    assert walked["status"] == "awaiting_callback", walked
    made["BJ01"]["remedy"].add(walked["remedy_id"])
    case_b = net.act(c1, "complaint", days_ago=5, who="bj1adv", name="刘女士", phone="13922223333", plate="京C54321",
                     words="车漆划伤", ro="BJ1-RO-200")
    walked_b = net.act(c1, "walk", days_ago=5, who="bj1adv", case_id=case_b["case_id"],
                       remedy=["voucher", 800, "保养代金券"])
    assert walked_b["remedy_status"] == "pending_approval", walked_b  # above the advisor's 300
    made["BJ01"]["remedy"].add(walked_b["remedy_id"])
    case_c = net.act(c1, "complaint", days_ago=4, who="bj1adv", name="孙先生", phone="13933334444", plate="京D11111",
                     words="交车晚了三天")
    net.act(c1, "walk", days_ago=4, who="bj1adv", case_id=case_c["case_id"], stop_before="offer_remedy")
    net.act(c1, "escalate", days_ago=4, who="bj1sup", case_id=case_c["case_id"], reason="客户要求店总回复")
    calls = net.act(c1, "verify", days_ago=3, who="bj1sup", outcomes=["confirmed", "disputed"])
    made["BJ01"]["verification_call"] |= {c["call_id"] for c in calls["calls"]}
    net.act(c1, "ack_alerts", days_ago=3, who="bj1sup", count=1)
    photo = tmp_path / "划痕.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    att = net.act(c1, "attach", days_ago=3, who="bj1adv", case_id=case_b["case_id"], path=str(photo))
    made["BJ01"]["attachment"].add(att["attachment_id"])
    net.act(c1, "not_reached", days_ago=2, who="bj1adv", case_id=case_a["case_id"])
    # Repair orders from the management system and their 3-day calls. An order's reached mark is worked
    # out at each place from the events it holds, so it must agree everywhere after the rounds.
    orders = [f"BJ1-RO-{n},{net.day(6)} 09:00,{net.day(6)} 17:00,{net.day(5)} 10:00,李顾问,客户{n},"
              f"13900{n}000,京F{n}00,,保养,680,15230" for n in (301, 302)]
    (tmp_path / "bj1-dms.csv").write_bytes("\n".join([ORDERS_HEADER, *orders, ""]).encode("gb18030"))
    net.cli("--data-dir", c1, "orders", "import", tmp_path / "bj1-dms.csv", "--as", "bj1adv", days_ago=4)
    net.act(c1, "call", days_ago=2, who="bj1adv", ro="BJ1-RO-301", reached=False)
    on_call = net.act(c1, "call", days_ago=2, who="bj1adv", ro="BJ1-RO-301", reached=True, day=net.day(5),
                      grades=["A", "A", "B"], name="客户301", phone="13900301000", plate="京F30100")
    made["BJ01"]["feedback_form"].add(on_call["form_id"])
    done_a = net.act(c1, "callback", days_ago=1, who="bj1adv", case_id=case_a["case_id"], rating=9, words="修好了")
    assert done_a == {"recovered": True, "status": "closed"}, done_a
    made["BJ01"]["failure_case"] |= {case_a["case_id"], case_b["case_id"], case_c["case_id"]}

    # --- head office, enrolment ----------------------------------------------------------------------
    net.cli("hq", "dealer", "add", "--db", hq_db, "BJ01", "北京一店")
    net.cli("hq", "dealer", "add", "--db", hq_db, "SH02", "上海二店")
    server = HqServer(hq_db, tmp_path / "inbox", tmp_path / "server.log").start()
    proxy = CuttingProxy(server.port)
    try:
        def code(dealer):
            return net.cli("hq", "enrol", "--db", hq_db, "--dealer", dealer).stdout.strip()

        # Counter 1 goes through a line that will be cut later; the others connect directly.
        net.cli("--data-dir", c1, "connect", "--url", proxy.url, "--code", code("BJ01"), "--label", "BJ01 counter 1")
        net.cli("--data-dir", c2, "connect", "--url", server.url, "--code", code("BJ01"), "--label", "BJ01 counter 2")
        net.act(c2, "people", admin="bj2admin", others=[["bj2sup", "赵主管", "supervisor"], ["bj2adv", "周顾问", "advisor"]])
        net.cli("--data-dir", sh, "connect", "--url", server.url, "--code", code("SH02"), "--label", "SH02 counter")
        net.act(sh, "people", admin="sh1admin", others=[["sh1sup", "钱主管", "supervisor"], ["sh1adv", "吴顾问", "advisor"]])

        # The credential is in the Secret Service, readable back through it, and in no file of a data dir.
        secrets_held = {attrs.get("username"): value for attrs, value in secret_service.items()
                        if attrs.get("service") == SERVICE}
        assert len(secrets_held) == 3, f"expected 3 counter credentials in the Secret Service, found {sorted(secrets_held)}"
        assert all(k.startswith(counter_key("")) for k in secrets_held), sorted(secrets_held)
        for d in (c1, c2, sh):
            for f in d.rglob("*"):
                if f.is_file():
                    data = f.read_bytes()
                    for value in secrets_held.values():
                        assert value.encode() not in data, f"the sync credential is written in {f}"

        # SH02's own work.
        sh_rows = [form_line(net.day(1), f"SH-RO-{i:03d}", g, advisor="吴顾问", customer=f"沪客{i}",
                             phone=f"1370000{i:04d}", plate=f"沪A{i:05d}", overall=o)
                   for i, (g, o) in enumerate([("AAA", "10"), ("BBD", "5"), ("ABA", "8")])]
        net.cli("--data-dir", sh, "feedback", "import", csv_file(tmp_path / "sh.csv", sh_rows), "--as", "sh1admin",
                days_ago=1)
        sh_case = net.act(sh, "complaint", who="sh1adv", name="马先生", phone="13744445555", plate="沪B22222",
                          words="空调不制冷")
        sh_walk = net.act(sh, "walk", who="sh1adv", case_id=sh_case["case_id"], remedy=["free_rework", 0, "免费返修"])
        made["SH02"]["failure_case"].add(sh_case["case_id"])
        made["SH02"]["remedy"].add(sh_walk["remedy_id"])
        net.act(sh, "ack_alerts", who="sh1sup", count=1)

        # --- rounds of sync; the link to counter 1 dies in the middle of one ----------------------
        proxy.armed.set()
        cut = net.cli("--data-dir", c1, "sync", "--once", ok=False)
        proxy.armed.clear()
        assert proxy.cuts > 0, "the proxy never cut the link: the round was smaller than its threshold"
        assert cut.returncode == 1 and "can't be reached" in cut.stderr, (
            f"a round cut mid-way should fail as 'can't be reached' and keep its changes waiting:\n{cut.stdout}{cut.stderr}")
        for d in (c1, c2, sh):
            sync(net, d)
        # Counter 2's supervisor approves counter 1's remedy; counter 1 carries on when it arrives.
        approved = net.act(c2, "approve", who="bj2sup", remedy_id=walked_b["remedy_id"],
                           soft="counter 1's remedy waiting for approval must have reached counter 2")
        if approved is not None and approved["status"] != "offered":
            net.gaps.append(f"approving at counter 2 left the remedy {approved['status']}, not offered")
        c2_form = net.act(c2, "form", who="bj2adv", ro="BJ2-RO-001", day=net.day(0), grades=["D", "C", "B"], overall=4,
                          name="郑先生", phone="13955556666", plate="京E33333")
        made["BJ01"]["feedback_form"].add(c2_form["form_id"])
        sync(net, c2)
        sync(net, c1)
        # Counter 1 corrects the form counter 2 typed (a form's edit travels the other way).
        net.act(c1, "correct", who="bj1sup", form_id=c2_form["form_id"], changes={"comment": "客户补充：等待时间长"},
                soft="counter 2's form must have reached counter 1")
        finished_b = net.act(c1, "walk", who="bj1adv", case_id=case_b["case_id"],
                             soft="counter 2's approval must have reached counter 1")
        if finished_b is not None and finished_b["status"] != "awaiting_callback":
            net.gaps.append(f"counter 1 could not finish case {case_b['number']}'s script after the approval "
                            f"came back: it is {finished_b['status']} ({finished_b['done']} done)")
        net.act(c1, "callback", who="bj1adv", case_id=case_b["case_id"], rating=8, words="满意",
                soft="the case must be awaiting its callback after the approval")
        # Counter 2 reaches the customer of an order counter 1 imported.
        on_call_2 = net.act(c2, "call", who="bj2adv", ro="BJ1-RO-302", reached=True, day=net.day(5),
                            grades=["B", "A", "A"], name="客户302", phone="13900302000", plate="京F30200",
                            soft="counter 1's repair orders must have reached counter 2")
        if on_call_2 is not None:
            made["BJ01"]["feedback_form"].add(on_call_2["form_id"])
        for _ in range(8):
            rounds = [sync(net, d) for d in (c1, c2, sh)]
            if all(r is not None and r == (0, 0, 0) for r in rounds):
                break
        else:
            pytest.fail("sync never went quiet: the last round was " + repr(rounds))
    finally:
        proxy.close()
        server.stop()

    # --- the comparison ------------------------------------------------------------------------------
    hq = nc.snapshot("head office", hq_db)
    s1, s2, s3 = nc.snapshot("BJ01 counter 1", c1), nc.snapshot("BJ01 counter 2", c2), nc.snapshot("SH02 counter", sh)
    dealer_of = {r["code"]: r["id"] for r in hq.rows["dealer"].values()}
    bj, shd = dealer_of["BJ01"], dealer_of["SH02"]
    problems = list(net.gaps)
    problems += nc.compare_dealer(bj, [hq, s1, s2])
    problems += nc.compare_dealer(shd, [hq, s3])
    problems += nc.foreign_rows(s1, bj) + nc.foreign_rows(s2, bj) + nc.foreign_rows(s3, shd)
    problems += nc.compare_timelines(bj, [hq, s1, s2]) + nc.compare_timelines(shd, [hq, s3])
    for snap in (hq, s1, s2):
        problems += nc.missing_ids(snap, made["BJ01"])
    for snap in (hq, s3):
        problems += nc.missing_ids(snap, made["SH02"])
    problems += [f"head office: {t} {k} belongs to neither dealer ({o})" for t, per in hq.owner.items()
                 for k, o in per.items() if o not in (bj, shd)]
    # Case numbers: unique across the network; made after enrolment, they carry the dealer's code.
    numbers = {r["number"]: r["dealer_id"] for r in hq.rows.get("failure_case", {}).values()}
    if not sh_case["number"].startswith("SH02"):
        problems.append(f"SH02 counter: case {sh_case['case_id']} opened after "
                        f"enrolment is numbered {sh_case['number']}, not with the dealer's code SH02")
    for n, d in numbers.items():
        if d == bj and not n.startswith("BJ01") and n not in {case_a["number"], case_b["number"], case_c["number"]}:
            problems.append(f"head office: BJ01 case {n} was opened after enrolment but is not numbered BJ01-...")
    # Nothing left waiting, refused or in conflict once the rounds went quiet.
    for d in (c1, c2, sh):
        r = net.cli("--data-dir", d, "sync", "--problems", ok=False)
        if r.returncode != 0 or "No sync problems." not in r.stdout:
            problems.append(f"{d.name}: sync --problems lists: {(r.stdout + r.stderr).strip()[:600]}")
    r = net.cli("hq", "conflicts", "--db", hq_db, ok=False)
    if "No conflicts waiting." not in r.stdout:
        problems.append(f"head office: hq conflicts lists: {(r.stdout + r.stderr).strip()[:600]}")
    for snap in (hq, s1, s2):
        marks = {r["number"]: bool(r["call_reached"]) for r in snap.of_dealer("repair_order", bj).values()
                 if r["number"] in ("BJ1-RO-301", "BJ1-RO-302")}
        if marks != {"BJ1-RO-301": True, "BJ1-RO-302": True}:
            problems.append(f"{snap.name}: the repair orders' reached marks are {marks}, both calls were reached")
    # The photo's file itself reached counter 2, not only its row.
    files = net.act(c2, "attachment_files", case_id=case_b["case_id"])["files"]
    if not any(f["sha256"] == att["sha256"] and f["exists"] for f in files):
        problems.append(f"BJ01 counter 2: the photo of case {case_b['number']} is not there to open ({files})")

    for month in sorted({net.month(7), net.month(0)}):
        a, b = summary(net, c1, month), summary(net, c2, month)
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                problems.append(f"feedback summary --month {month} {k}: counter 1={a.get(k)!r} counter 2={b.get(k)!r}")
        shs = summary(net, sh, month)
        if month == net.month(1) and shs.get("forms") != 3:
            problems.append(f"SH02 feedback summary --month {month} forms: {shs.get('forms')!r}, expected 3")
        for kind in ("feedback", "cases"):
            pdfs = []
            for d in (c1, c2):
                out = tmp_path / f"{d.name}-{kind}-{month}.pdf"
                net.cli("--data-dir", d, "report", kind, "--month", month, "--out", out, "--lang", "en",
                        "--as", "bj1admin" if d == c1 else "bj2admin")
                pdfs.append(pdf_figures(out))
            for i, (x, y) in enumerate(zip(*pdfs)):
                if x != y:
                    problems.append(f"report {kind} --month {month}, figure line {i + 1}: counter 1={x} counter 2={y}")
            if len(pdfs[0]) != len(pdfs[1]):
                problems.append(f"report {kind} --month {month}: {len(pdfs[0])} figure lines at counter 1, "
                                f"{len(pdfs[1])} at counter 2")

    assert not problems, nc.report("the network after the rounds of sync", problems) + "\n\nlast commands:\n" + "\n".join(
        entry[:400] for entry in net.log[-6:])
