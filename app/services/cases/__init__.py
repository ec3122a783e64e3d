"""Failure cases: opening, changing, finding, complaints at the counter, attachments."""
