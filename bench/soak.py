"""A console kept open all day: memory and latency after hundreds of participants, not at start.

    .venv/bin/python bench/soak.py [--tickets 300] [--every 25] [--key-ms 10] [--json]

One console (``App.run_test()``, headless, 120x40, a fresh database seeded with the
shipped directory and holidays, the desk's clock running from an open weekday morning)
is driven through a shift of realistic work, ticket after ticket, with keys delivered to
the app's driver as a terminal would, ``--key-ms`` apart, whether or not the app has
handled the previous one:

- the queue: n opens the intake; the participant's name, e-mail, mobile, ministry (as a
  participant says it: the lookup routes it), training date and question are typed, with
  Tab between fields and the next field's first key right behind the Tab;
- Ctrl+S saves, and the new ticket must show (timed: save → ticket shown);
- F9 suggests replies, Enter copies the first; Ctrl+N writes a note; Ctrl+R resolves with
  an outcome and what was done (each timed: key → ticket shows the change);
- back to the queue (F3); every few tickets a queue search, the scope filters and the
  dashboard (F5).

Every ``--every`` tickets, a checkpoint: resident memory (VmRSS, after a full collection,
so it counts what is still reachable or leaked, not garbage waiting for its pass), the
console's screens and workers, and keystroke → screen latency in the lookup panel and the
queue search (as bench/keystroke.py times them). At the end: every Tab tried (did each
field hold exactly what was typed into it?), and the figures against the targets:
memory after the last checkpoint within 40 MB of the first; keystroke p99 ≤ 16 ms at the
first and last checkpoint; 100% of keys in the right field; save → ticket shown p99 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textual import events  # noqa: E402

from helpdesk.console.session import AgentSession  # noqa: E402
from helpdesk.store.connection import Store  # noqa: E402
from keystroke import QUEUE_QUERIES, _send, _summary, _until, lookup_samples, queue_search_samples  # noqa: E402
from queue_speed import NOW  # noqa: E402

TARGETS = {"memory_growth_mb": 40.0, "keystroke_p99_ms": 16.0, "save_p99_ms": 100.0, "right_field_percent": 100.0}

FIRST = ("Sunita", "Anil", "Kavita", "Ravi", "Meena", "Arjun", "Harpreet", "Lakshmi", "Farid", "Deepa")
LAST = ("Sharma", "Verma", "Iyer", "Nair", "Reddy", "Khan", "Patel", "Joshi", "Thomas", "Bose")
MINISTRIES = ("rly board", "dak vibhag", "meity", "home affairs", "icar", "income tax", "dept of space",
              "health ministry", "cbdt", "ministry of coal")
QUESTIONS = ("OTP not received on my mobile", "registered last week but access still pending",
             "certificate not visible", "which group do I select", "domain not approved at sign-up")


def resident_mb() -> float:
    """Resident memory of this process now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _press(app, key: str) -> None:
    """A named key (tab, enter, ctrl+s, f3…) as the driver delivers it."""
    event = events.Key(key, None)
    event.set_sender(app)
    app._driver.send_message(event)


