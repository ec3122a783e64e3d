"""One settings catalogue: every key the program reads or writes is declared in app.rules.settings_catalogue, and
nothing else declares settings."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.rules.settings_catalogue import CATALOGUE, REGISTRY
from app.rules.vocab import Role

APP = Path(__file__).resolve().parents[2] / "app"


def _keys_used() -> dict[str, list[str]]:
    """Keys given to settings.get/put/setting() anywhere in app/, with an f-string expanded by role."""
    used: dict[str, list[str]] = {}
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Attribute, ast.Name)):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            owner = node.func.value.id if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) else ""
            if not ((owner == "settings" and name in ("get", "put")) or name == "setting"):
                continue
            key_node = node.args[1] if owner == "settings" and len(node.args) > 1 else (node.args[0] if node.args else None)
            where = f"{path.relative_to(APP.parent)}:{node.lineno}"
            if isinstance(key_node, ast.Constant) and isinstance(key_node.value, str):
                used.setdefault(key_node.value, []).append(where)
            elif isinstance(key_node, ast.JoinedStr):
                prefix = "".join(v.value for v in key_node.values if isinstance(v, ast.Constant))
                assert prefix == "remedy.limit.", f"{where}: a computed setting key this test can't expand"
                for role in Role:
                    used.setdefault(prefix + role.value, []).append(where)
    return used


def test_every_setting_the_code_uses_is_in_the_catalogue():
    used = _keys_used()
    assert len(used) >= 15  # the scan found the program's reads (it is not vacuous)
    missing = {k: w for k, w in used.items() if k not in REGISTRY}
    assert missing == {}


def test_nothing_outside_the_catalogue_declares_a_setting():
    offenders = []
    for path in APP.rglob("*.py"):
        if path == APP / "rules" / "settings_catalogue.py":
            continue
        text = path.read_text("utf-8")
        if re.search(r"\bSetting\(|\bdeclare\(|REGISTRY\[[^]]+\]\s*=", text):
            offenders.append(str(path.relative_to(APP.parent)))
    assert offenders == []


def test_the_catalogue_is_complete_without_importing_anything_else():
    # A fresh process that imports only the catalogue sees every setting the code uses.
    out = subprocess.run([sys.executable, "-c", "from app.rules.settings_catalogue import REGISTRY; print('\\n'.join(REGISTRY))"],
                         capture_output=True, text=True, check=True, cwd=APP.parent).stdout.split()
    assert set(_keys_used()) <= set(out)
    assert len(out) == len(CATALOGUE)


@pytest.mark.parametrize("key, published", [
    ("cases.first_response_hours", True), ("feedback.correction_hours", True), ("remedy.limit.advisor", True),
    ("assessment.reward_amount", True), ("ui.language", False), ("ui.lock_minutes", False),
    ("sync.server_url", False), ("sync.interval_s", False),
])
def test_publishable_is_a_property_of_the_setting(key, published):
    assert REGISTRY[key].published is published


@pytest.mark.parametrize("key, advisor, supervisor, admin", [
    ("ui.language", True, True, True),
    ("ui.lock_minutes", False, False, True),  # auto-lock guards the counter: an administrator's
    ("sync.server_url", False, False, True),
    ("sync.interval_s", False, False, True),
    ("remedy.limit.advisor", False, False, True),  # what people may give away: an administrator's
    ("remedy.limit.ceiling", False, False, False),  # head office's alone
    ("failure.overall_threshold", False, True, True),
])
def test_who_may_change_a_setting_is_declared_with_it(key, advisor, supervisor, admin):
    decl = REGISTRY[key]
    assert [decl.may_change(r) for r in ("advisor", "supervisor", "admin")] == [advisor, supervisor, admin]
    assert not decl.may_change("") and not decl.may_change("root")


@pytest.mark.parametrize("role, key, value, refused", [
    ("advisor", "ui.lock_minutes", 0, "only an administrator can change this setting"),
    ("advisor", "sync.server_url", "http://evil.example", "only an administrator can change this setting"),
    ("supervisor", "ui.lock_minutes", 0, "only an administrator can change this setting"),
    ("advisor", "remedy.limit.advisor", 5000, "only an administrator can change this setting"),
    ("supervisor", "remedy.limit.advisor", 2000, "only an administrator can change this setting"),
    ("advisor", "failure.overall_threshold", 7, "only a supervisor can change this setting"),
    ("admin", "remedy.limit.ceiling", 100, "head office sets this; no counter changes it"),
    ("admin", "remedy.limit.advisor", 5000, "more than a supervisor's limit (3000 yuan), who approves above it; "
                                            "type 3000 or less, or raise that limit first"),
    ("admin", "remedy.limit.advisor", 500, None),
    ("advisor", "ui.language", "en", None),
    ("admin", "ui.lock_minutes", 5, None),
    ("supervisor", "failure.overall_threshold", 11, "must be at most 10, got 11"),  # beside its field: no key
    ("admin", "backups.keep", "lots", "expected a whole number, got 'lots'"),
])
def test_saving_a_setting_checks_the_role_in_the_core(store, role, key, value, refused):
    from app.foundation.errors import InvalidInput
    from app.services.people import users
    from app.services.preferences import read_settings, save_settings

    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    actor = admin if role == "admin" else users.create_user(store, role, role, "1234", role, actor_id=admin.user_id)
    before = read_settings(store)[key]
    if refused is None:
        assert save_settings(store, {key: value}, actor)[key] == value
        return
    with pytest.raises(InvalidInput) as err:
        save_settings(store, {key: value}, actor)
    assert err.value.problem_text() == refused
    assert read_settings(store)[key] == before


@pytest.mark.parametrize("key, value, out", [
    ("assessment.verified_only", True, True), ("assessment.verified_only", False, False),
    ("assessment.verified_only", " Yes ", True), ("assessment.verified_only", "1", True),
    ("assessment.verified_only", "on", True), ("assessment.verified_only", "TRUE", True),
    ("assessment.verified_only", "no", False), ("assessment.verified_only", "0", False),
    ("assessment.verified_only", "off", False), ("assessment.verified_only", "false", False),
    ("failure.overall_threshold", "7", 7), ("failure.overall_threshold", 1, 1), ("failure.overall_threshold", 10, 10),
    ("failure.overall_threshold", 8.0, 8),  # a whole number written as JSON's 8.0
    ("failure.share_target", "0.5", 0.5), ("failure.share_target", 0, 0.0), ("failure.share_target", 1, 1.0),
    ("ui.language", "", ""), ("ui.language", "en", "en"), ("sync.server_url", "http://hq", "http://hq"),
])
def test_a_value_is_coerced_to_its_settings_type(key, value, out):
    got = REGISTRY[key].coerce(value)
    assert got == out and type(got) is type(out)


@pytest.mark.parametrize("key, value, message", [
    ("assessment.verified_only", "maybe", "assessment.verified_only: expected yes or no, got 'maybe'"),
    ("assessment.verified_only", None, "assessment.verified_only: expected yes or no, got null"),
    ("failure.overall_threshold", "x", "failure.overall_threshold: expected a whole number, got 'x'"),
    ("failure.overall_threshold", None, "failure.overall_threshold: expected a whole number, got null"),
    # Never rounded, never read from yes/no (head office's true, 1200.5 and 9.99 were stored as 1, 1200, 9).
    ("failure.overall_threshold", 9.99, "failure.overall_threshold: expected a whole number, got 9.99"),
    ("assessment.reward_amount", True, "assessment.reward_amount: expected a whole number, got true"),
    ("assessment.reward_amount", 1200.5, "assessment.reward_amount: expected a whole number, got 1200.5"),
    ("failure.share_target", True, "failure.share_target: expected a number, got true"),
    ("failure.share_target", float("nan"), "failure.share_target: expected a number, got nan"),  # passed every limit
    ("failure.share_target", "inf", "failure.share_target: expected a number, got 'inf'"),
    ("failure.overall_threshold", 0, "failure.overall_threshold: must be at least 1, got 0"),
    ("failure.overall_threshold", 11, "failure.overall_threshold: must be at most 10, got 11"),
    ("failure.share_target", -0.01, "failure.share_target: must be at least 0.0, got -0.01"),
    ("ui.language", "fr", "ui.language: must be one of '', 'zh_CN', 'en', got 'fr'"),  # the empty choice seen
])
def test_a_wrong_value_is_refused_with_the_reason(key, value, message):
    with pytest.raises(ValueError) as err:
        REGISTRY[key].coerce(value)
    assert str(err.value) == message


@pytest.mark.parametrize("key, value, zh", [
    ("failure.overall_threshold", "x", "failure.overall_threshold：应为整数，实际为 'x'"),
    ("failure.share_target", True, "failure.share_target：应为数字，实际为 true"),
    ("assessment.verified_only", "maybe", "assessment.verified_only：应为 yes 或 no，实际为 'maybe'"),
    ("failure.overall_threshold", 0, "failure.overall_threshold：不能小于 1，实际为 0"),
    ("failure.overall_threshold", 11, "failure.overall_threshold：不能大于 10，实际为 11"),
    ("ui.language", "fr", "ui.language：必须是 '', 'zh_CN', 'en' 之一，实际为 'fr'"),
])
def test_a_wrong_value_is_refused_in_the_readers_language(key, value, zh):
    from app.foundation.translation import Words
    from app.rules.settings_catalogue import SettingRefused

    with pytest.raises(SettingRefused) as err:
        REGISTRY[key].coerce(value)
    assert err.value.render(Words("zh_CN")) == zh


def test_a_setting_declared_twice_or_unknown_is_an_error():
    from app.rules.settings_catalogue import Setting, _registry, setting

    one = Setting("a.b", int, 1, "A")
    assert list(_registry((one, Setting("c.d", int, 1, "C")))) == ["a.b", "c.d"]
    with pytest.raises(RuntimeError) as err:
        _registry((one, one))
    assert str(err.value) == "setting declared twice: a.b"
    assert setting("ui.language") is REGISTRY["ui.language"]
    with pytest.raises(KeyError) as err:
        setting("no.such")
    assert err.value.args[0] == "unknown setting: no.such"
