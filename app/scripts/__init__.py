"""Recovery script packs (话术): loading, validating and choosing the script for a case. No Qt."""
