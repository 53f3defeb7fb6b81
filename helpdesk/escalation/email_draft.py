"""The e-mail to the representative, as a draft the agent opens, checks and sends themselves.

Two forms of the same text: a ``.eml`` file (with ``X-Unsent: 1``, so Outlook and
Thunderbird open it as a draft ready to send) written owner-only, and a ``mailto:`` link
for mail programs that take one. Mail programs cut long ``mailto:`` links, so its body is
shortened and points to the ``.eml`` for the rest.

The draft goes to one representative, so it carries the participant's contact in full
and their question; the Teams card does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

from helpdesk.config import write_private
from helpdesk.escalation.message import REP, EscalationCase, plain_text, trimmed

DRAFTS_FOLDER = "escalations"

# Browsers and mail programs handle mailto: links up to about 2,000 characters reliably.
MAILTO_BODY_CHARS = 1200


@dataclass(frozen=True)
class EmailDraft:
    to: str  # '' when there is no single addressee (nodal persons: see the list)
    subject: str
    body: str

    def mailto(self, eml_path: Path | None = None) -> str:
        body = self.body
        if len(body) > MAILTO_BODY_CHARS:
            rest = f"\n\n(shortened; the full text is in {eml_path.name})" if eml_path else "\n\n(shortened)"
            body = trimmed(body, MAILTO_BODY_CHARS) + rest
        return (f"mailto:{quote(self.to, safe='@')}?subject={quote(self.subject, safe='')}"
                f"&body={quote(body, safe='')}")

    def eml(self) -> str:
        message = EmailMessage()
        if self.to:
            message["To"] = self.to
        message["Subject"] = self.subject
        message["X-Unsent"] = "1"
        message.set_content(self.body)
        return message.as_string()

    def write_eml(self, directory: Path, name: str) -> Path:
        """Write ``name``.eml in ``directory`` (created owner-only); returns its path."""
        path = directory / f"{name}.eml"
        write_private(path, self.eml())
        return path


def drafts_dir(database: Path) -> Path:
    """Drafts live beside the database file, in an owner-only folder (the CLI and the
    console use the same one, so an agent finds them in one place)."""
    return Path(database).parent / DRAFTS_FOLDER


def draft_for(case: EscalationCase) -> EmailDraft:
    to = case.rep_email if case.target == REP and case.rep_email else ""
    return EmailDraft(to, case.subject(), plain_text(case, contact="full", with_question=True))
