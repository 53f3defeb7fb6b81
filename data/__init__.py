"""Shipped data files (directory, aliases, holidays, responses); no code lives here.

This marker makes the folder an importable package, so the files are found with
importlib.resources wherever helpdesk is installed.
"""
