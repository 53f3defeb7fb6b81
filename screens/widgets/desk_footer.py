"""The key bar at the foot of every screen, without Textual's Footer leak or churn.

Textual's Footer builds one FooterKey per binding each time the bindings change (every
focus change), and binds each key's ``compact`` to the footer's with ``data_bind``: a
watcher on the footer that Textual drops only when ``compact`` next changes, which it
never does. The footer kept every key it ever showed (about 1,100 per ticket logged,
16 MB, each focus change slower than the last). Watchers of keys that are gone are
dropped here before each new set is built.

Most focus changes do not change the keys shown at all (Tab from one field of a form to
the next). Rebuilding them anyway made the console's largest heap of cyclic garbage: about
a thousand dead FooterKeys every few seconds of fast typing, and the full garbage
collections that free them took 150-390 ms (bench/soak.py). So the keys are rebuilt only
when what they would show differs.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from ..watchers import drop_stale_watchers


class DeskFooter(Footer):
    _shown: tuple | None = None  # what the keys built last show (see _keys_for)

    def compose(self) -> ComposeResult:
        drop_stale_watchers(self)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = self._keys_for(screen)
            if keys == self._shown and self._bindings_ready:
                return  # the same keys, enabled the same way: nothing to rebuild
            self._shown = keys
        super().bindings_changed(screen)

    def _keys_for(self, screen: Screen) -> tuple:
        """Everything Footer.compose reads from the bindings, in its order."""
        app = screen.app
        return tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action,
             enabled, tooltip, binding.tooltip, binding.group)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
        )
