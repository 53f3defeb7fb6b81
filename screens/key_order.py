"""Keys handled one at a time, in order: a key that moves focus takes effect before the next key.

Textual routes a key by posting it to the focused widget's own message queue; the widget
handles it and, if it does not want it, it bubbles parent by parent (each its own queue)
up to the App, where bindings such as Tab's focus change run. Meanwhile the App has
already routed the keys typed after it, to the widget that had focus *then*: under load,
"Sunita Sharma<Tab>sunita.kv@gmail.com" saved the e-mail into the name field.

``KeysInOrder`` (mixed into the App) holds each key until its trip is over before routing
the next: until it is back at the App, where its bindings run at once, or until every
widget on its way has nothing left to handle (the key was used or stopped, and what it
set off, such as a Submitted message that moves focus or a new screen's mounting, has
been handled). ``Widget.focus()`` itself is a callback posted to the App's queue, behind
the keys already typed: callbacks posted while a key settles run as part of that key.
A busy widget can hold the next key back for KEY_SETTLE_LIMIT at most.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable

from textual import events
from textual.app import ScreenStackError
from textual.message import Message
from textual.message_pump import MessagePump

# Longest a key waits for the one before it; far above any handler the console has.
KEY_SETTLE_LIMIT = 0.5


def _idle(pump: MessagePump) -> bool:
    """Nothing queued for ``pump`` and nothing being handled by it."""
    queue = pump._message_queue
    return queue.empty() and getattr(queue, "_unfinished_tasks", 0) == 0


class KeysInOrder:
    """Mixin for the App: see the module's docstring."""

    _key_in_flight: events.Key | None = None
    _key_came_back = False
    _key_callbacks: list[events.Callback] | None = None  # posted while a key settles

    def _key_path(self) -> list[MessagePump]:
        """The widgets a key routed now would pass through: focus up to the screen."""
        screen = self.screen  # type: ignore[attr-defined]
        start = self.focused or screen  # type: ignore[attr-defined]
        return [node for node in start.ancestors_with_self if node is not self]

    def post_message(self, message: Message) -> bool:
        if message is self._key_in_flight and message.is_forwarded:
            # The key bubbled back for the App's bindings: run them now, in order, rather
            # than behind the keys that were typed after it.
            self._key_came_back = True
            return True
        if (self._key_callbacks is not None and isinstance(message, events.Callback)
                and threading.get_ident() == self._thread_id):  # type: ignore[attr-defined]
            self._key_callbacks.append(message)
            return True
        return super().post_message(message)  # type: ignore[misc]

    async def _run_key_callbacks(self) -> None:
        while self._key_callbacks:
            await self._dispatch_message(self._key_callbacks.pop(0))  # type: ignore[attr-defined]

    async def _route_key(self, event: events.Key, route) -> None:
        """Route ``event`` with ``route`` (Textual's own routing) and wait for its trip."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + KEY_SETTLE_LIMIT
        self._key_in_flight, self._key_came_back, self._key_callbacks = event, False, []
        try:
            await route(event)
            first_path = self._key_path()
            while not self._key_came_back and loop.time() < deadline:
                await self._run_key_callbacks()
                if self._settled(first_path):
                    break
                await asyncio.sleep(0)
            self._key_in_flight = None
            if self._key_came_back:
                await self._dispatch_message(event)  # type: ignore[attr-defined]
            # What the key set off (a focus change, a screen switched to and mounting)
            # settles before the next key picks its widget.
            while loop.time() < deadline:
                await self._run_key_callbacks()
                if self._settled(()):
                    break
                await asyncio.sleep(0)
            await self._run_key_callbacks()
        finally:
            callbacks, self._key_in_flight, self._key_callbacks = self._key_callbacks or [], None, None
            for callback in callbacks:  # past the limit: they run after all, in the usual queue
                super().post_message(callback)  # type: ignore[misc]

    def _settled(self, earlier_path: Iterable[MessagePump]) -> bool:
        try:
            screen = self.screen  # type: ignore[attr-defined]
        except ScreenStackError:  # quitting: no screen left to route keys to
            return True
        if not screen.is_mounted or self._key_callbacks:
            return False
        return all(_idle(pump) for pump in earlier_path) and all(_idle(pump) for pump in self._key_path())
