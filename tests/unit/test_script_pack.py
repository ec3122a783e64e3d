"""The default script pack is complete and readable; a malformed pack is refused with file and line,
and the pack in use stays in use."""

import re
from itertools import product
from pathlib import Path

import pytest

from app.scripts.choose import choose
from app.scripts.library import ScriptLibrary, bundled_pack_path
from app.scripts.pack import PackRejected, load_pack, parse_pack
from app.rules.vocab import CauseGroup, FailureType, Severity

DEFAULT = bundled_pack_path().read_text(encoding="utf-8")
PACK = load_pack(bundled_pack_path())

FLOW = ("listen", "acknowledge", "apologise", "explain_cause", "offer_remedy", "confirm_acceptance",
        "agree_follow_up")


@pytest.mark.parametrize("ft,cg,sev", list(product(FailureType, CauseGroup, Severity)))
def test_every_case_gets_a_script_for_its_type_and_cause(ft, cg, sev):
    s = choose(PACK, failure_type=ft, cause_group=cg, severity=sev, blame="unknown", mood="calm")
    assert s.id == f"{ft}-{cg}"
    kinds = [st.kind for st in s.steps]
    assert set(FLOW) <= set(kinds), set(FLOW) - set(kinds)
    assert kinds[0] == "listen" and kinds[-1] == "agree_follow_up"


def test_wording_follows_blame_severity_and_mood():
    def words(**kw):
        facts = dict(failure_type="outcome", cause_group="system", severity="moderate", blame="dealer", mood="calm")
        facts.update(kw)
        return {st.kind: st.say["en"] for st in choose(PACK, **facts).steps}
    base = words()
    assert "calm" not in base and "calm" in words(mood="angry")
    assert "supplier" in words(blame="third_party")["explain_cause"] and "supplier" not in base["explain_cause"]
    assert words(severity="severe")["explain_fix"] != base["explain_fix"]
    assert "service manager" in words(severity="severe")["explain_fix"]
    customer = {st.kind: st.say["zh_CN"] for st in choose(PACK, failure_type="process", cause_group="customer",
                                                          severity="minor", blame="dealer", mood="calm").steps}
    assert "您觉得是我们" in customer["explain_cause"]


def test_default_pack_reads_as_real_wording_in_both_languages():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for script in PACK.scripts:
        for st in script.steps:
            texts = [st.say, st.record] + [v.say for v in st.variants]
            for t in texts:
                assert cjk.search(t["zh_CN"]) and not cjk.search(t["en"]), t
                for text in t.values():
                    assert not re.search(r"TODO|TBD|xxx|\{|\}|lorem|placeholder", text, re.I), text
                    assert len(text) >= 8
                assert t["zh_CN"] != t["en"]


def rejected(text: str) -> list[str]:
    with pytest.raises(PackRejected) as info:
        parse_pack(text, "broken.yaml")
    return info.value.details()


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, ln in enumerate(text.splitlines(), 1) if needle in ln]
    return lines[nth - 1]


def test_unknown_step_kind_is_refused_with_its_line():
    bad = DEFAULT.replace("kind: explain_fix", "kind: explain_fixx", 1)
    [msg] = rejected(bad)
    assert msg.startswith(f"broken.yaml:{line_of(bad, 'explain_fixx')}: ")
    assert 'unknown step kind "explain_fixx"' in msg and "explain_fix," in msg


def test_missing_translation_is_refused_with_its_line():
    target = "          en: Please take your time and tell me everything from the beginning."
    bad = DEFAULT.replace(target + " I'm writing it all down so nothing gets missed.\n", "", 1)
    assert bad != DEFAULT
    [msg] = rejected(bad)
    assert msg.startswith(f"broken.yaml:{line_of(bad, '您先别着急')}: ")
    assert 'step 1.say: "en" is missing' in msg


def test_bad_schema_is_refused_naming_each_problem():
    bad = DEFAULT.replace("version: 1", "version: one", 1).replace("skippable: true", "skippable: sometimes", 1)
    bad = bad.replace("    match:\n      failure_type: outcome\n      cause_group: employee",
                      "    match:\n      failure_type: outcome\n      cause_group: staff", 1)
    msgs = rejected(bad)
    assert f"broken.yaml:{line_of(bad, 'version: one')}: version must be a whole number from 0 to 2147483647" in msgs
    assert any(m.startswith(f"broken.yaml:{line_of(bad, 'skippable: sometimes')}:") and "true or false" in m
               for m in msgs)
    assert any(m.startswith(f"broken.yaml:{line_of(bad, 'cause_group: staff')}:") and '"staff" is not one of' in m
               for m in msgs)


@pytest.mark.parametrize("text,expect", [
    ("", "the file is empty"),
    ("pack: x\nversion: 1\ntitle: [a\n", "not valid YAML"),
    ("pack: x\nversion: 1\nscripts: []\nextra: 1\n", 'unknown key "extra"'),
])
def test_broken_files(text, expect):
    assert any(expect in m for m in rejected(text))


