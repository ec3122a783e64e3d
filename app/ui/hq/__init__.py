"""Head office's own window."""
