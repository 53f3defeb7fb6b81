"""URLs that are secrets: a Teams Workflows webhook URL carries its own signature (``sig=``).

Anyone holding the full URL can post into the desk's channel, so it is never printed,
logged, exported or put in an error message in full. :class:`SecretUrl` shows itself
masked everywhere (``str``, ``repr``, f-strings, JSON via ``str``); only the code that
sends asks for :meth:`SecretUrl.reveal`. :func:`redact` scrubs it from any text that
might have picked it up (an exception from the network library, for instance).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from helpdesk.errors import InputError

LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    """True for localhost and the loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_web_url(url: str, what: str) -> str:
    """An https URL (plain http only to this machine); InputError says what is wrong.

    ``what`` names the setting in the message; the URL itself is never repeated in it,
    because it may be a secret.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        raise InputError(f"{what} is not a valid URL") from None
    if parts.scheme not in ("https", "http") or not host:
        raise InputError(f"{what} must be a URL starting with https://")
    if parts.scheme == "http" and not is_loopback(host):
        # Plain http would send the data (and a webhook's signature) readable on the way;
        # it is allowed only to this machine, where the tests and local mirrors run.
        raise InputError(f"{what} must use https:// (plain http is allowed only to localhost)")
    if any(character.isspace() or ord(character) < 32 for character in text):
        raise InputError(f"{what} contains spaces or control characters")
    return text


def mask_url(url: str) -> str:
    """``https://host/…``: enough to tell which service, nothing that lets anyone post."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "?"
        scheme = parts.scheme or "?"
    except ValueError:
        return "(a URL, hidden)"
    port = f":{parts.port}" if _explicit_port(parts) else ""
    return f"{scheme}://{host}{port}/…"


def _explicit_port(parts) -> bool:
    try:
        return parts.port is not None
    except ValueError:
        return False


class SecretUrl:
    """A URL that prints masked; :meth:`reveal` is the one way to the real value."""

    __slots__ = ("_url",)

    def __init__(self, url: str) -> None:
        self._url = url

    def reveal(self) -> str:
        return self._url

    @property
    def masked(self) -> str:
        return mask_url(self._url)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"SecretUrl({self.masked!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretUrl) and other._url == self._url

    def __hash__(self) -> int:
        return hash(self._url)

    def __reduce__(self):
        # Pickling (multiprocessing, caches) would carry the secret somewhere unplanned.
        raise TypeError("a SecretUrl is not pickled, so the secret cannot leak through it")


def redact(text: str, secret: SecretUrl | None) -> str:
    """``text`` with the secret URL, and the parts of it that identify it, masked."""
    if secret is None or not text:
        return text
    url = secret.reveal()
    result = text.replace(url, secret.masked)
    try:
        parts = urlsplit(url)
    except ValueError:
        return result
    # Libraries and servers echo a URL split up (the path alone, one parameter), so every
    # part that identifies or signs it goes too: query values and id-like path segments.
    fragments = {parts.query, parts.path, f"{parts.path}?{parts.query}"}
    fragments.update(value for _, _, value in (pair.partition("=") for pair in parts.query.split("&")))
    fragments.update(segment for segment in parts.path.split("/")
                     if len(segment) >= 6 and any(ch.isdigit() for ch in segment))
    for fragment in sorted(fragments, key=len, reverse=True):
        if len(fragment) >= 4:
            result = result.replace(fragment, "…")
    return result
