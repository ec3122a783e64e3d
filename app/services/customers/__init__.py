"""One customer, one record: finding a returning customer, merging two records of one person."""
