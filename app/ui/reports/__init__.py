"""Reports: make, preview, save and print the PDFs."""
