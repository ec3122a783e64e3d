"""Guided recovery: the stepper, remedies and approvals, callbacks."""
