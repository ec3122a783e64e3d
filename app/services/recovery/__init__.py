"""Recovering a case: the guided steps, remedies and approvals, the follow-up call."""
