"""The case-file format: signing, every refusal named, version range, atomic writes, the schema."""

import json
from pathlib import Path

import pytest

from app.sync import casefile
from app.foundation.paths import write_atomic
from app.sync.casefile import CaseFileRejected

SECRET = "11" * 32
OTHER = "22" * 32
COUNTER = "01a20000-0000-7000-8000-000000000001"


def body(**kw):
    b = casefile.build_body(dealer_id="d1", dealer_code="BJ01", counter=COUNTER, sequence=3,
                            created_at="2026-11-22T08:00:00+00:00", records={}, events=[
            {"id": "e1", "entity_type": "case", "entity_id": "c1", "seq": 1, "kind": "case.opened",
             "payload": {"customer_name": "王先生"}, "actor_id": None, "dealer_id": "d1", "origin": COUNTER,
             "occurred_at": "2026-11-22T08:00:00+00:00"},
            {"id": "e2", "entity_type": "case", "entity_id": "c1", "seq": 2, "kind": "case.updated",
             "base": {"seq": 1, "event_id": "e1"}, "payload": {}, "actor_id": None, "dealer_id": "d1",
             "origin": COUNTER, "occurred_at": "2026-11-22T08:01:00+00:00"}])
    b.update(kw)
    return b


def keys(counter):
    return SECRET if counter == COUNTER else None


def refused(data: bytes) -> CaseFileRejected:
    with pytest.raises(CaseFileRejected) as info:
        casefile.parse(data, keys)
    return info.value


def whole(b: dict, secret: str) -> bytes:
    """A signed file as encoding the whole document gives it."""
    from app.foundation import signing

    mark = {"alg": casefile.ALG, "key": b["counter"], "value": signing.sign(secret, b)}
    return signing.canonical(dict(b, signature=mark)) + b"\n"


@pytest.mark.parametrize("b", [
    body(), body(version=casefile.VERSION + 1),
    {k: v for k, v in body().items() if k != "version"},  # nothing sorts after the signature
    {"counter": COUNTER},  # only one key, before it
    {"counter": COUNTER, "zz": [1.5, "é", None], "signed": {"b": 1, "a": 2}},  # keys near and after it
    dict(body(), signature={"alg": "x"}),  # a document already signed: signed over, its signature replaced
])
def test_signing_gives_the_bytes_of_the_whole_document(b):
    assert casefile.sign(b, SECRET) == whole(b, SECRET)


def test_a_signed_file_reads_back():
    cf = casefile.parse(casefile.sign(body(), SECRET), keys)
    assert (cf.counter, cf.sequence, cf.dealer_code, len(cf.events)) == (COUNTER, 3, "BJ01", 2)
    assert cf.events[1]["base"] == {"seq": 1, "event_id": "e1"}


