"""Personal data kept no longer than needed: anonymising old customers, giving a customer their records."""
