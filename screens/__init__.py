"""Textual screens of the agent console, one screen or modal per module."""