@pytest.mark.parametrize("damage, code, words", [
    (lambda d: d.replace("王先生".encode(), "李先生".encode()), "bad_signature", "changed after"),
    (lambda d: d[: len(d) // 2], "truncated", "truncated"),
    (lambda d: d.replace(b'"sequence":3', b'"sequence": 3'), "bad_signature", "changed after"),
    (lambda d: b"\x89PNG\r\n" + d, "not_a_case_file", "not UTF-8"),
    (lambda d: b"name,phone\n", "not_a_case_file", "not valid JSON"),
    (lambda d: d.replace(b"recovery-desk/case-file", b"something-else"), "not_a_case_file", "format"),
])
def test_damaged_files_are_refused_saying_which_check_failed(damage, code, words):
    exc = refused(damage(casefile.sign(body(), SECRET)))
    assert exc.code == code
    assert words in exc.render()


def test_re_signed_with_the_wrong_key_is_a_bad_signature():
    exc = refused(casefile.sign(body(), OTHER))
    assert exc.code == "bad_signature" and "key other than" in exc.render()


def test_a_future_version_says_upgrade_required():
    exc = refused(casefile.sign(body(version=casefile.VERSION + 1), SECRET))
    assert exc.code == "upgrade_required"
    assert exc.render().startswith("Upgrade required") and str(casefile.VERSION + 1) in exc.render()


def test_an_unknown_counter_is_named():
    exc = refused(casefile.sign(body(counter="01a20000-0000-7000-8000-00000000000f"), SECRET))
    assert exc.code == "unknown_counter" and "not enrolled" in exc.render()


def test_oversize_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(casefile, "MAX_FILE_BYTES", 100)
    assert refused(casefile.sign(body(), SECRET)).code == "oversize"


@pytest.mark.parametrize("change, field", [
    (lambda b: b["events"][1].pop("base"), "events[1].base"),
    (lambda b: b["events"][0].update(seq=0), "events[0].seq"),
    (lambda b: b["events"][0].update(entity_type="invoice"), "events[0].entity_type"),
    (lambda b: b["events"][0].update(dealer_id="elsewhere"), "events[0].dealer_id"),
    (lambda b: b["events"][1].update(origin="00000000-0000-7000-8000-000000000000"), "events[1].origin"),
    # Each test the usual event passes at once (casefile._event_fine), failing alone:
    (lambda b: b["events"][0].update(id=""), "events[0].id"),
    (lambda b: b["events"][1].update(kind="k" * 201), "events[1].kind"),
    (lambda b: b["events"][0].update(occurred_at=5), "events[0].occurred_at"),
    (lambda b: b["events"][1].update(actor_id="a" * 201), "events[1].actor_id"),
    (lambda b: b["events"][1]["base"].update(seq=5), "events[1].base"),
    (lambda b: b["events"][1]["base"].update(event_id=""), "events[1].base"),
    (lambda b: b["events"][0].update(base={"seq": 0, "event_id": "e0"}), "events[0].base"),
    (lambda b: b["events"][0].update(payload=[]), "events[0].payload"),
    (lambda b: b["events"][0].update(dealer_id=None), "events[0].dealer_id"),
    (lambda b: b.update(sequence="3"), "sequence"),
    (lambda b: b["records"].update(invoices=[]), "records"),
])
def test_malformed_structure_names_the_field(change, field):
    b = body()
    change(b)
    exc = refused(casefile.sign(b, SECRET))
    assert exc.code == "invalid" and field in exc.render()


def tagged(context, text):
    """A translation that shows every text that went through it."""
    assert context == "Errors"
    return f"<{text}>"


@pytest.mark.parametrize("change, field, want", [
    (lambda b: b.update(counter=5), "counter", "<text>"),
    (lambda b: b.update(sequence="3"), "sequence", "<a whole number from 1 to {high}>".format(high=2**31 - 1)),
    (lambda b: b.update(version="1"), "version", "<a whole number>"),
    (lambda b: b.update(events={}), "events", "<a list>"),
    (lambda b: b["events"][0].update(payload=[]), "events[0].payload", "<an object>"),
    (lambda b: b["events"][0].update(entity_type="invoice"), "events[0].entity_type",
     "<one of " + ", ".join(casefile.ENTITY_TYPES) + ">"),
    (lambda b: b["events"][1].pop("base"), "events[1].base", "<present exactly when seq is more than 1>"),
    (lambda b: b["events"][1]["base"].update(seq=5), "events[1].base",
     "<the previous version: an object with seq (one less than this one's) and event_id>"),
    (lambda b: b["events"][0].update(dealer_id="elsewhere"), "events[0].dealer_id", "<the file's dealer>"),
    (lambda b: b["records"].update(invoices=[]), "records",
     "<an object with no keys but " + ", ".join(casefile.RECORD_TABLES) + ">"),
    (lambda b: b["records"].update(customer=[{}]), "records.customer[0]", "<an object with an id>"),
])
def test_what_a_field_should_be_is_words_of_their_own(change, field, want):
    """The message and the words it quotes are each translated: none left English in Chinese."""
    b = body()
    change(b)
    exc = refused(casefile.sign(b, SECRET))
    assert exc.render(tagged) == f"<The case file is malformed: {field} should be {want}. Nothing of it was imported.>"


def test_not_json_says_where_in_our_words():
    exc = refused(b'{"format": "recovery-desk/case-file",\n  "version": 1,, }\n')
    assert exc.code == "not_a_case_file"
    assert exc.render() == ("This is not a case file (it is not valid JSON: the text goes wrong at line 2, "
                            "column 16).")


@pytest.mark.parametrize("want, said", [
    ("text", "<text>"),
    ("{alg: HMAC-SHA256, key: the counter, value}", "<{alg: HMAC-SHA256, key: the counter, value}>"),  # kept before
])
def test_a_refusal_sent_by_head_office_is_translated_word_and_all(want, said):
    from app.sync.problems import render_reason

    sent = json.dumps({"code": "invalid", "text": casefile.MALFORMED, "params": {"field": "counter", "want": want}})
    assert render_reason(sent, tagged) == f"<The case file is malformed: counter should be {said}. Nothing of it was imported.>"


@pytest.mark.parametrize("change, said", [
    (lambda b: b.update(counter=5), "案例文件格式错误：counter 应为 文本。文件内容一项也没有导入。"),
    (lambda b: b.update(events={}), "案例文件格式错误：events 应为 列表。文件内容一项也没有导入。"),
    (lambda b: b.update(version="1"), "案例文件格式错误：version 应为 整数。文件内容一项也没有导入。"),
])
def test_a_malformed_file_is_said_all_in_chinese(change, said):
    from app.foundation.translation import Words

    b = body()
    change(b)
    assert refused(casefile.sign(b, SECRET)).render(Words("zh_CN")) == said


def test_atomic_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "out" / "a.casefile"
    write_atomic(target, b"first")
    from app.foundation import paths

    def crash(*a):
        raise OSError("disk pulled out")

    monkeypatch.setattr(paths.os, "replace", crash)
    with pytest.raises(OSError):
        write_atomic(target, b"second")
    monkeypatch.undo()
    assert target.read_bytes() == b"first"  # the old complete file, never half of the new one
    assert [p.name for p in target.parent.iterdir()] == ["a.casefile"]  # and no temp file left behind


def test_files_match_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parents[2] / "docs" / "case-file.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(casefile.sign(body(), SECRET))
    jsonschema.validate(doc, schema)
    doc["version"] = "one"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


def _outcome(data: bytes):
    """What parse makes of ``data``: the file's fields, or the refusal's code and words."""
    try:
        cf = casefile.parse(data, keys)
    except CaseFileRejected as exc:
        return ("refused", exc.code, exc.render())
    return ("read", cf.counter, cf.sequence, cf.events, cf.records, cf.sha256, cf.values_storable)


def _payload(value) -> bytes:
    b = body()
    b["events"][0]["payload"] = {"value": value}
    return casefile.sign(b, SECRET)


def _nested(depth: int):
    v = "x"
    for _ in range(depth):
        v = [v]
    return v


@pytest.mark.parametrize("data", [
    casefile.sign(body(), SECRET),
    _payload(0.1), _payload(1e-07), _payload(1e16), _payload(-0.0),  # fractions: written by json, not orjson
    _payload(2**63 - 1), _payload(-2**63), _payload(2**63), _payload(2**64 - 1), _payload(2**64), _payload(10**30),
    _payload(_nested(30)), _payload(_nested(40)),
    _payload("NUL \x00 inside"), _payload("a tab\tand 中文 \u2028"),
    casefile.sign(body(), SECRET).replace(b'"sequence":3', b'"sequence": 3'),
    casefile.sign(body(), SECRET)[:-1],  # no final newline
    b"\xef\xbb\xbf" + casefile.sign(body(), SECRET),
])
def test_the_fast_reading_and_the_careful_one_agree(data, monkeypatch):
    fast = _outcome(data)
    monkeypatch.setattr(casefile, "_canonical_doc", lambda _data: None)  # every file the careful way
    assert fast == _outcome(data)


def test_a_fraction_written_the_fast_readers_way_is_not_the_canonical_form():
    # orjson writes 1e-07 as 1e-7; signed over those bytes the file is still not canonical.
    b = body()
    b["events"][0]["payload"] = {"value": 1e-07}
    bytes_ = casefile.sign(b, SECRET).replace(b"1e-07", b"1e-7")
    cut = casefile._without_signature(bytes_, json.loads(bytes_))
    import hashlib
    import hmac
    mac = hmac.new(bytes.fromhex(SECRET), cut, hashlib.sha256).hexdigest()
    doc = json.loads(bytes_)
    forged = bytes_.replace(doc["signature"]["value"].encode(), mac.encode())
    import orjson

    assert orjson.dumps(orjson.loads(forged), option=orjson.OPT_SORT_KEYS) + b"\n" == forged  # orjson's form...
    assert casefile._canonical_doc(forged) is None  # ...is not vouched for: a fraction
    assert refused(forged).code == "bad_signature"  # not signing.canonical's form: refused as before


def test_a_counters_file_is_read_the_fast_way():
    data = casefile.sign(body(), SECRET)
    assert casefile._canonical_doc(data) == json.loads(data)
    assert casefile._canonical_doc(_payload(0.5)) is None


@pytest.mark.parametrize("signed_with, offered, held_now, genuine", [
    (SECRET, SECRET, SECRET, True),  # the usual series: the MAC computed ahead is the one checked
    (SECRET, OTHER, SECRET, True),  # a key offered ahead that is not the counter's: computed again
    (OTHER, SECRET, SECRET, False),  # signed with another key: no MAC ahead makes it genuine
    (SECRET, SECRET, OTHER, False),  # the counter's key changed since: the MAC ahead no longer counts
    (OTHER, SECRET, OTHER, True),  # the file signed with the new key, the old one offered ahead
    (SECRET, None, SECRET, True),  # nothing offered: computed in its turn
], ids=["usual", "wrong offer", "other key", "key changed", "new key", "no offer"])
def test_a_mac_computed_ahead_counts_only_under_the_key_looked_up_in_its_turn(signed_with, offered, held_now,
                                                                            genuine):
    data = whole(body(), signed_with)
    read = casefile.read_unauthenticated(data, lambda counter: offered if counter == COUNTER else None)
    assert (read.mac is not None) == (offered is not None)
    now = lambda counter: held_now if counter == COUNTER else None  # noqa: E731
    if genuine:
        assert casefile.authenticate(read, now) == casefile.parse(data, now)
    else:
        with pytest.raises(CaseFileRejected) as info:
            casefile.authenticate(read, now)
        assert info.value.code == "bad_signature"
