"""An improvement action's --due and --figure read the same at the counter (`improve add`) and at head
office (`hq improve add`): a due date that isn't YYYY-MM-DD is refused in one message, exit 2, before
any store or database is opened; head office's action must name its figure."""

from __future__ import annotations

import pytest

from app.cli import main


def _commands(tmp_path, due: str) -> dict[str, list[str]]:
    return {
        "improve add": ["--data-dir", str(tmp_path / "desk"), "improve", "add", "C-001", "--title", "Parts ordered",
                        "--due", due],
        "hq improve add": ["hq", "improve", "add", "--db", f"sqlite:///{tmp_path / 'hq.db'}", "--dealers", "BJ01",
                           "--title", "Parts ordered", "--due", due, "--figure", "cause:system"],
    }


@pytest.mark.parametrize("command", ["improve add", "hq improve add"])
@pytest.mark.parametrize("due", ["2027-13-01", "31/01/2027", "tomorrow", ""])
def test_a_due_date_that_is_not_one_is_refused(tmp_path, capsys, monkeypatch, command, due):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # the words checked below are the English ones
    assert main(_commands(tmp_path, due)[command]) == 2
    assert "--due: a date as YYYY-MM-DD, e.g. 2027-01-31" in capsys.readouterr().err
    assert not (tmp_path / "desk").exists() and not (tmp_path / "hq.db").exists()  # nothing opened, nothing stored


def test_head_office_names_the_figure_a_counter_may_leave_out(tmp_path, capsys):
    hq = [a for a in _commands(tmp_path, "2099-01-31")["hq improve add"] if a not in ("--figure", "cause:system")]
    with pytest.raises(SystemExit) as refused:
        main(hq)
    assert refused.value.code == 2 and "--figure" in capsys.readouterr().err
    assert not (tmp_path / "hq.db").exists()
