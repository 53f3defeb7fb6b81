"""Deterministic desk histories for benchmarks: a year of tickets as the desk would log them.

Every ticket is shaped like the real ones: most come in on the Teams link during desk
hours and are claimed at once; some arrive by e-mail or phone at any hour and wait for a
first response; a share waits on the participant or on MDO approval (for desk days),
some are escalated, a few are reopened, many are closed after resolution. Event times are
placed in desk time (``DeskHours.add_desk_minutes``), and nothing happens after ``now``:
tickets logged in the last days are still being worked. Same seed, same database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from helpdesk.clock import IST, iso
from helpdesk.hours.status import DeskHours

AGENTS = ("asha", "ben", "chitra", "deepak", "farah", "gopal", "harpreet", "imran", "jaya",
          "kiran", "lata", "mohan")
FIRST_NAMES = ("Ravi", "Sita", "Mohan", "Priya", "Arjun", "Kavita", "Suresh", "Anita", "Rahul",
               "Meena", "Vikram", "Pooja", "Amit", "Neha", "Rajesh", "Sunita", "Farhan", "Gurpreet")
LAST_NAMES = ("Kumar", "Devi", "Sharma", "Singh", "Patel", "Reddy", "Nair", "Das", "Iyer",
              "Khan", "Gupta", "Verma", "Joshi", "Rao", "Bose", "Mehta")
CATEGORIES = (("otp", 22), ("mdo-approval", 20), ("gov-email", 15), ("mobile-not-registered", 9),
              ("profile", 8), ("app-login", 8), ("certificate", 6), ("bulk-upload", 4),
              ("find-course", 5), ("other", 3))
OUTCOME_FOR = {"otp": "otp-resolved", "mdo-approval": "referred-mdo", "gov-email": "self-registered",
               "mobile-not-registered": "mobile-update", "profile": "profile-nodal",
               "app-login": "otp-resolved", "certificate": "certificate-guided",
               "bulk-upload": "bulk-upload-arranged", "find-course": "course-guided",
               "other": "information-given"}


@dataclass
class Generated:
    ticket: dict
    events: list[tuple] = field(default_factory=list)


class DeskHistory:
    def __init__(self, hours: DeskHours, ministries: list[tuple[str, str]], seed: int,
                 first_day: date, now: datetime) -> None:
        self.hours, self.ministries, self.now = hours, ministries, now
        self.rng = random.Random(seed)
        self.first_day = first_day
        self._weights = [1 / (rank + 1) for rank in range(len(ministries))]  # a few ministries dominate
        self._category_names = [name for name, _ in CATEGORIES]
        self._category_weights = [weight for _, weight in CATEGORIES]

    def open_days(self) -> list[date]:
        days, day = [], self.first_day
        while day <= self.now.date():
            if self.hours.is_open_day(day):
                days.append(day)
            day += timedelta(days=1)
        return days

    def tickets(self, count: int):
        """``count`` tickets spread over the open days up to now, oldest first."""
        days = self.open_days()
        per_day = count / len(days)
        made = 0
        for index, day in enumerate(days):
            target = round(per_day * (index + 1))
            moments = sorted(self._arrival(day) for _ in range(target - made))
            for moment in moments:
                if moment > self.now:
                    moment = self.now - timedelta(minutes=1)
                made += 1
                yield self._ticket(made, moment)

    def _arrival(self, day: date) -> datetime:
        rng = self.rng
        if rng.random() < 0.9:  # the Teams link: desk hours, busiest late morning
            minute = min(max(rng.gauss(150, 110), 0), 479)
            return datetime.combine(day, time(9), IST) + timedelta(minutes=minute)
        return datetime.combine(day, time(0), IST) + timedelta(minutes=rng.uniform(0, 1439))

    def _ticket(self, ticket_id: int, created: datetime) -> Generated:
        rng = self.rng
        live = created.time() >= time(9) and created.time() < time(17) and rng.random() < 0.85
        ministry, rep_email = self.ministries[rng.choices(range(len(self.ministries)), self._weights)[0]]
        if rng.random() < 0.08:
            ministry, rep_email = None, None
        category = rng.choices(self._category_names, self._category_weights)[0]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        government = category == "gov-email" or rng.random() < 0.4
        ticket = {
            "id": ticket_id, "created_at": iso(created), "created_by": rng.choice(AGENTS),
            "updated_at": iso(created), "participant_name": f"{first} {last}",
            "email": f"{first}.{last}{ticket_id}@{'mha.gov.in' if government else 'gmail.com'}".lower(),
            "mobile": f"{rng.choice('6789')}{rng.randrange(10**9):09d}",
            "ministry_query": ministry or "my department", "ministry": ministry,
            "rep_email": rep_email, "category": category,
            "channel": "teams" if live else rng.choice(("email", "phone")),
            "training_date": (created.date() + timedelta(days=rng.randint(2, 30))).isoformat(),
            "question": f"{category} problem while registering", "language": "hi" if rng.random() < 0.15 else "en",
            "status": "new", "assignee": None, "claimed_at": None, "first_response_at": None,
            "resolved_at": None, "outcome": None, "resolution_note": None, "handle_seconds": None,
            "version": 1,
        }
        story = _Story(self, ticket, created)
        story.record(created, ticket["created_by"], "created")
        agent = ticket["created_by"] if live else rng.choice(AGENTS)
        claim_at = created if live else self._later(created, rng.expovariate(1 / 35))
        if not story.claim(claim_at, agent):
            return story.done()
        self._work(story, agent, category)
        return story.done()

    def _work(self, story: _Story, agent: str, category: str) -> None:
        rng = self.rng
        at = story.at
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            at = self._later(at, rng.expovariate(1 / 10))
            if not story.note(at, agent):
                return
        path = rng.random()  # below 0.55 (55%): resolved while open, with no wait first
        outcome = OUTCOME_FOR[category]
        if 0.55 <= path < 0.75:
            at = self._later(at, 5)
            if not story.status(at, agent, "waiting-participant"):
                return
            at = self._later(at, rng.expovariate(1 / 300))
            if not story.status(at, agent, "open"):
                return
        elif 0.75 <= path < 0.9:
            at = self._later(at, 5)
            if not story.status(at, agent, "waiting-mdo"):
                return
            at = self._later(at, rng.uniform(480, 2400))
            if not story.status(at, agent, "open"):
                return
            outcome = "referred-mdo"
        elif 0.9 <= path < 0.95:
            at = self._later(at, 5)
            if not story.status(at, agent, "escalated"):
                return
            at = self._later(at, rng.expovariate(1 / 900))
            outcome = "escalated-kb"
        elif path >= 0.95:
            at = self._later(at, 5)
            if not story.status(at, agent, "waiting-participant"):
                return
            at = self._later(at, 3 * 480)
            outcome = "no-response"
        at = self._later(at, rng.expovariate(1 / 25))
        if not story.resolve(at, agent, outcome):
            return
        if rng.random() < 0.03:  # reopened: the fix did not hold
            at = self._later(at, rng.uniform(60, 960))
            if not story.status(at, agent, "open"):
                return
            at = self._later(at, rng.expovariate(1 / 30))
            if not story.resolve(at, agent, outcome):
                return
        if rng.random() < 0.3:
            story.status(self._later(at, 480 * rng.randint(1, 5)), agent, "closed")

    def _later(self, start: datetime, desk_minutes: float) -> datetime:
        return self.hours.add_desk_minutes(start, max(int(desk_minutes), 1))


class _Story:
    """One ticket's life, written as the actions would write it, cut off at ``now``."""

    def __init__(self, history: DeskHistory, ticket: dict, created: datetime) -> None:
        self.history, self.ticket, self.at = history, ticket, created
        self.events: list[tuple] = []

    def _happens(self, at: datetime) -> bool:
        if at > self.history.now:
            return False
        self.at = at
        return True

    def record(self, at: datetime, agent: str, kind: str, field: str | None = None,
               before: str | None = None, after: str | None = None, body: str | None = None) -> None:
        self.events.append((self.ticket["id"], self.ticket["version"], iso(at), agent, kind, field,
                            before, after, body))
        self.ticket["updated_at"] = iso(at)

    def _bump(self, at: datetime) -> None:
        self.ticket["version"] += 1
        if not self.ticket["first_response_at"]:
            self.ticket["first_response_at"] = iso(at)

    def claim(self, at: datetime, agent: str) -> bool:
        if not self._happens(at):
            return False
        if at != datetime.fromisoformat(self.ticket["created_at"]):
            self._bump(at)
        elif not self.ticket["first_response_at"]:
            self.ticket["first_response_at"] = iso(at)
        self.ticket.update(assignee=agent, claimed_at=iso(at), status="open")
        self.record(at, agent, "claimed", "assignee", None, agent)
        return True

    def note(self, at: datetime, agent: str) -> bool:
        if not self._happens(at):
            return False
        self._bump(at)
        self.record(at, agent, "note", body="explained the steps; participant trying now")
        return True

    def status(self, at: datetime, agent: str, status: str) -> bool:
        if not self._happens(at):
            return False
        before = self.ticket["status"]
        self._bump(at)
        if before in ("resolved", "closed") and status not in ("resolved", "closed"):
            self.ticket.update(resolved_at=None, outcome=None, resolution_note=None, handle_seconds=None)
        self.ticket["status"] = status
        self.record(at, agent, "status", "status", before, status)
        return True

    def resolve(self, at: datetime, agent: str, outcome: str) -> bool:
        if not self._happens(at):
            return False
        self._bump(at)
        started = datetime.fromisoformat(self.ticket["claimed_at"] or self.ticket["created_at"])
        self.ticket.update(status="resolved", resolved_at=iso(at), outcome=outcome,
                           resolution_note="done", handle_seconds=int((at - started).total_seconds()))
        self.record(at, agent, "resolved", "outcome", None, outcome, body="done")
        return True

    def done(self) -> Generated:
        return Generated(self.ticket, self.events)
