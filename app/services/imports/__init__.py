"""Reading dealers' files (Excel workbooks, CSV in any encoding Excel writes) into checked records: one reader, one column mapping, for every import."""
