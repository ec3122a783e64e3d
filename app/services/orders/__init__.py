"""Repair orders from the dealer's management system: reading, storing, the demo's orders."""
