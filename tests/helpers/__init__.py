"""Shared test helpers, imported by name (``from helpers.console import settle``); pytest puts tests/ on sys.path."""
