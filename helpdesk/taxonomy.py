"""The desk's vocabulary: ticket categories, statuses, outcomes and channels.

Codes are stable (stored in the database, used on the command line and in reports);
labels are what agents read. Categories follow the situations in the seed documents;
outcomes follow the steps of the registration funnel, so reports can say where
participants get stuck.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    label: str


CATEGORIES = (
    Term("gov-email", "Government e-mail registration"),
    Term("mdo-approval", "Non-government e-mail / pending MDO approval"),
    Term("bulk-upload", "Bulk upload of IDs"),
    Term("otp", "OTP not received"),
    Term("mobile-not-registered", "Mobile number not registered"),
    Term("profile", "Wrong department or profile change"),
    Term("certificate", "Certificate"),
    Term("app-login", "App download or login"),
    Term("find-course", "Finding the right course"),
    Term("other", "Other"),
)

STATUSES = (
    Term("new", "New"),
    Term("open", "Open"),
    Term("waiting-participant", "Waiting on participant"),
    Term("waiting-mdo", "Waiting on MDO approval"),
    Term("escalated", "Escalated to KB representative"),
    Term("resolved", "Resolved"),
    Term("closed", "Closed"),
)
# Statuses in which the desk is waiting on someone else: business-hours clocks pause.
PAUSED_STATUSES = frozenset({"waiting-participant", "waiting-mdo"})
# Statuses in which there is nothing left for the desk to do.
DONE_STATUSES = frozenset({"resolved", "closed"})

OUTCOMES = (
    Term("self-registered", "Registered by self-registration"),
    Term("referred-mdo", "Referred to the MDO admin for registration and approval"),
    Term("domain-request", "Guided to Request for help (domain not approved)"),
    Term("bulk-upload-arranged", "Bulk upload routed to MDO portal or KB representative"),
    Term("otp-resolved", "OTP or login issue resolved"),
    Term("mobile-update", "Asked the department to update the mobile number"),
    Term("profile-nodal", "Profile change referred to the nodal officer"),
    Term("certificate-guided", "Certificate located or requirements explained"),
    Term("course-guided", "Course found or course list explained"),
    Term("escalated-kb", "Handed over to the KB representative"),
    Term("information-given", "Information given; no action needed"),
    Term("no-response", "Participant did not respond"),
    Term("duplicate", "Duplicate of another ticket"),
)

CHANNELS = (
    Term("teams", "Teams (live session)"),
    Term("phone", "Phone"),
    Term("email", "E-mail"),
    Term("walk-in", "In person"),
)
LIVE_CHANNELS = frozenset({"teams"})


def codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(term.code for term in terms)


def label(terms: tuple[Term, ...], code: str) -> str:
    """The label for ``code``, or the code itself for values from a newer version."""
    for term in terms:
        if term.code == code:
            return term.label
    return code
