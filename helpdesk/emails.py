"""E-mail rules: is the address usable, and which registration path does it put the participant on.

Government address -> self-registration (select the organisation; access at once).
Any other address -> the MDO admin registers and approves; access stays pending until then.

iGOT itself does not reason about suffixes: it accepts a sign-up only when the exact domain
after "@" is on its approved list, and otherwise shows "Email domain of this email address
is not approved. Please use Request for help." So a verdict of "government" is a strong
hint, never a promise; every verdict carries that caveat for the agent.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib.resources import files


from .text import clean_line

SELF_REGISTRATION = "self-registration"
MDO_APPROVAL = "mdo-approval"

NOT_APPROVED_MESSAGE = (
    "Email domain of this email address is not approved. Please use Request for help."
)
IGOT_CHECK_NOTE = (
    "iGOT accepts a sign-up only if the exact domain after '@' is on its approved list. "
    f"If the participant sees \"{NOT_APPROVED_MESSAGE}\", use the 'Request for help' link "
    "under the e-mail field (a domain request; iGOT replies within 48 hours) or register "
    "through the MDO admin instead."
)

# The pattern iGOT's registration service applies before its domain check
# (sunbird-cb-ext UserRegistrationServiceImpl.emailValidation). Addresses valid by the RFC
# but outside it (an apostrophe, non-ASCII letters) are refused by the sign-up form.
_IGOT_PATTERN = re.compile(
    r"^[a-zA-Z0-9_+&*-]+(?:\.[a-zA-Z0-9_+&*-]+)*@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,7}$"
)
_ANGLE_ADDRESS = re.compile(r"<([^<>]*)>\s*$")
MAX_EMAIL_LENGTH = 254


@dataclass(frozen=True)
class EmailVerdict:
    email: str
    valid: bool
    government: bool
    path: str | None
    error: str | None
    domain: str | None = None
    warnings: list[str] = field(default_factory=list)
    advice: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def shipped_government_domains() -> tuple[str, ...]:
    text = files("helpdesk.data").joinpath("email_domains.toml").read_text(encoding="utf-8")
    return tuple(domain.strip().lower().strip(".") for domain in tomllib.loads(text)["government"])


def is_government_domain(domain: str, government_domains: tuple[str, ...] | None = None) -> bool:
    """True when ``domain`` is a listed domain or a sub-domain of one, on a dot boundary."""
    domain = domain.lower().rstrip(".")
    for listed in government_domains or shipped_government_domains():
        if domain == listed or domain.endswith("." + listed):
            return True
    return False


def tidy(raw: str) -> str:
    """What agents paste: ``mailto:`` links, ``Name <address>``, stray spaces and case."""
    text = clean_line(raw)
    angle = _ANGLE_ADDRESS.search(text)
    if angle:
        text = angle.group(1)
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    return text.strip().strip(",;")


def classify(raw: str, government_domains: tuple[str, ...] | None = None) -> EmailVerdict:
    """Validate an address (no network) and say which registration path it leads to."""
    address = tidy(raw)
    if not address:
        return EmailVerdict(email="", valid=False, government=False, path=None,
                            error="no e-mail address given")
    if len(address) > MAX_EMAIL_LENGTH:
        return EmailVerdict(email=address[:MAX_EMAIL_LENGTH], valid=False, government=False,
                            path=None, error=f"longer than {MAX_EMAIL_LENGTH} characters")
    # Imported here: compiling its RFC grammar costs ~40 ms, on the console's start-up path.
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        return EmailVerdict(email=address, valid=False, government=False, path=None,
                            error=str(error))

    # Mailbox names are case-insensitive at every government mail host we know of, and
    # iGOT compares addresses case-insensitively; lower case keeps duplicates findable.
    email = checked.normalized.lower()
    domain = checked.ascii_domain.lower()
    government = is_government_domain(domain, government_domains)
    warnings = []
    if not _IGOT_PATTERN.match(email):
        warnings.append(
            "iGOT's sign-up form refuses this address: it allows only letters, digits and "
            "_ + & * - in the name part, and a plain ASCII domain"
        )
    if government:
        advice = ("Government address: the participant can self-register by selecting "
                  "their organisation, with immediate access. " + IGOT_CHECK_NOTE)
    else:
        advice = ("Not a government address: the participant's access stays pending until "
                  "their MDO admin registers and approves them. Contact the MDO admin early; "
                  "the nodal persons list is at https://igotkarmayogi.gov.in/#/mdoList#mdoUserList.")
    return EmailVerdict(
        email=email,
        valid=True,
        government=government,
        path=SELF_REGISTRATION if government else MDO_APPROVAL,
        error=None,
        domain=domain,
        warnings=warnings,
        advice=advice,
    )
