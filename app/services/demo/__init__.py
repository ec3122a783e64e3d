"""Realistic demo data and demo cases taken through recovery."""
