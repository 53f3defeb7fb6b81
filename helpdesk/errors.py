"""Errors the desk explains to a person, with the exit status a script sees."""

from __future__ import annotations


class HelpdeskError(Exception):
    """Something the user can act on; the message is shown as is, on one line.

    ``details`` are optional further lines (e.g. what a colleague changed), shown under it.
    """

    exit_code = 1
    details: tuple[str, ...] = ()


class InputError(HelpdeskError):
    """Bad input (arguments, fields, files): nothing was written."""

    exit_code = 2


class NotFoundError(HelpdeskError):
    """A ticket, response or row that does not exist."""

    exit_code = 1
