"""The key bar at the foot of every screen, without Textual's Footer leak.

Textual's Footer builds one FooterKey per binding each time the bindings change (every
focus change), and binds each key's ``compact`` to the footer's with ``data_bind``: a
watcher on the footer that Textual drops only when ``compact`` next changes, which it
never does. The footer kept every key it ever showed (about 1,100 per ticket logged,
16 MB, each focus change slower than the last). Watchers of keys that are gone are
dropped here before each new set is built.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from ..watchers import drop_stale_watchers


class DeskFooter(Footer):
    def compose(self) -> ComposeResult:
        drop_stale_watchers(self)
        yield from super().compose()
