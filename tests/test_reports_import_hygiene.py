"""Clocks, reports, exports and the handover are core: scripts and the CLI use them without
a UI, so importing them must not pull in Textual."""

import subprocess
import sys

CORE = ["helpdesk.reports.clocks", "helpdesk.hours.desk_minute_index", "helpdesk.reports.sla", "helpdesk.reports.figures",
        "helpdesk.reports.layout", "helpdesk.tickets.training_risk", "helpdesk.reports.exports", "helpdesk.reports.privacy",
        "helpdesk.private_files", "helpdesk.reports.handover", "helpdesk.reports.handover_format",
        "helpdesk.reports.queue_marks", "helpdesk.cli.report_cmd", "helpdesk.cli.export_cmd",
        "helpdesk.cli.handover_cmd"]


def test_reports_do_not_import_textual():
    probe = ("import sys\n" + "".join(f"import {module}\n" for module in CORE)
             + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert shown == "[]"
