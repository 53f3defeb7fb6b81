"""What every console screen shares: the session, and running database work off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.screen import Screen

from helpdesk.errors import HelpdeskError

if TYPE_CHECKING:
    from helpdesk.console.app import HelpdeskApp
    from helpdesk.console.session import AgentSession

Result = TypeVar("Result")


def run_db(screen: Screen[Any] | App[Any], job: Callable[[], Result],
           on_done: Callable[[Result], None] | None = None, *, group: str = "db",
           exclusive: bool = False, on_error: Callable[[Exception], None] | None = None,
           quiet: tuple[type[Exception], ...] = ()) -> None:
    """Run ``job`` (database work) in a worker thread; hand its result back on the UI thread.

    Failures become a notification the agent can read (and ``on_error``, if given), except
    those of the ``quiet`` types, which ``on_error`` shows its own way; the screen's state,
    including anything typed, is left as it was.
    """
    app = screen.app

    def task() -> None:
        try:
            result = job()
        except quiet as error:
            if on_error:
                app.call_from_thread(on_error, error)
            return
        except HelpdeskError as error:
            message = "\n".join([str(error), *error.details])
            app.call_from_thread(app.notify, message, severity="error", timeout=8)
            if on_error:
                app.call_from_thread(on_error, error)
            return
        except Exception as error:  # noqa: BLE001 - a database hiccup must not take the console down
            app.call_from_thread(app.notify, f"Database problem: {error}", severity="error", timeout=10)
            if on_error:
                app.call_from_thread(on_error, error)
            return
        if on_done is not None:
            app.call_from_thread(on_done, result)

    screen.run_worker(task, thread=True, group=group, exclusive=exclusive, exit_on_error=False)


class DeskScreen(Screen[None]):
    """A full screen of the console."""

    @property
    def desk_app(self) -> HelpdeskApp:
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> AgentSession:
        return self.desk_app.session

    def on_database_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever another connection commits, while this screen is mounted.

        Textual's Signal keeps each subscriber in a WeakKeyDictionary whose value (the
        callback's closure) holds the subscriber itself, so a screen left without
        unsubscribing stays alive, widgets and all, until the next publish (one leaked
        ticket view per ticket opened on a desk where nobody else commits).
        """
        self.desk_app.db_changed.subscribe(self, lambda _: callback())
        self._watching_database = True

    def _on_unmount(self) -> None:
        if getattr(self, "_watching_database", False):
            self.desk_app.db_changed.unsubscribe(self)
