"""Today: what needs the advisor now."""
