"""Yesable: practise leading without authority in negotiation and conflict scenarios."""

__version__ = "0.1.0"
