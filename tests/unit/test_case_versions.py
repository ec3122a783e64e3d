"""Every command that changes a case takes the case version the caller saw: a stale one is refused
with CaseChanged (who changed it and when) and writes nothing; a fresh one succeeds; racing writers
yield exactly one success. The acting person's stored role and active state are checked each time."""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

import pytest
from sqlalchemy import func, select, update

from app.foundation.errors import CaseChanged
from app.models import Attachment, Callback, Event, FailureCase, Remedy, User
from app.models.store import open_store
from app.rules.vocab import StepKind
from app.scripts.library import library_for
from app.services.cases.attachments import add_attachment
from app.services.recovery.callbacks import callbacks_due, record_not_reached, record_reached
from app.services.cases.case_log import NotAllowed
from app.services.recovery.guide import close_case, escalate, guide, record_step, reopen
from app.services.recovery.remedies import approve_remedy, pending_approvals, propose_remedy, refuse_remedy
from app.sync.apply import apply_file, records_for
from tests.recovery_helpers import T0, add_user, case_for

PACK = library_for(None).pack
AT = T0 + timedelta(hours=1)


@pytest.fixture
def people(store):
    return {"advisor": add_user(store, "张伟", "advisor"), "supervisor": add_user(store, "刘主管", "supervisor"),
            "supervisor2": add_user(store, "陈经理", "supervisor"), "other": add_user(store, "王五", "advisor")}


def version(store, case_id) -> int:
    with store.session() as s:
        return s.get(FailureCase, case_id).version


def snapshot(store, case_id) -> tuple:
    """Everything a case command may write, to show a refused one wrote nothing."""
    with store.session() as s:
        c = s.get(FailureCase, case_id)
        return (c.version, c.status, c.first_response_at, c.closed_at, c.root_cause,
                s.scalar(select(func.count()).select_from(Event).where(Event.entity_id == case_id)),
                tuple(s.execute(select(Remedy.id, Remedy.status).where(Remedy.case_id == case_id)
                                .order_by(Remedy.id)).all()),
                tuple(s.execute(select(Callback.id, Callback.state, Callback.not_reached)
                                .where(Callback.case_id == case_id)).all()),
                s.scalar(select(func.count()).select_from(Attachment).where(Attachment.case_id == case_id)))


def step_index(store, case_id, *, skippable=False) -> int:
    g = guide(store, case_id, PACK, now=AT)
    return next(st.step.index for st in g.steps[g.current:] if st.step.skippable or not skippable)


def finish_script(store, case_id, actor) -> None:
    at = AT
    g = guide(store, case_id, PACK, now=at)
    for st in g.steps[g.current:]:
        at += timedelta(minutes=2)
        if st.step.kind == StepKind.OFFER_REMEDY:
            propose_remedy(store, case_id, "discount", 200, "", actor, now=at)
        record_step(store, case_id, PACK, st.step.index, "done", "", actor, now=at)


@dataclass
class Command:
    """A case command: ``prepare`` brings the case to where it applies and returns what ``run`` needs."""

    name: str
    prepare: Callable
    run: Callable  # (store, ctx, people, expected_version) -> anything


def _open(store, p, tmp_path):
    return {"case": case_for(store, p["advisor"])}


def _in_recovery(store, p, tmp_path):
    ctx = _open(store, p, tmp_path)
    record_step(store, ctx["case"], PACK, 0, "noted", "客户到店", p["advisor"], now=AT)
    return ctx


def _pending_remedy(store, p, tmp_path):
    ctx = _in_recovery(store, p, tmp_path)
    ctx["remedy"] = propose_remedy(store, ctx["case"], "refund", 1000, "", p["advisor"], now=AT).id
    return ctx


def _closed(store, p, tmp_path):
    ctx = _in_recovery(store, p, tmp_path)
    close_case(store, ctx["case"], "配件缺货", "提前备货", p["supervisor"], now=AT)
    return ctx


def _awaiting_callback(store, p, tmp_path):
    ctx = _open(store, p, tmp_path)
    finish_script(store, ctx["case"], p["advisor"])
    ctx["callback"] = next(cb.id for cb in callbacks_due(store) if cb.case_id == ctx["case"])
    return ctx


def _with_file(store, p, tmp_path):
    ctx = _open(store, p, tmp_path)
    f = tmp_path / "photo.jpg"
    f.write_bytes(b"\xff\xd8 not really a photo")
    ctx["file"] = f
    return ctx


