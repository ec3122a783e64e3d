"""What every room stands on: the clock, typed errors, ids, file places, the keyring, string marks."""
