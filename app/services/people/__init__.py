"""The dealer's people: users, roles, PINs and their lockouts."""
