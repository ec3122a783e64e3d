"""`hq import` of a stick missing one of a counter's files (not copied), on PostgreSQL: the counter's
later files wait where they are, named with the files to bring, and nothing of them is refused; the
missing file brought, every change goes in as if nothing had been missing. `--allow-gaps` takes them
at once (for files lost for good). The other dealer's files on the stick go in either way."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.system.test_hq_import_dealers_at_once import _fresh, _held, stick  # noqa: F401 - fixture
from tests.system.test_sync_faults import cli


def _counter(path) -> str:
    return path.name.split("-", 1)[1].rsplit("-", 1)[0]  # "A01-<counter>-00000003.casefile"


def _numbers(held: dict, counter: str) -> list[int]:
    return sorted(n for c, n, *_ in held["files"] if c == counter)


@pytest.fixture
def short(stick, tmp_path):  # noqa: F811
    """The stick with counter a1's files 1, 2, 4, 5 (3 not copied, nor those after 5: they come later
    with 3) and dealer B01's counter's; A01's other counter left out (which of two counters of a dealer
    goes in first may decide which keeps a form both hold: the comparison would depend on it)."""
    folder, url = stick
    usb = shutil.copytree(folder, tmp_path / "short", ignore=shutil.ignore_patterns("a2"))
    whole = shutil.copytree(usb, tmp_path / "whole")
    a1 = sorted((usb / "a1").glob("*.casefile"))
    assert len(a1) >= 5, a1
    later = tmp_path / "later"
    later.mkdir()
    for path in [a1[2], *a1[5:]]:
        shutil.move(path, later / path.name)
    return usb, later, whole, a1[:2], a1[3:5], url


def test_files_after_a_missing_one_wait_and_go_in_once_it_is_brought(short, pg_server):
    usb, later, whole, first, waiting, url = short
    counter = _counter(first[0])
    b = sorted((usb / "b").glob("*.casefile"))
    db = _fresh(pg_server, url)
    r = cli("hq", "import", "--db", db, str(usb))
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "Traceback" not in out, out
    n = len(first) + len(waiting) + len(b)
    assert f"{n} file(s): {n - 2} imported, 0 already present, 0 rejected, 2 waiting." in r.stdout, out
    lines = {line.split(": ", 1)[0]: line for line in r.stderr.splitlines() if line.startswith("waiting ")}
    assert sorted(lines) == [f"waiting {p}" for p in waiting], out
    for path in waiting:
        assert (f"Head office has not received file(s) 3 of counter test ({counter}) of dealer A01, "
                "which come before this one") in lines[f"waiting {path}"]
        assert "Bring the counter's files 3 (they are in the counter's outbox folder, or write them again there " \
               "with `recovery-desk export --out FOLDER`) and import them, then this file again." in lines[f"waiting {path}"]
        assert path.exists()  # left where it is, not set aside: nothing is wrong with it
    assert "import again with --allow-gaps" in r.stderr and "refused in" not in out, out
    assert not (usb / "a1" / "rejected").exists()
    held = _held(db)
    assert _numbers(held, counter) == [1, 2]
    assert _numbers(held, _counter(b[0])) == list(range(1, len(b) + 1))  # the other dealer's: every one
    assert cli("hq", "refusals", "--db", db).stdout.strip() == "No refusals."

    # File 3 brought (with the files after 5): with the stick's 4 and 5, everything goes in.
    r = cli("hq", "import", "--db", db, str(later), str(usb))
    assert r.returncode == 0 and "waiting" not in r.stdout + r.stderr and "refused" not in r.stderr, r.stdout + r.stderr
    expected = _fresh(pg_server, url)
    assert cli("hq", "import", "--db", expected, str(whole)).returncode == 0
    held, want = _held(db), _held(expected)
    assert held["events"] == want["events"] and held["cases"] == want["cases"]
    assert held["files"] == want["files"]  # every file, each with all its changes: none refused


def test_allow_gaps_takes_the_waiting_files_at_once(short, pg_server):
    usb, _, _, first, waiting, url = short
    counter = _counter(first[0])
    db = _fresh(pg_server, url)
    r = cli("hq", "import", "--db", db, "--allow-gaps", str(usb))
    out = r.stdout + r.stderr
    assert "Traceback" not in out and "waiting" not in out, out
    n = len(list(usb.rglob("*.casefile")))
    assert f"{n} file(s): {n} imported, 0 already present, 0 rejected." in r.stdout, out
    assert _numbers(_held(db), counter) == [1, 2, 4, 5]


def test_the_waiting_files_are_named_in_chinese(short, pg_server):
    """Needs the Chinese of the texts of app.hq.importer.WAITING and run_import in the catalogue."""
    usb, _, _, first, waiting, url = short
    zh = cli("hq", "import", "--db", _fresh(pg_server, url), str(usb), env=dict(os.environ, LANG="zh_CN.UTF-8"))
    assert zh.returncode == 1 and "Traceback" not in zh.stderr, zh.stderr
    assert f"总部尚未收到经销商 A01 的柜台 test ({_counter(first[0])}) 的第 3 号文件" in zh.stderr, zh.stderr
    assert "请带来该柜台的第 3 号文件" in zh.stderr and "--allow-gaps" in zh.stderr, zh.stderr
    assert "等待 2 个" in zh.stdout, zh.stdout
    assert "Waiting" not in zh.stderr and "Bring" not in zh.stderr and "lost for good" not in zh.stderr
    assert "waiting" not in zh.stdout, zh.stdout
