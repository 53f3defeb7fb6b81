import json

import pytest

from helpdesk import emails


@pytest.mark.parametrize(
    "address",
    ["a.b@gov.in", "a@nic.in", "r.kumar@mha.gov.in", "x@deep.sub.nic.in", "A.B@GOV.IN", "  a@gov.in  "],
)
def test_government_addresses_self_register(address):
    verdict = emails.classify(address)
    assert verdict.valid and verdict.government
    assert verdict.path == emails.SELF_REGISTRATION
    assert "exact domain" in verdict.advice  # the iGOT caveat always travels with it


@pytest.mark.parametrize(
    "address",
    [
        "x@gov.in.evil.com",
        "x@fakegov.in",
        "x@nic.in.co",
        "x@xnic.in",
        "x@gov.in.example.com",
        "x@gmail.com",
        "x@iitd.ac.in",
        "x@karmayogi.in",
        "x@govin.com",
    ],
)
def test_look_alikes_and_others_need_mdo_approval(address):
    verdict = emails.classify(address)
    assert verdict.valid
    assert not verdict.government
    assert verdict.path == emails.MDO_APPROVAL
    assert "MDO admin" in verdict.advice


@pytest.mark.parametrize(
    "address, fragment",
    [
        ("", "no e-mail"),
        ("plainaddress", "@"),
        ("a@@gov.in", "@"),
        ("a@gov", "period"),
        ("a b@gov.in", ""),
        ("x" * 300 + "@gov.in", "longer than"),
    ],
)
def test_invalid_addresses_say_why(address, fragment):
    verdict = emails.classify(address)
    assert not verdict.valid
    assert verdict.path is None and not verdict.government
    assert verdict.error
    assert fragment.lower() in verdict.error.lower()


def test_pasted_forms_are_tidied():
    assert emails.classify("Ravi Kumar <Ravi.Kumar@MHA.gov.in>").email == "ravi.kumar@mha.gov.in"
    assert emails.classify("mailto:a@nic.in").email == "a@nic.in"
    assert emails.classify("a@nic.in\x1b[31m").email == "a@nic.in"


def test_addresses_igot_refuses_are_warned_about():
    verdict = emails.classify("o'brien@nic.in")
    assert verdict.valid and verdict.warnings
    assert emails.classify("a.b@nic.in").warnings == []


def test_the_government_list_can_be_extended():
    assert not emails.classify("x@army.mil.in").government
    assert emails.classify("x@army.mil.in", government_domains=("gov.in", "mil.in")).government


def test_cli_contract(run_cli):
    result = run_cli("email", "a@nic.in", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert {"email", "valid", "government", "path", "error"} <= payload.keys()
    assert payload["path"] == "self-registration"

    result = run_cli("email", "not-an-address", "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False and payload["error"]


def test_cli_readable_output(run_cli):
    result = run_cli("email", "a@gmail.com")
    assert result.exit_code == 0
    assert "mdo-approval" in result.stdout
