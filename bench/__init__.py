"""Benchmarks: run a module as a script (``.venv/bin/python bench/lookup.py``) or import it."""