class Shift:
    """The console and the agent driving it."""

    def __init__(self, app, key_seconds: float, rng: random.Random) -> None:
        self.app = app
        self.key_seconds = key_seconds
        self.rng = rng
        self.tries = 0  # focus changes followed at once by typing
        self.misplaced: list[str] = []
        self.timings: dict[str, list[float]] = {"save": [], "reply": [], "note": [], "resolve": []}

    async def type(self, text: str) -> None:
        for character in text:
            _send(self.app, character)
            await asyncio.sleep(self.key_seconds)

    async def key(self, key: str) -> None:
        _press(self.app, key)
        await asyncio.sleep(self.key_seconds)

    async def typed_into(self, text: str, selector: str) -> None:
        """Type ``text`` right behind the key that moved focus; check it all landed in ``selector``."""
        self.tries += 1
        await self.type(text)
        await self.landed(text, selector)

    async def landed(self, text: str, selector: str) -> None:
        """Did everything typed reach the text area ``selector``? Counted if not, then put
        right, as the agent would retype it, so the shift goes on."""
        area = self.app.screen.query_one(selector)
        try:
            await _until(lambda: area.text == text, timeout=3)
        except TimeoutError:
            self.misplaced.append(f"{selector}: typed {text!r}, field holds {area.text!r}")
            area.text = text

    async def timed(self, name: str, key: str, done) -> None:
        started = time.perf_counter()
        _press(self.app, key)
        await _until(done, timeout=30)
        self.timings[name].append((time.perf_counter() - started) * 1000)

    # The screens ------------------------------------------------------------------------
    def on(self, name: str) -> bool:
        return type(self.app.screen).__name__ == name and self.app.screen.is_mounted

    async def to_queue(self) -> None:
        """F3, as an agent would; Esc for whatever F3 did not leave (modal or stacked ticket)."""
        await self.key("f3")
        for _ in range(50):
            if self.on("QueueScreen"):
                return
            await asyncio.sleep(0.05)
            if not self.on("QueueScreen"):
                await self.key("escape")
        raise RuntimeError(f"could not get back to the queue from {type(self.app.screen).__name__}")

    # One participant --------------------------------------------------------------------
    async def participant(self, number: int) -> None:
        app, rng = self.app, self.rng
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {_letters(number)}"
        fields = {
            "participant_name": name,
            "email": f"{name.split()[0].lower()}.{number}@" + rng.choice(("gmail.com", "nic.in", "mha.gov.in")),
            "mobile": f"9{rng.randrange(10**8, 10**9):09d}",
            "ministry-query": rng.choice(MINISTRIES),
            "training_date": (NOW + timedelta(days=rng.randrange(3, 30))).strftime("%d/%m/%Y"),
        }
        await self.key("n")
        await _until(lambda: self.on("IntakeScreen") and app.focused is not None
                     and app.focused.id == "field-participant_name", timeout=10)
        # Each field's first key follows the key that moved focus there (n, Tab, Enter, a
        # dialog opening) by one key interval: every field is one try.
        first = True
        for field_id, text in fields.items():
            if not first:
                await self.key("tab")
            first = False
            await self.type(text)
        for _ in range(4):  # past category, channel and language to the question
            await self.key("tab")
        self.tries += len(fields) + 1
        question = rng.choice(QUESTIONS)
        await self.type(question)
        screen = app.screen
        await self.landed(question, "#field-question")
        await _idle(app)
        for field_id, text in fields.items():
            selector = "#ministry-query" if field_id == "ministry-query" else f"#field-{field_id}"
            box = screen.query_one(selector)
            if box.value != text:
                self.misplaced.append(f"{field_id}: typed {text!r}, field holds {box.value!r}")
                box.value = text  # as the agent would retype it, so the shift goes on
        await _idle(app)
        await self.timed("save", "ctrl+s", lambda: self.on("TicketScreen") and app.screen.ticket is not None
                         and app.screen.ticket.participant_name == name)
        ticket_screen = app.screen

        def version_past(version: int):
            return lambda: (app.screen is ticket_screen and ticket_screen.ticket is not None
                            and ticket_screen.ticket.version > version)

        version = ticket_screen.ticket.version
        started = time.perf_counter()
        await self.key("f9")
        await _until(lambda: self.on("ReplyPicker"), timeout=10)
        picker = app.screen
        for _ in range(len(picker.shown)):  # the first suggestion that can be sent as it is
            await _until(lambda: picker.reply is not None, timeout=10)
            if picker.reply.ready:
                break
            current = picker.current
            await self.key("down")
            await _until(lambda: picker.current is not current, timeout=10)
        await self.timed("reply", "enter", version_past(version))
        self.timings["reply"][-1] = (time.perf_counter() - started) * 1000
        version = ticket_screen.ticket.version
        await self.key("ctrl+n")
        await _until(lambda: self.on("NoteModal"), timeout=10)
        await self.typed_into("Walked through the sign-up steps on the call.", "#note-text")
        await self.timed("note", "ctrl+s", version_past(version))
        await self.key("ctrl+r")
        await _until(lambda: self.on("ResolveModal"), timeout=10)
        await self.key("down")
        await self.key("enter")
        await self.typed_into("Registered during the call.", "#resolve-note")
        await self.timed("resolve", "ctrl+s", lambda: app.screen is ticket_screen and ticket_screen.ticket
                         is not None and ticket_screen.ticket.status == "resolved")
        await self.to_queue()
        if number % 5 == 0:
            await self.browse(number)

    async def browse(self, number: int) -> None:
        """What an agent does between participants: search, scopes, the dashboard."""
        app = self.app
        await self.key("slash")
        await self.type(self.rng.choice(QUEUE_QUERIES))
        await asyncio.sleep(0.2)
        box = app.screen.query_one("#queue-search")
        box.value = ""
        await self.key("escape")
        for scope in ("m", "u", "a"):
            await self.key(scope)
            await asyncio.sleep(0.05)
        if number % 10 == 0:
            await self.key("f5")
            await _until(lambda: self.on("DashboardScreen"), timeout=10)
            await asyncio.sleep(0.3)
            await self.to_queue()


