"""Pure domain rules (DOMAIN.md): no database, no Qt, no clock."""
