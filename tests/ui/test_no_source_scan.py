"""Modules imported once the desk's Qt is up are not read as source by PySide's import hook (it looked
for the word PySide6 in each, for __feature__ switches the program never uses: ~63 ms of CPU before
the main window's code was loaded)."""

from __future__ import annotations

import inspect
import sys

import app.ui.common.qt_app  # noqa: F401 - what the desk imports first


def test_a_module_imported_after_qt_is_not_read_as_source(tmp_path, monkeypatch):
    (tmp_path / "freshly_written_module.py").write_text("VALUE = 'PySide6 named here'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    read = []
    getsource = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or getsource(obj))
    import freshly_written_module as module  # an import statement, as the program's code imports

    try:
        assert module.VALUE and read == []
    finally:
        sys.modules.pop("freshly_written_module", None)


def test_the_desks_own_qt_modules_still_count_as_using_pyside():
    feature = sys.modules["shibokensupport.feature"]
    import app.ui.shell.shell as shell

    assert feature._mod_uses_pyside(shell) and not feature._mod_uses_pyside(inspect)