def _letters(number: int) -> str:
    """A surname-like tag that makes each participant's name unique (names take letters only)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters.capitalize()


async def _idle(app) -> None:
    """Background work (lookup index, reads) done: what a checkpoint measures is the console at rest."""
    await asyncio.sleep(0.3)
    lifelong = {"db-watch", "outbox", "background-start"}
    pending = [w for w in app.workers if w.group not in lifelong and not w.is_finished and not w.is_cancelled]
    if pending:
        await app.workers.wait_for_complete(pending)


async def lookup_keys(app) -> dict:
    _press(app, "f2")
    await _until(lambda: type(app.screen).__name__ == "LookupPanel" and app.screen.is_mounted)
    await asyncio.sleep(0.2)  # the panel's first paint is not part of any keystroke
    panel = app.screen
    samples = await lookup_samples(app, panel, rounds=1)
    panel.query_one("#lookup-query").value = ""
    _press(app, "escape")
    await _until(lambda: type(app.screen).__name__ == "QueueScreen")
    return _summary(samples)


async def queue_keys(app) -> dict:
    from helpdesk.screens.widgets.ticket_table import TicketTable

    screen = app.screen
    table = screen.query_one(TicketTable)
    samples = await queue_search_samples(app, screen, rounds=1)
    generation = table.generation
    screen.query_one("#queue-search").value = ""
    await _until(lambda: table.generation > generation)
    screen.action_focus_table()
    return _summary(samples)


async def checkpoint(app, tickets: int) -> dict:
    await _idle(app)
    lookup = await lookup_keys(app)
    queue = await queue_keys(app)
    await _idle(app)
    gc.collect()
    return {"tickets": tickets, "memory_mb": round(resident_mb(), 1),
            "screens": sum(len(stack) for stack in app._screen_stacks.values()),
            "workers": len(app.workers), "lookup": lookup, "queue_search": queue}


async def soak(database: Path, tickets: int, every: int, key_seconds: float, seed: int) -> dict:
    from helpdesk.console.app import HelpdeskApp

    started = time.monotonic()
    store = Store.open(database)
    # The desk's clock runs from an open Monday morning, as fast as the real one.
    session = AgentSession(store=store, agent="soak",
                           now=lambda: NOW + timedelta(seconds=time.monotonic() - started))
    app = HelpdeskApp(session)
    shift = Shift(app, key_seconds, random.Random(seed))
    checkpoints = []
    async with app.run_test(size=(120, 40)):
        await _until(lambda: type(app.screen).__name__ == "QueueScreen" and app.lookup is not None, timeout=60)
        await _idle(app)
        for number in range(1, tickets + 1):
            await shift.participant(number)
            if number % every == 0 or number == tickets:
                checkpoints.append(await checkpoint(app, number))
                point = checkpoints[-1]  # as it goes: a long run shows its figures before the end
                print(f"after {number} tickets: {point['memory_mb']} MB, lookup p99 {point['lookup']['p99_ms']} ms, "
                      f"queue search p99 {point['queue_search']['p99_ms']} ms", file=sys.stderr, flush=True)
    return {"tickets": tickets, "key_ms": key_seconds * 1000, "minutes": round((time.monotonic() - started) / 60, 1),
            "checkpoints": checkpoints,
            "right_field": {"tries": shift.tries, "misplaced": len(shift.misplaced),
                            "percent": round(100 * (1 - len(shift.misplaced) / max(1, shift.tries)), 2),
                            "examples": shift.misplaced[:5]},
            "actions": {name: _summary(samples) for name, samples in shift.timings.items() if samples}}


def verdicts(report: dict) -> list[tuple[str, str, str, bool]]:
    first, last = report["checkpoints"][0], report["checkpoints"][-1]
    growth = last["memory_mb"] - first["memory_mb"]
    rows = [(f"memory after {last['tickets']} vs {first['tickets']} tickets",
             f"{first['memory_mb']} → {last['memory_mb']} MB (+{growth:.1f})",
             f"≤ +{TARGETS['memory_growth_mb']:.0f} MB", growth <= TARGETS["memory_growth_mb"])]
    for label, key in (("lookup panel", "lookup"), ("queue search", "queue_search")):
        for point in (first, last):
            rows.append((f"keystroke→screen, {label}, at {point['tickets']} tickets",
                         f"p50 {point[key]['p50_ms']} / p99 {point[key]['p99_ms']} ms",
                         f"p99 ≤ {TARGETS['keystroke_p99_ms']:.0f} ms",
                         point[key]["p99_ms"] <= TARGETS["keystroke_p99_ms"]))
    right = report["right_field"]
    rows.append((f"keys in the right field after Tab ({report['key_ms']:.0f} ms apart)",
                 f"{right['percent']}% of {right['tries']}", "100%", right["misplaced"] == 0))
    for name, figures in report["actions"].items():
        target = f"p99 ≤ {TARGETS['save_p99_ms']:.0f} ms" if name == "save" else ""
        rows.append((f"{name} → ticket shows it", f"p50 {figures['p50_ms']} / p99 {figures['p99_ms']} ms", target,
                     figures["p99_ms"] <= TARGETS["save_p99_ms"] if name == "save" else True))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--key-ms", type=float, default=10.0, help="time between keys sent (ms)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="helpdesk-soak-") as folder:
        # A desk set up as the README says: its Teams link known, so replies can be sent.
        config = Path(folder) / "config.toml"
        config.write_text('[desk]\nteams_link = "https://teams.microsoft.com/l/meetup-join/soak"\n')
        config.chmod(0o600)
        os.environ["HELPDESK_CONFIG"] = str(config)
        report = asyncio.run(soak(Path(folder) / "soak.db", options.tickets, options.every,
                                  options.key_ms / 1000, options.seed))
    report["verdicts"] = [{"what": what, "figure": figure, "target": target, "met": met}
                          for what, figure, target, met in verdicts(report)]
    if options.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'tickets':>7} {'memory MB':>9} {'screens':>7} {'workers':>7}  lookup p50/p99 ms   queue search p50/p99 ms")
    for point in report["checkpoints"]:
        print(f"{point['tickets']:>7} {point['memory_mb']:>9} {point['screens']:>7} {point['workers']:>7}  "
              f"{point['lookup']['p50_ms']:>6} / {point['lookup']['p99_ms']:<8}  "
              f"{point['queue_search']['p50_ms']:>6} / {point['queue_search']['p99_ms']}")
    print()
    for row in report["verdicts"]:
        print(f"{row['what']:<58} {row['figure']:<30} {row['target']:<14} "
              f"{'met' if row['met'] else ('MISSED' if row['target'] else '')}")
    for example in report["right_field"]["examples"]:
        print("  misplaced:", example)
    print(f"({report['minutes']} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
