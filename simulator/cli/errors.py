"""Errors a command reports to the user as a one-line message with exit code 2."""


class UsageError(Exception):
    """The command line asked for something that cannot be done (unknown scenario, bad choice...)."""
