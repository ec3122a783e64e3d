"""Use cases over a unit of work. They take primitives and return plain frozen dataclasses."""
