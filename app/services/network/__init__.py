"""Head office's figures over the whole network, kept fast at its size (month sums the import keeps)."""