COMMANDS = [
    Command("step done", _open, lambda st, c, p, v: record_step(st, c["case"], PACK, step_index(st, c["case"]),
                                                              "done", "", p["advisor"], expected_version=v)),
    Command("step skipped", _open, lambda st, c, p, v: record_step(
        st, c["case"], PACK, step_index(st, c["case"], skippable=True), "skipped", "客户赶时间", p["advisor"],
        expected_version=v)),
    Command("step noted", _open, lambda st, c, p, v: record_step(st, c["case"], PACK, 0, "noted", "客户很生气",
                                                               p["advisor"], expected_version=v)),
    Command("remedy offered", _in_recovery, lambda st, c, p, v: propose_remedy(
        st, c["case"], "voucher", 100, "保养券", p["advisor"], expected_version=v)),
    Command("remedy approved", _pending_remedy, lambda st, c, p, v: approve_remedy(
        st, c["remedy"], p["supervisor"], "同意", expected_version=v)),
    Command("remedy refused", _pending_remedy, lambda st, c, p, v: refuse_remedy(
        st, c["remedy"], p["supervisor"], "金额太高", expected_version=v)),
    Command("escalated", _in_recovery, lambda st, c, p, v: escalate(st, c["case"], "客户要求经理处理", p["advisor"],
                                                                  expected_version=v)),
    Command("closed unrecovered", _in_recovery, lambda st, c, p, v: close_case(
        st, c["case"], "配件缺货", "提前备货", p["supervisor"], expected_version=v)),
    Command("reopened", _closed, lambda st, c, p, v: reopen(st, c["case"], "客户又来电", p["advisor"],
                                                           expected_version=v)),
    Command("callback reached", _awaiting_callback, lambda st, c, p, v: record_reached(
        st, c["callback"], 9, "满意", p["advisor"], root_cause="配件", improvement="备货", expected_version=v)),
    Command("callback not reached", _awaiting_callback, lambda st, c, p, v: record_not_reached(
        st, c["callback"], p["advisor"], "无人接听", expected_version=v)),
    Command("attachment added", _with_file, lambda st, c, p, v: add_attachment(st, c["case"], c["file"],
                                                                              p["advisor"], expected_version=v)),
]
IDS = [c.name for c in COMMANDS]


def someone_else_changes(store, case_id, people) -> None:
    """Another session (another window, a supervisor at the same PC) writes to the case meanwhile.
    Attaching a file is possible in every state, so it serves every command."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
        f.write(b"note")
    add_attachment(store, case_id, f.name, people["other"])


@pytest.mark.parametrize("cmd", COMMANDS, ids=IDS)
def test_a_stale_version_is_refused_naming_who_and_when_and_writes_nothing(store, people, tmp_path, cmd):
    ctx = cmd.prepare(store, people, tmp_path)
    seen = version(store, ctx["case"])
    someone_else_changes(store, ctx["case"], people)
    before = snapshot(store, ctx["case"])
    with pytest.raises(CaseChanged) as caught:
        cmd.run(store, ctx, people, seen)
    assert snapshot(store, ctx["case"]) == before
    err = caught.value
    assert err.params["seen"] == seen and err.params["version"] == seen + 1
    with store.session() as s:
        last = s.scalar(select(Event).where(Event.entity_id == ctx["case"]).order_by(Event.seq.desc()).limit(1))
    assert err.at == last.occurred_at
    when = last.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert err.render() == (f"Case {err.params['number']} was changed by 王五 at {when}, after you opened it. "
                            "Your change was not saved.")


@pytest.mark.parametrize("cmd", COMMANDS, ids=IDS)
def test_the_version_seen_succeeds_and_moves_the_case_on(store, people, tmp_path, cmd):
    ctx = cmd.prepare(store, people, tmp_path)
    seen = version(store, ctx["case"])
    cmd.run(store, ctx, people, seen)
    assert version(store, ctx["case"]) > seen


@pytest.mark.parametrize("cmd", COMMANDS, ids=IDS)
def test_no_version_means_no_check(store, people, tmp_path, cmd):
    ctx = cmd.prepare(store, people, tmp_path)
    someone_else_changes(store, ctx["case"], people)
    seen = version(store, ctx["case"])
    cmd.run(store, ctx, people, None)
    assert version(store, ctx["case"]) > seen


@pytest.mark.parametrize("cmd", COMMANDS, ids=IDS)
def test_a_deactivated_person_is_refused_on_every_command(store, people, tmp_path, cmd):
    ctx = cmd.prepare(store, people, tmp_path)
    with store.session() as s, s.begin():
        s.execute(update(User).values(active=False).where(User.id.in_([people["advisor"], people["supervisor"]])))
    before = snapshot(store, ctx["case"])
    with pytest.raises(NotAllowed, match="no longer active"):
        cmd.run(store, ctx, people, version(store, ctx["case"]))
    assert snapshot(store, ctx["case"]) == before


def test_a_role_lowered_while_signed_in_counts_at_once(store, people, tmp_path):
    for prepare, run in ((_in_recovery, lambda c, v: close_case(store, c["case"], "x", "y", people["supervisor"],
                                                                expected_version=v)),
                         (_pending_remedy, lambda c, v: approve_remedy(store, c["remedy"], people["supervisor"],
                                                                       expected_version=v))):
        with store.session() as s, s.begin():
            s.execute(update(User).values(role="supervisor").where(User.id == people["supervisor"]))
        ctx = prepare(store, people, tmp_path)
        with store.session() as s, s.begin():
            s.execute(update(User).values(role="advisor").where(User.id == people["supervisor"]))
        before = snapshot(store, ctx["case"])
        with pytest.raises(NotAllowed, match="only a supervisor"):
            run(ctx, version(store, ctx["case"]))
        assert snapshot(store, ctx["case"]) == before


def test_the_message_says_you_in_another_window(store, people):
    case_id = case_for(store, people["advisor"])
    seen = version(store, case_id)
    record_step(store, case_id, PACK, 0, "noted", "第一个窗口", people["advisor"], expected_version=seen)
    with pytest.raises(CaseChanged) as caught:
        record_step(store, case_id, PACK, 0, "noted", "第二个窗口", people["advisor"], expected_version=seen)
    assert "changed by you (in another window) at" in caught.value.render()


def test_a_change_pulled_from_another_counter_applies_and_the_stale_local_command_is_refused(store, people):
    """The sync brings another counter's change to the same case: it applies (it was made on the
    version this counter has, so it is no conflict); the advisor's command on the older view is
    refused naming that counter's person."""
    case_id = case_for(store, people["advisor"])
    seen = version(store, case_id)
    with store.session() as s:
        last = s.scalar(select(Event).where(Event.entity_id == case_id, Event.seq == seen))
        records = records_for(s, [last])
        dealer_id = last.dealer_id
    elsewhere = "0190aaaa-0000-7000-8000-00000000beef"
    user = {**records["user"][0], "id": "0190aaaa-0000-7000-8000-0000000000aa", "username": "zhao",
            "display_name": "赵六", "role": "advisor"}
    at = T0 + timedelta(hours=2)
    ev = {"id": "0190aaaa-0000-7000-8000-000000000001", "entity_type": "case", "entity_id": case_id,
          "seq": seen + 1, "kind": "recovery.step", "payload": {"index": 0, "kind": "listen", "outcome": "noted",
                                                                "text": "另一个柜台"},
          "actor_id": user["id"], "dealer_id": dealer_id, "origin": elsewhere, "occurred_at": at.isoformat(),
          "base": {"seq": seen, "event_id": last.id}}
    case_rec = {**records["failure_case"][0], "version": seen + 1, "updated_at": at.isoformat()}
    with store.session() as s, s.begin():
        res = apply_file(s, dealer_id, [ev], {**records, "user": records["user"] + [user],
                                              "failure_case": [case_rec]})
    assert res.events_new == 1 and not res.conflicts
    assert version(store, case_id) == seen + 1
    with pytest.raises(CaseChanged) as caught:
        record_step(store, case_id, PACK, 0, "noted", "本柜台", people["advisor"], expected_version=seen)
    assert "changed by 赵六 at another counter at" in caught.value.render()
    assert caught.value.at == at
    # Seen afresh, the advisor's step goes on top of the pulled change.
    g = record_step(store, case_id, PACK, 0, "noted", "本柜台", people["advisor"], expected_version=seen + 1)
    assert g.version == seen + 2


