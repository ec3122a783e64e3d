"""`hq import` of what a USB stick really holds, on PostgreSQL (two counters of one dealer and another
dealer's counter): files chosen newest first still go in each counter's order, and junk beside the
files (a truncated file named twice, a pipe, a device, a folder, a file over the size limit, a file
named like the folder refused files go to) is refused in words, each for itself, while every good
file goes in, without a traceback and without waiting for ever."""

from __future__ import annotations

import os
import shutil

from app.hq.importer import case_files
from tests.system.test_hq_import_dealers_at_once import _fresh, _held, _per_dealer, stick  # noqa: F401 - fixture
from tests.system.test_sync_faults import cli


def test_files_chosen_newest_first_go_in_in_each_counters_order(stick, tmp_path, pg_server):  # noqa: F811
    folder, url = stick
    files = case_files([folder])
    counters = sorted({p.parent for p in files})
    assert len(counters) == 3 and len(files) > 6  # three counters, several files each
    # What the same counters give one after the other (the last first, as below), each in its order:
    # two counters of one dealer may both hold a form of one repair order, and the first to arrive keeps it.
    in_order = _fresh(pg_server, url)
    assert cli("hq", "import", "--db", in_order, *map(str, reversed(counters))).returncode == 0
    newest_first = _fresh(pg_server, url)
    r = cli("hq", "import", "--db", newest_first, *map(str, reversed(files)))
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"{len(files)} file(s): {len(files)} imported" in r.stdout and "refused" not in r.stdout, r.stdout
    held, expected = _held(newest_first), _held(in_order)
    assert held["events"] == expected["events"] and held["cases"] == expected["cases"]
    for arrivals in _per_dealer(held["order"]).values():
        for counter in {c for c, _ in arrivals}:
            numbers = [n for c, n in arrivals if c == counter]
            assert numbers == sorted(numbers), arrivals  # each counter's files stored in their order
    # Imported again the right way round: nothing new, nothing refused.
    again = cli("hq", "import", "--db", newest_first, str(folder))
    assert f"0 imported, {len(files)} already present" in again.stdout, again.stdout + again.stderr


def test_junk_on_the_stick_is_refused_in_words_and_every_good_file_goes_in(stick, tmp_path, pg_server):  # noqa: F811
    folder, url = stick
    usb = shutil.copytree(folder, tmp_path / "junk")
    good = case_files([usb])
    counter = sorted(p for p in usb.iterdir() if p.is_dir())[0]
    truncated = counter / "0-truncated.casefile"
    truncated.write_bytes(good[0].read_bytes()[:1000])
    (counter / "rejected").write_text("notes kept by someone, not a folder\n")
    os.mkfifo(counter / "1-pipe.casefile")
    (counter / "2-device.casefile").symlink_to("/dev/zero")
    (counter / "3-folder.casefile").mkdir()
    with open(counter / "4-huge.casefile", "wb") as f:
        f.truncate(40 * 1024 * 1024)  # sparse: over the 32 MB limit, refused before it is read
    db = _fresh(pg_server, url)
    # The truncated file named on its own too (twice), and inside the folder named after it.
    r = cli("hq", "import", "--db", db, str(truncated), str(truncated), str(usb), timeout=240)
    out = r.stdout + r.stderr
    assert "Traceback" not in out, out
    assert r.returncode == 1, out
    assert f"{len(good) + 5} file(s): {len(good)} imported, 0 already present, 5 rejected." in r.stdout, out
    lines = {line.split(": ", 1)[0]: line for line in r.stderr.splitlines() if line.startswith("rejected ")}
    assert "truncated" in lines[f"rejected {truncated}"]
    # The folder for refused files can't be made (a file has its name): the file stays, and it says so.
    assert "could not be moved into the folder \"rejected\"" in lines[f"rejected {truncated}"]
    assert truncated.exists()
    for name in ("1-pipe", "2-device", "3-folder"):
        assert "it is a folder, a device or a pipe, not a file" in lines[f"rejected {counter / name}.casefile"]
    assert "more than the 33554432 allowed" in lines[f"rejected {counter / '4-huge'}.casefile"]
    assert len(_held(db)["files"]) == len(good)
    # In Chinese, every word of it.
    zh = cli("hq", "import", "--db", db, str(usb), env=dict(os.environ, LANG="zh_CN.UTF-8"), timeout=240)
    assert "它是文件夹、设备或管道，不是文件" in zh.stderr and "无法移入旁边的“rejected”文件夹" in zh.stderr, zh.stderr
    assert "not a file" not in zh.stderr and "could not be moved" not in zh.stderr and "Traceback" not in zh.stderr
