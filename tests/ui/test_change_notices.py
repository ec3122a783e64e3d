"""Every kind of change a view listens for is one some service declares, and every kind a service
declares is shown by some view: read from the code (the views' ``shows``, the services' @announces)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import types

import pytest

from app.services import changes
from app.services.changes import KINDS, Changes

CONNECTS = re.compile(r"ops\.changed\.connect\(self\.on_ops_changed\)|ops\.follow\(self\b")
# Kinds a service may declare that no view shows, each with why it is nobody's business (none today).
NOBODYS_BUSINESS: dict[str, str] = {}


def modules(package: str) -> list[types.ModuleType]:
    pkg = importlib.import_module(package)
    return [importlib.import_module(m.name) for m in pkgutil.walk_packages(pkg.__path__, package + ".")
            if ".migrations" not in m.name]


def subscriptions(mods) -> dict[str, Changes]:
    """class -> the kinds it refreshes on, for every class that connects to Ops.changed; a class
    that connects without saying what it shows is a mistake."""
    out = {}
    for mod in mods:
        for name, cls in vars(mod).items():
            if not inspect.isclass(cls) or cls.__module__ != mod.__name__:
                continue
            if not CONNECTS.search(inspect.getsource(cls)):
                continue
            shows = getattr(cls, "shows", None)
            assert isinstance(shows, Changes) and shows, f"{mod.__name__}.{name} listens but has no `shows`"
            out[f"{mod.__name__}.{name}"] = shows
    return out


def declared() -> Changes:
    """Everything the core declares it may change (importing every module registers its declarations)."""
    for package in ("app.services", "app.sync", "app.hq"):
        modules(package)
    out = changes.NOTHING
    for what in changes.DECLARED.values():
        out |= what
    return out


def unheard(subs: dict[str, Changes], emitted: Changes) -> list[str]:
    """Views waiting for a kind nothing emits."""
    return sorted(f"{view}: {kind}" for view, shows in subs.items() for kind in shows.kinds - emitted.kinds)


def unshown(subs: dict[str, Changes], emitted: Changes, excused: dict[str, str]) -> list[str]:
    """Kinds a service emits that no view shows and nobody excused."""
    shown = set().union(*(s.kinds for s in subs.values())) if subs else set()
    return sorted(emitted.kinds - shown - set(excused))


def test_no_view_listens_for_a_change_nothing_emits():
    subs = subscriptions(modules("app.ui"))
    assert len(subs) >= 12  # the views that refresh on notices (a scan finding none would prove nothing)
    assert unheard(subs, declared()) == []


def test_every_kind_a_service_emits_is_shown_somewhere_or_excused():
    assert unshown(subscriptions(modules("app.ui")), declared(), NOBODYS_BUSINESS) == []
    assert set(NOBODYS_BUSINESS) <= set(KINDS)


PLANTED = """
from app.services.changes import CASES, SCRIPTS


class Deaf:
    shows = SCRIPTS | CASES

    def __init__(self, ops):
        ops.changed.connect(self.on_ops_changed)


class Mute:
    def __init__(self, ops):
        ops.changed.connect(self.on_ops_changed)
"""


def test_the_checks_catch_a_planted_view_and_a_planted_service(tmp_path, monkeypatch):
    (tmp_path / "planted_views.py").write_text(PLANTED, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    fake = importlib.import_module("planted_views")
    with pytest.raises(AssertionError, match="planted_views.Mute listens but has no `shows`"):
        subscriptions([fake])
    monkeypatch.delattr(fake, "Mute")
    subs = subscriptions([fake])
    # Nothing emits scripts here: the planted view is caught waiting for it.
    assert unheard(subs, changes.CASES) == ["planted_views.Deaf: scripts"]
    # A service that emits alerts nobody shows is caught, unless excused.
    assert unshown(subs, changes.CASES | changes.ALERTS, {}) == ["alerts"]
    assert unshown(subs, changes.CASES | changes.ALERTS, {"alerts": "a planted excuse"}) == []


def test_the_string_notices_are_gone():
    """Ops takes no `changes=` string and no code emits a string on Ops.changed."""
    from app.ui.common.ops import Ops

    assert "changes" not in inspect.signature(Ops.run).parameters
    for mod in modules("app.ui"):
        src = inspect.getsource(mod)
        assert not re.search(r"\.changed\.emit\(\s*[\"']", src), mod.__name__
        assert not re.search(r"changes=[\"']", src), mod.__name__


def test_a_follower_refreshes_on_what_its_view_shows_and_goes_with_the_view(qtbot):
    from PySide6.QtWidgets import QWidget

    from app.services.changes import CASES, FORMS, SETTINGS
    from app.ui.common.ops import Ops

    ops = Ops(inline=True)

    class View(QWidget):
        shows = CASES | FORMS

    view, seen = View(), []
    ops.follow(view, lambda: seen.append("refreshed"))
    assert ops.receivers("2changed(PyObject)") == 1
    ops.announce(SETTINGS)
    ops.announce(FORMS)
    assert seen == ["refreshed"]
    view.deleteLater()
    qtbot.waitUntil(lambda: ops.receivers("2changed(PyObject)") == 0)
    ops.announce(CASES)
    assert seen == ["refreshed"]
    with pytest.raises(TypeError, match="does not say what it shows"):
        ops.follow(QWidget(), lambda: None)
