"""Recovery Desk (服务补救台): service recovery for car dealers' service counters."""

__version__ = "0.1.0"
