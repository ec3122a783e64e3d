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
            if tr.get("type") == "unfinished" or not (tr.text or "").strip():
                missing.append(f"{ctx.findtext('name')}: {msg.findtext('source')}")
    assert not missing, "untranslated (run packaging/update_translations.sh and translate):\n" + "\n".join(missing)


def test_compiled_catalogue_is_current(tmp_path):
    qm = tmp_path / "check.qm"
    subprocess.run([_tool("lrelease"), str(ROOT / "resources/i18n/recovery_desk_zh_CN.ts"), "-qm", str(qm)],
                   check=True, capture_output=True)
    assert qm.read_bytes() == (ROOT / "resources/i18n/recovery_desk_zh_CN.qm").read_bytes(), \
        "resources/i18n/*.qm is stale: run packaging/update_translations.sh"


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
