"""Python's full garbage collections run while the agent pauses, not in the middle of typing.

After a few tickets the console holds about 180,000 objects that the cyclic collector
tracks: the screens kept for the day, their widgets and render caches. A full pass over
them takes 100-250 ms on the desk's machines. Python starts one on its own whenever enough
objects have survived the younger passes, which during ordinary work is every few seconds.
Measured in bench/soak.py, the keystroke that landed on one waited that long for the
queue search to answer.

So the console switches off Python's own full passes and runs them itself: when one is
due and no key has come for IDLE_SECONDS. If keys never pause, a pass runs anyway once
FORCE_AFTER younger passes have piled up, which bounds memory. The younger passes still
run as Python schedules them; they take well under a millisecond.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from textual.app import App

CHECK_SECONDS = 0.5
IDLE_SECONDS = 1.0
DUE_AFTER = 10  # younger (generation 1) passes since the last full one: Python's own default
FORCE_AFTER = 50
# Python's full-pass threshold, set out of reach: only this module starts full passes.
NEVER = 1 << 30


class IdleCollector:
    """Runs the full passes for one App (see the module's docstring)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_key = clock()
        self._saved_threshold: tuple[int, int, int] | None = None

    def start(self, app: App) -> None:
        self._saved_threshold = gc.get_threshold()
        young, middle, _ = self._saved_threshold
        gc.set_threshold(young, middle, NEVER)
        app.set_interval(CHECK_SECONDS, self.check)

    def stop(self) -> None:
        """Give Python its own schedule back (tests run many consoles in one process)."""
        if self._saved_threshold is not None and gc.get_threshold()[2] == NEVER:
            gc.set_threshold(*self._saved_threshold)
        self._saved_threshold = None

    def key_pressed(self) -> None:
        self._last_key = self._clock()

    def seconds_since_key(self) -> float:
        """How long the agent has not typed (since the console started, if never)."""
        return self._clock() - self._last_key

    def check(self) -> bool:
        """Run a full pass if one is due and the agent has paused; whether it ran."""
        pending = gc.get_count()[2]
        if pending < DUE_AFTER:
            return False
        if pending < FORCE_AFTER and self._clock() - self._last_key < IDLE_SECONDS:
            return False
        gc.collect()
        return True
