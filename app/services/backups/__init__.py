"""Backups of the counter's store: taking them (daily, now, to a folder), listing and keeping the last N, restoring one."""