def _race(store_dir, case_id, actor, seen, results, barrier) -> None:
    st = open_store(store_dir)
    try:
        barrier.wait()
        record_step(st, case_id, PACK, 0, "noted", "抢先", actor, expected_version=seen)
        results.append("ok")
    except CaseChanged:
        results.append("changed")
    except Exception as exc:  # noqa: BLE001 - any other outcome fails the test below
        results.append(repr(exc))
    finally:
        st.close()


@pytest.mark.parametrize("writers", [2, 4])
def test_racing_threads_yield_exactly_one_success(store, people, data_dir, writers):
    for _round in range(5):
        case_id = case_for(store, people["advisor"])
        seen = version(store, case_id)
        results: list[str] = []
        barrier = threading.Barrier(writers)
        threads = [threading.Thread(target=_race, args=(data_dir, case_id, people["advisor"], seen, results, barrier))
                   for _ in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results) == ["changed"] * (writers - 1) + ["ok"]
        with store.session() as s:
            seqs = list(s.scalars(select(Event.seq).where(Event.entity_id == case_id).order_by(Event.seq)))
        assert seqs == list(range(1, seen + 2))


def _race_process(store_dir, case_id, actor, seen, queue, barrier) -> None:
    results: list[str] = []
    _race(store_dir, case_id, actor, seen, results, barrier)
    queue.put(results[0])


def test_racing_processes_yield_exactly_one_success(store, people, data_dir):
    case_id = case_for(store, people["advisor"])
    seen = version(store, case_id)
    ctx = multiprocessing.get_context("spawn")
    queue, barrier = ctx.Queue(), ctx.Barrier(3)
    procs = [ctx.Process(target=_race_process, args=(data_dir, case_id, people["advisor"], seen, queue, barrier))
             for _ in range(3)]
    for p in procs:
        p.start()
    results = sorted(queue.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(30)
    assert results == ["changed", "changed", "ok"]
    assert version(store, case_id) == seen + 1


def test_approvals_and_callbacks_lists_carry_the_case_version(store, people, tmp_path):
    ctx = _pending_remedy(store, people, tmp_path)
    assert [r.case_version for r in pending_approvals(store)] == [version(store, ctx["case"])]
    ctx = _awaiting_callback(store, people, tmp_path)
    assert {cb.case_version for cb in callbacks_due(store) if cb.case_id == ctx["case"]} == \
        {version(store, ctx["case"])}
