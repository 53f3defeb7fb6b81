"""What an escalation says: the case in a few lines, for a KB representative or a nodal person.

An :class:`EscalationCase` gathers what the receiver needs (participant, ministry,
registration path, steps tried, what is needed) and nothing more. The Teams card
(:mod:`helpdesk.escalation.teams_card`) and the e-mail draft (:mod:`helpdesk.escalation.email_draft`) are both
made from it: the card masks the participant's contact by default, the e-mail, addressed
to the one representative, carries it in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from helpdesk import clock, desk
from helpdesk.emails import MDO_APPROVAL, SELF_REGISTRATION
from helpdesk.taxonomy import CATEGORIES, label

REP, NODAL = "rep", "nodal"
TARGETS = (REP, NODAL)

MAX_NEEDED_CHARS = 1500
MAX_STEP_CHARS = 500
MAX_STEPS = 8

# What the receiver is asked for when the agent writes nothing, by ticket category.
DEFAULT_NEEDED = {
    "bulk-upload": "Bulk upload of IDs: please set up or run the upload through the MDO portal "
                   "(or a new portal for the organisation).",
    "mdo-approval": "The MDO admin has not approved the registration; please follow up with "
                    "the ministry.",
    "profile": "A profile or department change the desk cannot make.",
}
DEFAULT_NEEDED_OTHER = "The desk could not resolve this; please take it over."
DEFAULT_NEEDED_NODAL = ("Registration of a private (non-government) e-mail ID: the participant "
                        "needs the ministry's nodal person.")

PATH_WORDS = {
    SELF_REGISTRATION: "government e-mail: self-registration",
    MDO_APPROVAL: "non-government e-mail: MDO admin registers and approves",
    None: "no valid e-mail yet",
}


@dataclass(frozen=True)
class EscalationCase:
    notification_id: str
    ticket_id: int
    target: str  # REP or NODAL
    participant_name: str
    email: str
    mobile: str
    ministry: str | None
    rep_name: str | None
    rep_email: str | None
    rep_mobile: str | None
    category: str
    registration_path: str | None
    training_date: date | None
    question: str
    needed: str
    steps_tried: tuple[str, ...]
    agent: str
    at: datetime

    @property
    def addressee(self) -> str:
        if self.target == REP:
            return f"{self.rep_name} (KB representative, {self.rep_email})"
        return f"the nodal persons of {self.ministry or 'the ministry'}"

    @property
    def nodal_list(self) -> str:
        return desk.facts().links.nodal_list

    @property
    def category_label(self) -> str:
        return label(CATEGORIES, self.category)

    @property
    def path_words(self) -> str:
        return PATH_WORDS.get(self.registration_path, str(self.registration_path))

    def subject(self) -> str:
        """One line naming the case, used for the e-mail subject and outbox listings."""
        where = self.ministry or "ministry not set"
        return f"[iGOT desk] Escalation {self.notification_id}: ticket #{self.ticket_id}, {self.category_label}, {where}"


def default_needed(category: str, target: str) -> str:
    if target == NODAL:
        return DEFAULT_NEEDED_NODAL
    return DEFAULT_NEEDED.get(category, DEFAULT_NEEDED_OTHER)


def trimmed(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def mask_email(address: str) -> str:
    """r•••@gmail.com: the domain (which decides the path) and one letter to match a mail.
    Bullets rather than asterisks, which Teams would read as Markdown emphasis."""
    name, at, domain = address.partition("@")
    if not at:
        return "•••"
    return f"{name[:1]}•••@{domain}"


def mask_mobile(number: str) -> str:
    """••••••7159: the last four digits, as banks print them."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return "•" * max(len(digits) - 4, 0) + digits[-4:] if digits else ""


def facts(case: EscalationCase, *, contact: str) -> list[tuple[str, str]]:
    """(label, value) pairs describing the case; ``contact`` is masked, full or none."""
    rows = [("Notification", f"{case.notification_id} (ticket #{case.ticket_id})"),
            ("Participant", case.participant_name)]
    if contact != "none":
        if case.email:
            rows.append(("E-mail", case.email if contact == "full" else mask_email(case.email)))
        if case.mobile:
            rows.append(("Mobile", case.mobile if contact == "full" else mask_mobile(case.mobile)))
    rows += [("Ministry", case.ministry or "not set"),
             ("Path", case.path_words),
             ("Category", case.category_label)]
    if case.training_date:
        rows.append(("Training", f"{case.training_date:%a %d %b %Y}"))
    rows.append(("Escalated by", f"{case.agent}, {clock.to_ist(case.at):%d %b %Y %H:%M} IST"))
    return rows


def plain_text(case: EscalationCase, *, contact: str, with_question: bool) -> str:
    """The case as plain text: the e-mail body and what the agent copies to the clipboard."""
    lines = [f"To: {case.addressee}"]
    if case.target == REP and case.rep_mobile:
        lines.append(f"    mobile {case.rep_mobile}")
    if case.target == NODAL:
        lines.append(f"    nodal persons list: {case.nodal_list}")
    lines.append("")
    width = max(len(name) for name, _ in facts(case, contact=contact))
    lines += [f"{name + ':':<{width + 1}} {value}" for name, value in facts(case, contact=contact)]
    if with_question and case.question.strip():
        lines += ["", "The participant's question:", case.question.strip()]
    lines += ["", "What is needed:", case.needed]
    if case.steps_tried:
        lines += ["", "Steps tried by the desk:", *(f"- {step}" for step in case.steps_tried)]
    lines += ["", f"Reference {case.notification_id}: if this arrives twice, it is the same escalation."]
    return "\n".join(lines)
