"""What needs someone now: the day's work lists and the supervisors' alerts."""
