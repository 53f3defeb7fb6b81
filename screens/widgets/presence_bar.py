"""A line on the ticket view naming who else has the ticket open, before anyone types.

Every few seconds it renews this console's heartbeat (saying whether the form has unsaved
edits) and reads the others'. Hidden while nobody else is there. Presence is advice, not
a lock: if the heartbeat file cannot be used the line simply stays hidden, and saving is
still protected by the ticket's version.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Static

from helpdesk.tickets.presence import BEAT_SECONDS, Viewer


class PresenceBar(Static):
    DEFAULT_CSS = """
    PresenceBar { height: auto; padding: 0 1; background: $warning 25%; display: none; }
    PresenceBar.-editing { background: $error 30%; text-style: bold; }
    """

    def __init__(self, ticket_id: int | None, is_editing: Callable[[], bool], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ticket_id = ticket_id
        self._is_editing = is_editing

    def on_mount(self) -> None:
        self.beat()  # at once: the agent should know before typing a word
        self._beating = self.set_interval(BEAT_SECONDS, self.beat)

    def pause(self) -> None:
        """The ticket is off screen (another screen in front): stop saying it is open here."""
        self._beating.pause()
        self._leave()

    def follow(self, ticket_id: int) -> None:
        """The view now shows ``ticket_id``: leave the old one, announce the new one."""
        if ticket_id != self.ticket_id:
            self._leave()
            self.ticket_id = ticket_id
            self.display = False

    def resume(self) -> None:
        self.beat()
        self._beating.resume()

    def beat(self) -> None:
        if self.ticket_id is None:
            return  # a view built ahead of its first ticket is open on nothing
        session = self.app.session  # type: ignore[attr-defined]
        try:
            editing = self._is_editing()
        except NoMatches:  # the form is not mounted yet
            editing = False
        ticket_id = self.ticket_id

        def renew() -> None:
            try:
                others = session.ticket_presence(ticket_id, editing=editing)
            except Exception:  # noqa: BLE001 - advisory: never disturb the agent for it
                others = []
            self.app.call_from_thread(self.show, others)

        self.run_worker(renew, thread=True, group="presence", exclusive=True, exit_on_error=False)

    def show(self, others: list[Viewer]) -> None:
        me = self.app.session.agent  # type: ignore[attr-defined]
        names = [viewer.describe("you in another console" if viewer.agent == me else None)
                 for viewer in others]
        self.display = bool(names)
        self.set_class(any(viewer.editing_since for viewer in others), "-editing")
        # Names came from other consoles' flags or environment: shown as text, never markup.
        self.update(Content("Also open: " + ", ".join(names)))

    def on_unmount(self) -> None:
        self._leave()

    def _leave(self) -> None:
        if self.ticket_id is None:
            return
        session, ticket_id = self.app.session, self.ticket_id  # type: ignore[attr-defined]
        # The app's worker, not ours: this widget's workers are cancelled as it goes. If the
        # app is closing and cannot run it, the heartbeat simply expires.
        self.app.run_worker(lambda: session.leave_ticket(ticket_id), thread=True, group="presence-leave",
                            exit_on_error=False)
