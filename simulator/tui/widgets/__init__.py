"""Widgets grouped by feature."""
