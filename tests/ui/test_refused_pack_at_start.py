"""A damaged pack in the data directory: the desk still opens, works on the bundled pack, and says why."""

from app.ui.shell.main_window import MainWindow


def test_damaged_stored_pack_is_named_and_the_bundled_one_used(qtbot, store, ops, advisor, data_dir):
    stored = data_dir / "scripts" / "active.yaml"
    stored.parent.mkdir()
    stored.write_text("pack: default\nversion: 9\nscripts:\n  - id: x\n    steps: [1]\n", encoding="utf-8")
    w = MainWindow(store, ops, advisor)
    qtbot.addWidget(w)
    w.show()
    msg = w.statusBar().currentMessage()
    assert msg.startswith("active.yaml: the script pack was refused") and "active.yaml:1:" in msg
    assert w.recovery.library.pack.label == "default@1"
