"""What the desk loads while the PIN is typed (the main window's code, Today's reads, the script pack)
leaves out the libraries only other work needs: PyYAML (~9 ms to import; only a pack's text being
checked needs it, and a start finds its pack among the validated ones), statistics (~3 ms; the
risk model's median stays), the case list's queries (8 dataclasses, ~6 ms: the Cases page loads
them once Today is filled) and the guided recovery (its steps, callbacks and remedies and the pack's
choosing, ~7 ms: only a case's stepper and actions use it, loaded with the case list's code) and
SQLAlchemy's PostgreSQL dialect (~20 ms: only head office's database uses it). Each start paid these
where a PIN entered at once waits for them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A fresh interpreter, as the desk's: what the main window's code, Today's read and the script pack
# loaded on top of what the sign-in dialog had.
CHILD = """
import json, sys
from pathlib import Path
import app.ui.common.qt_app  # the desk's first import
from app.ui.shell import shell
from app.models.store import open_store
data_dir = Path(sys.argv[1])
store = open_store(data_dir)
shell._warm(data_dir)
shell._today_now(store)
from app.ui.today.early_reads import read_boxes
read_boxes(store)
store.close()
print(json.dumps({name: name in sys.modules for name in ("yaml", "statistics", "app.services.cases.case_queries",
                                                          "app.services.recovery.guide", "sqlalchemy.dialects.postgresql")}))
"""


def _loaded(data_dir: Path) -> dict[str, bool]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(data_dir)], cwd=ROOT, capture_output=True, text=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(data_dir),
                              "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},  # never the user's
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_start_with_its_pack_validated_before_leaves_them_out(tmp_path):
    first = _loaded(tmp_path)  # the first start checks the bundled pack's text, and keeps it validated
    # It also makes the store: the migrations name PostgreSQL's partial indexes, which loads its dialect.
    first.pop("sqlalchemy.dialects.postgresql")
    left_out = {"statistics": False, "app.services.cases.case_queries": False, "app.services.recovery.guide": False}
    assert first == {"yaml": True, **left_out}
    assert list((tmp_path / "scripts" / "cache").glob("pack-*.pickle"))
    assert _loaded(tmp_path) == {"yaml": False, **left_out, "sqlalchemy.dialects.postgresql": False}
