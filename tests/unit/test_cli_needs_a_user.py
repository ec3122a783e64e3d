"""Commands whose change is a named person's doing (a warning acknowledged, an improvement action
raised or done) refuse a store with no users yet, in one message saying how to get one, exit 2, and
store nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.models import Event, ImprovementAction


@pytest.mark.parametrize("argv", [
    ["warn", "ack", "no-such-warning"],
    ["improve", "add", "C-001", "--title", "Parts ordered at booking", "--due", "2099-01-31"],
    ["improve", "done", "no-such-action"],
], ids=["warn ack", "improve add", "improve done"])
def test_a_store_without_users_is_refused(store, data_dir, capsys, monkeypatch, argv):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # the words checked below are the English ones
    with store.session() as s:
        events = s.scalar(select(func.count()).select_from(Event))
    assert main(["--data-dir", str(data_dir), *argv]) == 2
    err = capsys.readouterr().err
    assert "this store has no users yet" in err and "create a supervisor first" in err
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == events
        assert s.scalar(select(func.count()).select_from(ImprovementAction)) == 0
