"""A Monday morning at the desk for console tests: FROZEN_NOW is Mon 23 Nov 2026 11:00.

Expected figures for the day, as of 11:00 (worked out by hand):
- opened 4 (2, 3, 4, 5); resolved 2 (1, 4); still open 3 (2, 3, 5); no reply yet 2 (3, 5);
- first reply over 2 (5 min) and 4 (10 min): median 7.5 -> "8m";
- handle over 1 (Fri 10:05-17:00 = 415, Mon 09:00-10:30 = 90: 505) and 4 (30): median 267.5;
- targets: 3 has waited 90 desk minutes for a reply (past 60); 5 has waited 50 (near, due 11:10).
"""

from __future__ import annotations

from helpdesk import tickets
from helpers.reports import add_directory, ist, log


def monday_morning(store) -> None:
    add_directory(store)
    log(store, ist(2026, 11, 20, 10, 0), ministry="D/o Posts", category="otp", participant_name="Anil Rao")
    tickets.claim(store, 1, "asha", at=ist(2026, 11, 20, 10, 5))
    tickets.resolve(store, 1, "otp-resolved", "resent", "asha", at=ist(2026, 11, 23, 10, 30))
    log(store, ist(2026, 11, 23, 9, 15), "ben", ministry="M/o Railways", category="mdo-approval",
        training_date="2026-11-25", participant_name="Sita Devi")
    tickets.claim(store, 2, "ben", at=ist(2026, 11, 23, 9, 20))
    tickets.set_status(store, 2, "waiting-mdo", "ben", at=ist(2026, 11, 23, 9, 40))
    log(store, ist(2026, 11, 23, 9, 30), category="otp", participant_name="Kiran [b]Bold[/b]")
    log(store, ist(2026, 11, 23, 10, 0), ministry="D/o Posts", category="certificate",
        participant_name="Mohan Lal")
    tickets.claim(store, 4, "asha", at=ist(2026, 11, 23, 10, 10))
    tickets.resolve(store, 4, "certificate-guided", "found", "asha", at=ist(2026, 11, 23, 10, 40))
    log(store, ist(2026, 11, 23, 10, 10), ministry="D/o Health & Family Welfare", category="otp",
        participant_name="Farah Khan", training_date="2026-11-27")
