"""Every string a user sees is in the Chinese catalogue, translated, and compiled."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = shutil.which(f"pyside6-{name}", path=str(BIN)) or shutil.which(f"pyside6-{name}")
    if not path:
        pytest.fail(f"pyside6-{name} is missing: install PySide6-Essentials")
    return path


def test_every_visible_string_has_a_chinese_translation(tmp_path):
    ts = tmp_path / "check.ts"
    shutil.copy(ROOT / "resources/i18n/recovery_desk_zh_CN.ts", ts)
    sources = sorted(str(p) for p in (ROOT / "app").rglob("*.py"))
    subprocess.run([_tool("lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts)],
                   check=True, capture_output=True)
    missing = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            texts = [f.text for f in tr.findall("numerusform")] if msg.get("numerus") == "yes" else [tr.text]
            if tr.get("type") == "unfinished" or not all((t or "").strip() for t in texts):
                missing.append(f"{ctx.findtext('name')}: {msg.findtext('source')}")
    assert not missing, "untranslated (run packaging/update_translations.sh and translate):\n" + "\n".join(missing)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_compiled_catalogue_is_current(tmp_path, language):
    qm = tmp_path / "check.qm"
    subprocess.run([_tool("lrelease"), str(ROOT / f"resources/i18n/recovery_desk_{language}.ts"), "-qm", str(qm)],
                   check=True, capture_output=True)
    assert qm.read_bytes() == (ROOT / f"resources/i18n/recovery_desk_{language}.qm").read_bytes(), \
        "resources/i18n/*.qm is stale: run packaging/update_translations.sh"


def _counted(ts: Path) -> dict:
    """{(context, source): [plural forms]} of a catalogue's counted messages ("%n dealers")."""
    return {(ctx.findtext("name"), msg.findtext("source")): [f.text or "" for f in msg.iter("numerusform")]
            for ctx in ET.parse(ts).getroot().iter("context") for msg in ctx.iter("message")
            if msg.get("numerus") == "yes"}


def test_every_count_has_its_english_plural_forms():
    """English is the source, but "1 dealers" is wrong: each counted message has its singular and plural
    in the English catalogue, and every form, in either language, keeps the count (%n)."""
    chinese, english = (_counted(ROOT / f"resources/i18n/recovery_desk_{lang}.ts") for lang in ("zh_CN", "en"))
    assert chinese and set(english) == set(chinese), "run packaging/update_translations.sh"
    for key, forms in english.items():
        assert len(forms) == 2 and forms[0] != forms[1] and all("%n" in f for f in forms), key
    assert all(forms and all("%n" in f for f in forms) for forms in chinese.values())


def test_placeholders_survive_translation():
    import re

    for ctx in ET.parse(ROOT / "resources/i18n/recovery_desk_zh_CN.ts").getroot().iter("context"):
        for msg in ctx.iter("message"):
            src, tr = msg.findtext("source"), msg.findtext("translation") or ""
            assert set(re.findall(r"\{\w+\}", src)) == set(re.findall(r"\{\w+\}", tr)), src


def test_source_strings_are_english():
    """The English UI shows the source strings: none may carry Chinese (it belongs in the catalogue)."""
    import re

    found = []
    for ctx in ET.parse(ROOT / "resources/i18n/recovery_desk_zh_CN.ts").getroot().iter("context"):
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            if re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", source):
                found.append(source)
    assert not found, f"Chinese in source strings: {found}"
