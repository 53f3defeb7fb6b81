"""Desk hours and holidays are core: the console header, reports and SLA clocks use them
without a UI, so importing them must not pull in Textual."""

import subprocess
import sys

CORE = ["helpdesk.hours.status", "helpdesk.hours.holidays", "helpdesk.hours.holiday_import", "helpdesk.hours.holiday_changes",
        "helpdesk.cli.hours_cmd", "helpdesk.cli.holidays_cmd"]


def test_hours_and_holidays_do_not_import_textual():
    probe = ("import sys\n" + "".join(f"import {module}\n" for module in CORE)
             + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert shown == "[]"
