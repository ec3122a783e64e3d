"""Fitting the 3-day calls' risk model again from a view: one fit at a time, its failure in the view's words."""

from __future__ import annotations

from shiboken6 import isValid

from app.ui.common.ui_words import error_text


def refit_model(view, ops, store, label, words: str) -> bool:
    """Fit the model on the dealer's history as it is now, by `orders refit` in a process of its own (its
    seconds of CPU would make the window stutter in ours), waited for on the io pool: never the database
    worker, so the desk's saves and reads go on; the ALERTS it announces refresh what shows the risk.
    At most one fit at a time per view (``view.fitting``); a failure is shown in ``label`` as ``words``,
    the view's own translated sentence with an ``{error}`` place. False when one is already running."""
    from app.services.predict.elsewhere import refit_elsewhere

    if view.fitting:
        return False
    view.fitting = True

    def done(_result=None) -> None:  # the view may have closed meanwhile (sign out, a new window)
        if isValid(view):
            view.fitting = False

    def failed(error) -> None:
        if isValid(view):
            view.fitting = False
            label.setText(words.format(error=error_text(error)))

    ops.run(lambda: refit_elsewhere(store), on_success=done, on_failure=failed, pool="io")
    return True
