"""The desk's HTTP clients: explicit timeouts, TLS always verified, and quiet about URLs.

One client per process and purpose, reused for every request (connection pooling, and
one place where the rules are set): :func:`shared_client` for the command line's
downloads, and one ``httpx.AsyncClient`` per outbox sender from :func:`async_client`.

httpx logs every request at INFO level *with its full URL*; a webhook URL is a secret,
so this module turns those loggers down to warnings the moment it is imported.
"""

from __future__ import annotations

import atexit
import logging
from importlib.metadata import PackageNotFoundError, version

import httpx

for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)


def _user_agent() -> str:
    try:
        return f"helpdesk/{version('helpdesk')}"
    except PackageNotFoundError:  # running from a source tree
        return "helpdesk"


USER_AGENT = _user_agent()


def timeouts(connect: float, read: float) -> httpx.Timeout:
    """Connect (and wait for a pooled connection) within ``connect``; each read or write
    may pause at most ``read`` seconds."""
    return httpx.Timeout(connect=connect, read=read, write=read, pool=connect)


def _common(timeout: httpx.Timeout) -> dict:
    # verify=True is httpx's default; it is spelled out so nobody "fixes" a certificate
    # problem by turning it off here. SSL_CERT_FILE still works for a corporate CA.
    return {"timeout": timeout, "verify": True, "headers": {"User-Agent": USER_AGENT},
            "follow_redirects": False}


def client(timeout: httpx.Timeout) -> httpx.Client:
    return httpx.Client(**_common(timeout))


def async_client(timeout: httpx.Timeout) -> httpx.AsyncClient:
    return httpx.AsyncClient(**_common(timeout))


_shared: httpx.Client | None = None
DOWNLOAD_TIMEOUT = timeouts(connect=10.0, read=30.0)


def shared_client() -> httpx.Client:
    """This process's client for downloads (created on first use, closed at exit)."""
    global _shared
    if _shared is None or _shared.is_closed:
        _shared = client(DOWNLOAD_TIMEOUT)
        atexit.register(_shared.close)
    return _shared


def describe_error(error: Exception) -> str:
    """A short reason for a failed request, without the URL (callers redact as well)."""
    if isinstance(error, httpx.ConnectTimeout):
        return "timed out connecting"
    if isinstance(error, httpx.ReadTimeout):
        return "timed out waiting for the answer"
    if isinstance(error, httpx.WriteTimeout):
        return "timed out sending"
    if isinstance(error, httpx.PoolTimeout):
        return "timed out waiting for a free connection"
    if isinstance(error, httpx.ConnectError):
        if _refused(error):
            return "connection refused (is the server down?)"
        return f"cannot connect: {error or 'connection failed'}"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke off the answer: {error}"
    if isinstance(error, httpx.HTTPError):
        return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return f"{type(error).__name__}: {error}"


def _refused(error: BaseException, depth: int = 0) -> bool:
    """Whether a connection error was a refusal, wherever in its chain (the async client
    tries each address of a name and wraps the refusals in an exception group)."""
    if depth > 5:
        return False
    if isinstance(error, ConnectionRefusedError) or "refused" in str(error).lower():
        return True
    inner = [*getattr(error, "exceptions", ()), error.__cause__, error.__context__]
    return any(_refused(cause, depth + 1) for cause in inner if cause is not None)
