"""The form's live verdicts are the save's check: ✗ exactly when saving would refuse the value."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.tickets.field_verdicts import BAD, GOOD, LIVE_FIELDS, WARN, field_verdict
from helpdesk.text import clean_line
from helpdesk.tickets.validate import check_fields

TODAY = date(2026, 11, 23)

SAMPLES = {
    "participant_name": ["Sunita Sharma", "सुनीता", "A" * 40, "A" * 121, "O'Brien", "  "],
    "email": ["k.srinivasan@isro.gov.in", "sunita.kv@gmail.com", "not-an-email", "a@b", "x@nic.in",
              "sunita@gmial.com"],
    "mobile": ["9845098450", "+91 98450 98450", "12345", "0000000000", "98450-98450"],
    "training_date": ["2026-12-10", "2026-11-25", "2026-11-01", "31/12/2026", "next tuesday", "2026-02-30"],
}


@pytest.mark.parametrize("name, value", [(name, value) for name, values in SAMPLES.items() for value in values])
def test_a_cross_is_a_refusal_and_a_refusal_is_a_cross(name, value):
    verdict = field_verdict(name, value, TODAY)
    refused = name in check_fields({name: value}, today=TODAY, creating=False).errors
    assert (verdict.tone == BAD and verdict.text.startswith("✗")) == (refused and bool(clean_line(value))) or (
        name == "training_date" and verdict.tone == BAD and not refused)  # a past training is red, not refused


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LIVE_FIELDS), st.text(max_size=40))
def test_any_text_gets_the_saves_verdict(name, value):
    verdict = field_verdict(name, value, TODAY)
    check = check_fields({name: value}, today=TODAY, creating=False)
    if not clean_line(value):
        assert verdict.text == ""
    elif name in check.errors:
        assert verdict.text == f"✗ {check.errors[name]}"
    else:
        assert not verdict.text.startswith("✗")


def test_the_name_warning_is_the_saves_warning():
    check = check_fields({"participant_name": "A" * 40}, today=TODAY, creating=False)
    assert field_verdict("participant_name", "A" * 40, TODAY).text == check.warnings["participant_name"]
    assert field_verdict("participant_name", "Sunita Sharma", TODAY).text == ""


def test_what_the_value_means_for_the_participant():
    assert field_verdict("email", "k.srinivasan@isro.gov.in", TODAY).tone == GOOD
    assert "MDO admin must register" in field_verdict("email", "sunita.kv@gmail.com", TODAY).text
    assert field_verdict("mobile", "+91 98450 98450", TODAY).text.startswith("✓ 9845098450 — ")
    assert field_verdict("mobile", "9845098450", TODAY).text == "✓ 9845098450"
    soon = field_verdict("training_date", "2026-11-25", TODAY)
    assert soon.tone == WARN and "Wednesday 25 November 2026" in soon.text
    assert field_verdict("training_date", "2026-11-01", TODAY).tone == BAD


def test_only_the_live_fields_have_verdicts():
    with pytest.raises(ValueError):
        field_verdict("question", "anything", TODAY)
