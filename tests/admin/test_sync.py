"""`directory sync URL` and `holidays sync URL` against a real HTTP server on localhost."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from werkzeug import Response

from helpdesk.access import audit
from helpdesk.directory.rows import load_published, read_rows
from helpdesk.directory.import_rows import write_annexure
from helpdesk.hours.holidays import HolidayCalendar

from helpers.holiday_files import csv_text, ical_text, year_rows

ETAG = '"annexure-v2"'


@pytest.fixture
def supervisor(store):
    with store.transaction() as db:
        db.execute("INSERT INTO agents (name, role, added_at, added_by) VALUES "
                   "('asha', 'supervisor', '2026-11-01T10:00:00+05:30', 'owner')")
    return "asha"


def updated_annexure() -> str:
    rows = load_published()
    rows[0] = replace(rows[0], rep_mobile="9999912345")
    return write_annexure(rows, "tsv")


def serve(httpserver, path, body, content_type="text/tab-separated-values; charset=utf-8", **headers):
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type, headers=headers)
    return httpserver.url_for(path)


def test_directory_sync_shows_then_applies_then_is_unchanged(run_cli, store, supervisor, httpserver):
    url = serve(httpserver, "/annexure.tsv", updated_annexure(), ETag=ETAG)
    before = read_rows(store.db)
    shown = run_cli("directory", "sync", url)
    assert shown.exit_code == 0, shown.stderr
    assert "0 added, 0 removed, 1 changed" in shown.stdout and "Not applied" in shown.stdout
    assert read_rows(store.db) == before

    applied = run_cli("directory", "sync", url, "--yes")
    assert applied.exit_code == 0, applied.stderr
    assert "Applied" in applied.stdout
    assert read_rows(store.db)[0].rep_mobile == "9999912345"
    entry = audit.entries(store.db, action_prefix="directory.sync")[0]
    assert entry.agent == "asha" and entry.target == url and entry.after["changed"] == 1

    httpserver.clear()
    httpserver.expect_request("/annexure.tsv", headers={"If-None-Match": ETAG}).respond_with_data(
        "", status=304)
    again = run_cli("directory", "sync", url, "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["status"] == "unchanged"
    httpserver.check_assertions()


def test_applying_needs_a_supervisor(run_cli, store, httpserver):
    url = serve(httpserver, "/annexure.tsv", updated_annexure())
    result = run_cli("directory", "sync", url, "--yes")
    assert result.exit_code == 3 and "only supervisors may" in result.stderr
    assert httpserver.log == []  # refused before downloading anything
    assert read_rows(store.db)[0].rep_mobile != "9999912345"


def half_gone() -> str:
    return write_annexure(load_published()[:40], "tsv")


def bad_email() -> str:
    rows = load_published()
    rows[3] = replace(rows[3], rep_email="not-an-address")
    return write_annexure(rows, "tsv")


@pytest.mark.parametrize("body, content_type, status, exit_code, reason", [
    ("<html>Sign in</html>", "text/html", 200, 2, "login or error page"),
    (half_gone(), "text/tab-separated-values", 200, 2, "would remove 51 of the 91 rows"),
    (bad_email(), "text/tab-separated-values", 200, 2, "not-an-address"),
    ("x\ty\n", "text/tab-separated-values", 200, 2, "no ministry"),
    ("missing", "text/plain", 404, 1, "HTTP 404 NOT FOUND"),
    ("oops", "text/plain", 500, 1, "HTTP 500"),
])
def test_bad_downloads_are_refused_and_the_directory_stays(run_cli, store, supervisor, httpserver,
                                                           body, content_type, status, exit_code, reason):
    httpserver.expect_request("/annexure.tsv").respond_with_data(body, status=status,
                                                                 content_type=content_type)
    before = read_rows(store.db)
    result = run_cli("directory", "sync", httpserver.url_for("/annexure.tsv"), "--yes")
    assert result.exit_code == exit_code, result.stderr
    assert reason.lower() in result.stderr.lower() and len(result.stderr.splitlines()) == 1
    assert read_rows(store.db) == before
    assert audit.entries(store.db, action_prefix="directory.") == []


def test_oversize_and_truncated_downloads_are_refused(run_cli, store, supervisor, httpserver):
    huge = "Ministry/Department\tiGOT POC\tEmail\tMobile\n" + "x" * 2_100_000
    httpserver.expect_request("/huge.tsv").respond_with_data(huge, content_type="text/plain")
    # Declares more bytes than it sends: the connection ends mid-body.
    httpserver.expect_request("/cut.tsv").respond_with_handler(
        lambda request: Response(iter([updated_annexure()[:500].encode()]), content_type="text/plain",
                                 headers={"Content-Length": "9000"}, direct_passthrough=True))
    before = read_rows(store.db)
    oversize = run_cli("directory", "sync", httpserver.url_for("/huge.tsv"), "--yes")
    assert oversize.exit_code == 2 and "more than" in oversize.stderr
    cut = run_cli("directory", "sync", httpserver.url_for("/cut.tsv"), "--yes")
    assert cut.exit_code == 2 and "cut short" in cut.stderr
    assert read_rows(store.db) == before


def test_plain_http_elsewhere_and_unreachable_servers_are_refused(run_cli, store):
    insecure = run_cli("holidays", "sync", "http://example.org/holidays.csv")
    assert insecure.exit_code == 2 and "https" in insecure.stderr
    from helpers.delivery import free_port

    down = run_cli("holidays", "sync", f"http://127.0.0.1:{free_port()}/holidays.csv")
    assert down.exit_code == 1 and "connection refused" in down.stderr


def test_holiday_sync_adds_a_year_with_last_modified_caching(run_cli, store, supervisor, httpserver):
    stamp = "Wed, 18 Nov 2026 10:00:00 GMT"
    url = serve(httpserver, "/holidays.csv", csv_text(year_rows(2028), comments="# source: test list"),
                content_type="text/csv", **{"Last-Modified": stamp})
    shown = run_cli("holidays", "sync", url)
    assert shown.exit_code == 0 and "2028: NEW YEAR" in shown.stdout and "Not applied" in shown.stdout
    assert not HolidayCalendar.from_store(store).knows(2028)
    applied = run_cli("holidays", "sync", url, "--yes")
    assert applied.exit_code == 0, applied.stderr
    assert HolidayCalendar.from_store(store).knows(2028)
    assert audit.entries(store.db, action_prefix="holidays.sync")[0].target == url
    httpserver.clear()
    httpserver.expect_request("/holidays.csv", headers={"If-Modified-Since": stamp}).respond_with_data(
        "", status=304)
    again = run_cli("holidays", "sync", url)
    assert again.exit_code == 0 and "unchanged since the last sync" in again.stdout
    httpserver.check_assertions()


def test_holiday_sync_takes_icalendar(run_cli, store, supervisor, httpserver):
    url = serve(httpserver, "/holidays.ics", ical_text(year_rows(2029)), content_type="text/calendar")
    result = run_cli("holidays", "sync", url, "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "applied" and data["years"][0]["year"] == 2029


def test_holiday_list_that_halves_a_year_is_refused(run_cli, store, supervisor, httpserver):
    # 2026 holds 51 holidays (17 gazetted, 34 restricted); a valid-looking file with 19 is partial.
    url = serve(httpserver, "/holidays.csv", csv_text(year_rows(2026)), content_type="text/csv")
    before = HolidayCalendar.from_store(store).in_year(2026)
    result = run_cli("holidays", "sync", url, "--yes")
    assert result.exit_code == 2 and "partial list" in result.stderr
    assert HolidayCalendar.from_store(store).in_year(2026) == before


def test_malformed_holiday_file_is_refused(run_cli, store, supervisor, httpserver):
    url = serve(httpserver, "/holidays.csv", "date,name,kind\n2028-13-01,Nope,gazetted\n",
                content_type="text/csv")
    result = run_cli("holidays", "sync", url, "--yes")
    assert result.exit_code == 2 and "nothing was imported" in result.stderr
    assert not HolidayCalendar.from_store(store).knows(2028)
