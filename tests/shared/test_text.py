import pytest

from helpdesk.text import clean, clean_line


@pytest.mark.parametrize(
    "hostile, expected",
    [
        ("A\x1b]0;pwned\x07B", "AB"),
        ("A\x1b[2JB", "AB"),
        ("A\x1b[31mred\x1b[0m", "Ared"),
        ("copy\x1b]52;c;ZXZpbA==\x07me", "copyme"),
        ("bell\x07", "bell"),
        ("nul\x00byte", "nulbyte"),
        ("c1\x9b31mcsi", "c1csi"),
        ("rtl\u202eevil", "rtlevil"),
    ],
)
def test_terminal_controls_are_removed(hostile, expected):
    assert clean(hostile) == expected


def test_readable_text_is_kept_exactly():
    text = "नमस्ते [bold]Asha[/] — line one\n\tline two ₹ क्‍ष"
    assert clean(text) == text


def test_line_endings_are_normalised():
    assert clean("a\r\nb\rc") == "a\nb\nc"


def test_clean_line_folds_whitespace():
    assert clean_line("  Ravi \n Kumar\t ") == "Ravi Kumar"
