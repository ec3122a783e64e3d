"""PDF reports (reportlab, no Qt): each report a module that gathers its figures, then lays them out."""
