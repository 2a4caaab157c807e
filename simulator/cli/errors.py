"""Errors a command reports to the user as a one-line message with exit code 2 (simulator.errors)."""

from simulator.errors import UsageError

__all__ = ["UsageError"]
