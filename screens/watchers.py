"""Dropping the watchers of widgets that are gone.

``widget.watch(other, "name", callback)`` files (widget, callback) on ``other``; Textual
removes the entry only when ``other.name`` next changes. Widgets that watch a value that
rarely changes stay alive after they are removed, with everything they hold: every
TextArea ever shown watches the App's theme, every FooterKey its footer's ``compact``.
"""

from __future__ import annotations

from textual.dom import DOMNode


def drop_stale_watchers(watched: DOMNode) -> int:
    """Forget watchers on ``watched`` whose widget is no longer in the DOM; how many went."""
    dropped = 0
    # Textual keeps them in an attribute literally named "__watchers" (set with setattr).
    for bound in getattr(watched, "__watchers", {}).values():
        alive = [(node, callback) for node, callback in bound
                 if node is watched or (node.is_attached and not node._closing)]
        dropped += len(bound) - len(alive)
        bound[:] = alive
    return dropped
