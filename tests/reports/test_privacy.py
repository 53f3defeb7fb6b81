"""Masking personal data, spreadsheet-safe cells, Markdown-safe text, owner-only files."""

import os
import stat

import pytest

from helpdesk.reports import markdown
from helpdesk.errors import InputError
from helpdesk.reports.privacy import mask_email, mask_mobile, mask_text, spreadsheet_cell
from helpdesk.private_files import private_output


@pytest.mark.parametrize("address, masked", [
    ("ravi.kumar@gov.in", "r*****@gov.in"),
    ("r@nic.in", "r*****@nic.in"),
    ("सीता@example.com", "स*****@example.com"),
    ("", ""),
    ("not-an-address", "n*****"),
])
def test_mask_email(address, masked):
    assert mask_email(address) == masked


@pytest.mark.parametrize("number, masked", [
    ("9876543259", "98******59"),
    ("98765 43259", "98******59"),
    ("12345", "*****"),
    ("", ""),
])
def test_mask_mobile(number, masked):
    assert mask_mobile(number) == masked


def test_mask_text_finds_addresses_and_numbers_as_people_type_them():
    text = "Call +91 98765-43210 or 09876543210, mail sita.devi@gmail.com; ticket 12345678901"
    assert mask_text(text) == ("Call 98******10 or 98******10, mail s*****@gmail.com; "
                               "ticket 12345678901")


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+91 98", "'+91 98"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("  =1+1", "'  =1+1"),
    ("＝1+1", "'＝1+1"),
    ("\tTAB", "'\tTAB"),
    ("Ravi = Kumar", "Ravi = Kumar"),
    ("\x1b]0;pwned\x07Ravi", "Ravi"),
    ("\x1b]52;c;ZWNobw==\x07=cmd", "'=cmd"),
])
def test_spreadsheet_cells_never_run_or_reach_the_terminal(value, cell):
    assert spreadsheet_cell(value) == cell


def test_markdown_escape_keeps_user_text_inert():
    assert markdown.escape("[click](http://x) *now* | `rm` <b>") == \
        r"\[click\](http://x) \*now\* \| \`rm\` \<b\>"
    assert markdown.escape("\x1b[31mRed\nline") == "Red line"
    assert markdown.escape("") == "—"


def test_private_output_is_owner_only_and_whole(tmp_path):
    os.umask(0o022)
    path = tmp_path / "out.csv"
    with private_output(path) as output:
        output.write("a,b\n")
        assert not path.exists()  # only appears once complete
    assert path.read_text() == "a,b\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_write_leaves_nothing(tmp_path):
    path = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), private_output(path) as output:
        output.write("half")
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_existing_files_are_kept_unless_forced(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("mine")
    path.chmod(0o644)
    with pytest.raises(InputError, match="already exists"), private_output(path):
        pass
    assert path.read_text() == "mine"
    with private_output(path, overwrite=True) as output:
        output.write("new")
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_missing_directory_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="is not a directory"), private_output(tmp_path / "no" / "x.csv"):
        pass
