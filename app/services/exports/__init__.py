"""Lists out to Excel: the one workbook writer, and the case list and the feedback forms as a person reads them."""
