import json

import pytest

from helpdesk import mobiles


@pytest.mark.parametrize(
    "raw",
    ["9810347159", "09810347159", "919810347159", "+919810347159", "+91-9810347159",
     "+91 98103 47159", "98103-47159", "0091 98103 47159", "(+91) 98103.47159"],
)
def test_accepted_forms_normalise_to_ten_digits(raw):
    verdict = mobiles.classify(raw)
    assert verdict.valid, verdict.error
    assert verdict.mobile == "9810347159"


def test_prefix_is_stripped_only_when_the_length_says_so():
    assert mobiles.classify("9123456789").mobile == "9123456789"
    assert mobiles.classify("6123456789").mobile == "6123456789"


def test_a_prefixed_number_reminds_to_type_ten_digits():
    assert "without +91" in mobiles.classify("+919810347159").note
    assert mobiles.classify("9810347159").note == ""


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("", "no mobile"),
        ("5810347159", "starts with 5"),
        ("981034715", "9 digits"),
        ("98103471590", "11 digits"),
        ("98103x7159", "other than digits"),
        ("+4420794601", "other than +91"),
        ("९८१०३४७१५९", "other than digits"),
    ],
)
def test_bad_numbers_say_why(raw, fragment):
    verdict = mobiles.classify(raw)
    assert not verdict.valid and verdict.mobile is None
    assert fragment in verdict.error


def test_cli(run_cli):
    result = run_cli("mobile", "+91 98103 47159", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["mobile"] == "9810347159"
    assert run_cli("mobile", "123").exit_code == 1
