"""`warn list` says which figure crossed: a grade warning's grades since its start and the usual shares,
in English and in Chinese, and in its JSON."""

from __future__ import annotations

import json

from app.services.predict import warnings
from tests.system.test_cli_report import cli
from tests.unit.test_warning_figure import COUNTS, planted  # noqa: F401 - the fixture


def test_warn_list_names_the_grades_a_warning_crossed_on(store, data_dir, planted):  # noqa: F811
    warnings.refresh(store)
    listed = json.loads(cli(data_dir, "warn", "list", "--json").stdout)["warnings"]
    assert {w["figure"] for w in listed} == {"grades", "share"}
    [grade] = [w for w in listed if w["figure"] == "grades"]
    assert grade["grades_since"] == dict(zip("ABCDE", COUNTS)) and grade["usual_grades"]["A"] == 0.5512
    r = cli(data_dir, "warn", "list")
    assert r.returncode == 0, r.stderr
    assert "crossed on its grades: A 7, B 10, C 2, D 3, E 5 (usually A 55%, B 30%, C 10%, D 3%, E 2%)" in r.stdout
    r = cli(data_dir, "warn", "list", lang="zh_CN.UTF-8")
    assert "按等级越过控制限：A 7, B 10, C 2, D 3, E 5（通常 A 55%, B 30%, C 10%, D 3%, E 2%）" in r.stdout