@pytest.mark.parametrize("text, line, words", [
    ("pack: x\nversion: 1\nscripts:\n\t- a\n", 4, "not valid YAML at column 1: a tab can't indent YAML; indent with spaces"),
    ("pack: x\ntitle: a: b\n", 2, "not valid YAML at column 9: a colon where none can be; put a value holding \": \" in "
     "quotes, or check the indentation"),
    ("pack: @x\n", 1, "not valid YAML at column 7: a value can't start with this character; put the value in quotes"),
    ("pack: x\ntitle: [a\n", 3, "not valid YAML at column 1: a list or mapping in brackets opened above is not closed "
     "properly"),
    ("pack: *nope\n", 1, "not valid YAML at column 7: *name repeats an &name that is not defined above it"),
    ("pack: x\nversion: 1\n- a\n", 3, "not valid YAML at column 1: check the indentation, colons, quotes and "
     "brackets here"),
])
def test_bad_yaml_is_said_in_our_words_with_its_line_and_column(text, line, words):
    with pytest.raises(PackRejected) as info:
        parse_pack(text, "p.yaml")
    assert info.value.details() == [f"p.yaml:{line}: {words}"]
    assert info.value.details(lambda _c, t: f"<{t}>") == [f"p.yaml:{line}: <{words}>"]  # translated whole


def test_a_pack_not_utf8_is_refused_on_its_line(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_bytes("pack: x\ntitle: 好\n".encode("gb18030"))
    with pytest.raises(PackRejected) as info:
        ScriptLibrary(tmp_path).install(f)
    assert info.value.details() == ["p.yaml:2: can't be read: this line is not UTF-8 text; save the file as UTF-8"]


def test_a_script_without_follow_up_and_uncovered_cases_are_refused():
    bad = DEFAULT.split("  - id: outcome-employee")[0]
    assert any("no script covers outcome / employee" in m for m in rejected(bad))


def test_library_keeps_the_last_good_pack(tmp_path):
    lib = ScriptLibrary(tmp_path)
    good = tmp_path / "good.yaml"
    good.write_text(DEFAULT.replace("version: 1", "version: 2", 1), encoding="utf-8")
    assert lib.install(good).label == "default@2"
    broken = tmp_path / "broken.yaml"
    broken.write_text(DEFAULT.replace("kind: listen", "kind: lisen", 1), encoding="utf-8")
    with pytest.raises(PackRejected) as info:
        lib.install(broken)
    assert "broken.yaml" in info.value.render()
    assert lib.pack.label == "default@2"  # still working on the last good pack
    assert choose(lib.pack, failure_type="outcome", cause_group="system", severity="minor").steps
    # The next start uses the last good pack kept in the data directory.
    assert ScriptLibrary(tmp_path).pack.label == "default@2"


def test_a_damaged_stored_pack_falls_back_to_the_bundled_one(tmp_path):
    stored = tmp_path / "scripts" / "active.yaml"
    stored.parent.mkdir()
    stored.write_text("pack: [", encoding="utf-8")
    lib = ScriptLibrary(tmp_path)
    assert lib.pack.label == "default@1" and lib.refused is not None
    assert lib.refused.details()[0].startswith("active.yaml:")


def test_the_readable_copy_is_current():
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("pack_doc", root / "packaging/pack_doc.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (root / "docs/recovery-scripts.md").read_text(encoding="utf-8") == mod.render(bundled_pack_path()), \
        "run: .venv/bin/python packaging/pack_doc.py > docs/recovery-scripts.md"


def test_every_combination_of_facts_resolves_to_a_whole_script():
    from app.rules.vocab import Blame, Mood

    seen_wordings = set()
    for ft, cg, sev, blame, mood in product(FailureType, CauseGroup, Severity, Blame, Mood):
        s = choose(PACK, failure_type=ft, cause_group=cg, severity=sev, blame=blame, mood=mood)
        kinds = [st.kind for st in s.steps]
        assert kinds[0] == "listen" and kinds[-1] == "agree_follow_up" and len(kinds) == len(set(kinds))
        assert ("calm" in kinds) == (mood in ("angry", "anxious"))
        seen_wordings.add(tuple(st.say["en"] for st in s.steps))
    assert len(seen_wordings) > 40  # the words really do change with the facts


@pytest.mark.parametrize("version, refused", [
    ("9223372036854775808", True),  # over a database's integer: publishing failed with a traceback
    ("9223372036854775807", True),  # published once, it could never be raised again
    ("2147483648", True), ("-1", True),
    ("2147483647", False), ("0x10", False), ("1_000", False),  # YAML's own forms of a whole number
])
def test_a_pack_version_is_a_whole_number_a_database_holds(version, refused):
    text = re.sub(r"(?m)^version: .*$", f"version: {version}", DEFAULT, count=1)
    if refused:
        assert f"broken.yaml:{line_of(text, 'version: ')}: version must be a whole number from 0 to 2147483647" \
            in rejected(text)
    else:
        assert parse_pack(text, "ok.yaml").version == int(version, 0)


def test_a_file_nested_far_too_deep_is_refused_in_words():
    assert rejected("a: " + "[" * 100_000 + "]" * 100_000 + "\n") == [
        "broken.yaml:1: the file is nested far deeper than a script pack is"]
