"""Every module of the domain core, found by walking the packages, imports and works with PySide6 unavailable."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]

# The one package whose modules may import Qt: the desktop app. The command line and the server don't.
MAY_USE_QT = ["app.ui"]

# Modules found by the walk must include at least these (the hand-kept list this test used to be):
# proves the walk reaches every layer, so an empty or broken walk can't pass.
SAMPLE = ["app.rules.settings_catalogue", "app.rules.vocab", "app.models.store", "app.services.demo.sample_data",
          "app.services.cases.case_log", "app.reports.pdf", "app.scripts.pack", "app.foundation.secrets",
          "app.sync.found_problems", "app.sync.client", "app.hq.blobs", "app.hq.publish"]

# Run in a child process so nothing the test process already imported (PySide6 via pytest-qt) helps.
BLOCK_QT = textwrap.dedent("""
    import sys
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith("PySide6."):
                raise ImportError("PySide6 is blocked in this test")
    sys.meta_path.insert(0, Block())
""")
BLOCKED_IMPORT = BLOCK_QT + textwrap.dedent("""
    import importlib, json, traceback
    failed = {}
    for m in json.loads(sys.argv[1]):
        try:
            importlib.import_module(m)
        except BaseException:
            failed[m] = traceback.format_exc(limit=-3)
    print(json.dumps(failed))
""")


def walk(root: Path, package: str, skip: list[str] = ()) -> list[str]:
    """Every module and package under ``package`` (found in ``root``), read from the files without
    importing anything; ``skip`` names packages left out with all they hold. ``__main__`` modules are
    entry points that run the program when imported: never listed."""
    found = []

    def visit(path: Path, name: str) -> None:
        if any(name == s or name.startswith(s + ".") for s in skip):
            return
        found.append(name)
        for info in pkgutil.iter_modules([str(path)]):
            child = f"{name}.{info.name}"
            if info.ispkg:
                visit(path / info.name, child)
            elif info.name != "__main__" and not any(child == s or child.startswith(s + ".") for s in skip):
                found.append(child)

    visit(root / package.replace(".", "/"), package)
    return sorted(found)


def import_blocked(modules: list[str], *, path: Path = ROOT) -> dict[str, str]:
    """Import each module in a child process with PySide6 blocked: {module: traceback} of those that failed."""
    out = subprocess.run([sys.executable, "-c", BLOCKED_IMPORT, json.dumps(modules)], capture_output=True,
                         text=True, timeout=180, cwd=path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_core_imports_with_pyside6_blocked(tmp_path):
    modules = walk(ROOT, "app", MAY_USE_QT)
    missing = sorted(set(SAMPLE) - set(modules))
    assert missing == []
    skipped = tuple(MAY_USE_QT)
    assert [m for m in modules if m in skipped or m.startswith(tuple(s + "." for s in skipped))] == []
    failed = import_blocked(modules)
    assert failed == {}, "\n".join(f"{m}:\n{tb}" for m, tb in failed.items())
    # Imported is not enough: the core works (a store opens, a month is summed) without Qt.
    code = BLOCK_QT + textwrap.dedent(f"""
        from app.models.store import open_store
        from app.services.assessment import month_summary
        s = open_store({str(tmp_path)!r})
        print(month_summary(s, "2026-05").outcome)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "none"
    assert command_line_blocked() == (0, "usage: recovery-desk")


def command_line_blocked() -> tuple[int, str]:
    """`recovery-desk report --help` with PySide6 blocked: (exit status, first words of its output).
    Importing app.cli is not enough: a subcommand takes its words (Words) when it runs."""
    code = BLOCK_QT + "from app.cli import main\nsys.exit(main(['report', '--help']))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    return out.returncode, out.stdout[:len("usage: recovery-desk")] or out.stderr[-400:]


def test_the_walk_finds_a_module_that_imports_qt_however_deep(tmp_path):
    """A planted package: the walk lists every module (none imported while walking) and the blocked
    import names exactly the one that needs PySide6, however deep, and only that one."""
    files = {
        "planted/__init__.py": "",
        "planted/clean.py": "import json\n",
        "planted/deep/__init__.py": "",
        "planted/deep/deeper/__init__.py": "",
        "planted/deep/deeper/bad.py": "from PySide6.QtCore import QObject\n",
        "planted/deep/fine.py": "from planted import clean\n",
        "planted/__main__.py": "raise SystemExit('an entry point is never imported by the walk')\n",
        "planted/ui/__init__.py": "import PySide6\n",
        "planted/ui/view.py": "import PySide6\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    modules = walk(tmp_path, "planted", ["planted.ui"])
    assert modules == ["planted", "planted.clean", "planted.deep", "planted.deep.deeper",
                       "planted.deep.deeper.bad", "planted.deep.fine"]
    failed = import_blocked(modules, path=tmp_path)
    assert list(failed) == ["planted.deep.deeper.bad"]
    assert "PySide6 is blocked in this test" in failed["planted.deep.deeper.bad"]
    # The skipped package is refused too when it is walked: the skip is what keeps it out.
    assert list(import_blocked(walk(tmp_path, "planted.ui"), path=tmp_path)) == ["planted.ui", "planted.ui.view"]
