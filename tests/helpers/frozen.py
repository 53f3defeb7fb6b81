"""The moment every in-process test runs at (conftest.py freezes helpdesk.clock.now to it)."""

from __future__ import annotations

from datetime import datetime

from helpdesk.clock import IST

FROZEN_NOW = datetime(2026, 11, 23, 11, 0, tzinfo=IST)  # a Monday, desk open
