"""Download a data file for a sync: conditional, capped, and refused when it is not a data file.

The desk publishes its directory and holiday list at a URL; ``directory sync`` and
``holidays sync`` fetch them with this. A 304 (the server's ETag or Last-Modified matches
what was last applied) means "unchanged" without downloading anything. Everything else
that is not a plain 2xx text file of a sane size is refused with the reason, before any
parsing: an error status, an HTML page (a login or error page served with 200), a body
larger than the cap (read no further than the cap), or a body cut short mid-transfer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import httpx
import sqlite_utils

from helpdesk import clock
from helpdesk.escalation import http_client
from helpdesk.errors import HelpdeskError, InputError
from helpdesk.escalation.secret_url import check_web_url, is_loopback

# Types a CSV, TSV or iCalendar file is served as; many servers say text/plain or
# application/octet-stream for any file, so those pass and the parser decides.
DATA_TYPES = frozenset({
    "text/csv", "application/csv", "text/x-csv", "text/comma-separated-values",
    "text/tab-separated-values", "text/tsv", "text/calendar", "text/plain",
    "application/octet-stream",
})


class FetchError(HelpdeskError):
    """The file could not be fetched (network, server); nothing was changed."""


@dataclass(frozen=True)
class Validators:
    url: str
    etag: str | None
    last_modified: str | None
    sha256: str
    synced_at: datetime


@dataclass(frozen=True)
class Fetched:
    url: str
    unchanged: bool  # the server answered 304 to our validators
    content: bytes
    etag: str | None
    last_modified: str | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def cached(db: sqlite_utils.Database, kind: str) -> Validators | None:
    row = db.execute("SELECT url, etag, last_modified, sha256, synced_at FROM sync_sources"
                     " WHERE kind = ?", [kind]).fetchone()
    if row is None:
        return None
    url, etag, last_modified, sha256, synced_at = row
    return Validators(url, etag, last_modified, sha256, datetime.fromisoformat(synced_at))


def remember(db: sqlite_utils.Database, kind: str, fetched: Fetched, at: datetime) -> None:
    """Keep the validators of a download that is now what the desk holds (caller's transaction)."""
    db.execute(
        "INSERT INTO sync_sources (kind, url, etag, last_modified, sha256, synced_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET url = excluded.url,"
        " etag = excluded.etag, last_modified = excluded.last_modified,"
        " sha256 = excluded.sha256, synced_at = excluded.synced_at",
        [kind, fetched.url, fetched.etag, fetched.last_modified, fetched.sha256, clock.iso(at)])


def fetch(url: str, *, max_bytes: int, previous: Validators | None = None,
          client: httpx.Client | None = None) -> Fetched:
    """GET ``url`` (If-None-Match / If-Modified-Since when ``previous`` is for the same URL)."""
    url = check_web_url(url, "the sync URL")
    headers = {"Accept": "text/csv, text/tab-separated-values, text/calendar, text/plain;q=0.9, */*;q=0.1"}
    conditional = previous is not None and previous.url == url
    if conditional:
        if previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
    session = client or http_client.shared_client()
    try:
        with session.stream("GET", url, headers=headers, follow_redirects=True) as response:
            _check_final_url(response)
            if response.status_code == 304 and conditional:
                return Fetched(url, True, b"", previous.etag, previous.last_modified)
            _check_response(response, url, max_bytes)
            content = _read_capped(response, url, max_bytes)
    except httpx.RemoteProtocolError as error:
        raise InputError(f"{url}: the download was cut short ({error}); nothing was changed") from None
    except httpx.HTTPError as error:
        raise FetchError(f"cannot fetch {url}: {http_client.describe_error(error)}; "
                         "nothing was changed") from None
    return Fetched(url, False, content, response.headers.get("ETag"),
                   response.headers.get("Last-Modified"))


def _check_final_url(response: httpx.Response) -> None:
    final = response.url
    if final.scheme != "https" and not is_loopback(final.host):
        raise InputError(f"the sync URL redirected to plain http ({final.host}); refused, "
                         "nothing was changed")


def _check_response(response: httpx.Response, url: str, max_bytes: int) -> None:
    if not 200 <= response.status_code < 300:
        raise FetchError(f"{url} answered HTTP {response.status_code} {response.reason_phrase}; "
                         "nothing was changed")
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type and content_type not in DATA_TYPES:
        hint = " (a login or error page?)" if "html" in content_type else ""
        raise InputError(f"{url} is {content_type}{hint}, not a CSV, TSV or iCalendar file; "
                         "nothing was changed")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(f"{url} is {int(declared):,} bytes, more than the {max_bytes:,} a data "
                         "file of this kind can be; nothing was changed")


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` + 1, so an endless or huge body costs no more than that."""
    collected = bytearray()
    for chunk in response.iter_bytes():
        collected += chunk
        if len(collected) > max_bytes:
            raise InputError(f"{url} is larger than {max_bytes:,} bytes, more than a data file "
                             "of this kind can be; nothing was changed")
    return bytes(collected)
