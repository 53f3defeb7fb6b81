"""F2 lookup panel, the intake's ministry combobox, and the F9 reply picker."""

from helpdesk.screens.lookup_panel import LookupPanel
from helpdesk.screens.reply_picker import ReplyPicker
from helpdesk.screens.widgets.ministry_picker import MinistryPicker
from helpdesk.screens.widgets.ticket_form import TicketForm

from helpers.console import settle, text_of


async def wait_for_lookup(app, pilot) -> None:
    await settle(app, pilot)
    assert app.lookup is not None


async def test_lookup_panel_answers_each_keystroke_and_copies(console):
    app = console()
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_lookup(app, pilot)
        await pilot.press("f2")
        assert isinstance(app.screen, LookupPanel)
        await pilot.press(*"dak vibhag")
        assert "D/o Posts" in text_of(app, "#lookup-verdict")
        assert "Priyamvada Pallavi" in text_of(app, "#lookup-detail")
        await pilot.press("down")  # into the list: letters are keys now
        await pilot.press("e")
        await pilot.press("m")
        assert copied == ["priyamvadapallavi.kb@karmayogi.in", "9315718261"]
        await pilot.press("escape")
        assert not isinstance(app.screen, LookupPanel)


async def test_lookup_panel_says_when_it_is_not_sure(console):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_lookup(app, pilot)
        await pilot.press("f2", *"NITI Aayog")
        verdict = text_of(app, "#lookup-verdict")
        assert verdict.startswith("?") and "mdoList" in verdict


async def test_lookup_applies_the_ministry_to_the_intake_form(console):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_lookup(app, pilot)
        await pilot.press("f4")
        await pilot.press("f2", *"rly board", "down", "a")
        await settle(app, pilot)
        values = app.screen.query_one(TicketForm).values()
        assert values["ministry"] == "M/o Railways" and values["ministry_query"] == "rly board"


async def test_ministry_combobox_keeps_tab_for_the_next_field(console):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_lookup(app, pilot)
        await pilot.press("f4")
        app.screen.query_one("#ministry-query").focus()
        await pilot.press(*"law")
        picker = app.screen.query_one(MinistryPicker)
        assert picker.chosen_ministry is None  # Law: candidates disagree, nothing chosen
        assert "different representatives" in text_of(app, "#ministry-verdict") or \
            "?" in text_of(app, "#ministry-verdict")
        await pilot.press("down", "down", "enter")
        assert picker.chosen_ministry == "D/o Justice"
        await pilot.press("tab")
        assert app.focused.id == "field-training_date"


async def test_reply_picker_copies_the_top_suggestion_in_two_keys(console, session):
    session.create_ticket({"participant_name": "Ravi Kumar", "email": "ravi@gmail.com",
                           "ministry": "D/o Posts", "category": "mdo-approval",
                           "training_date": "2026-12-10", "question": "approval pending"}, claim=True)
    app = console()
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # open the ticket from the queue
        await settle(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        assert isinstance(app.screen, ReplyPicker)
        assert "Ready" in text_of(app, "#replies-state")
        await pilot.press("enter")
        await settle(app, pilot)
    assert copied and "Ravi Kumar" in copied[0] and "⟨" not in copied[0]
    assert session.history(1)[-1].describe() == "response sent: non-gov-email-mdo-approval"


async def test_a_reply_with_a_missing_field_is_not_copied_until_filled(console, session):
    session.create_ticket({"participant_name": "Sita", "category": "other", "ministry": "D/o Posts"}, claim=True)
    app = console()
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        # The order of contacts needs the Teams link, which the guidelines do not print.
        await pilot.press(*"whom to contact")
        await pilot.press("enter")  # back to the list
        await pilot.press("enter")  # try to copy
        assert copied == []
        assert "Not ready" in text_of(app, "#replies-state")
        assert app.focused.name == "teams_link"
        await pilot.press(*"https://teams.example/desk", "enter")
        assert "Ready" in text_of(app, "#replies-state")
        await pilot.press("enter")
        await settle(app, pilot)
    assert copied and "https://teams.example/desk" in copied[0]
    assert session.history(1)[-1].describe() == "response sent: contact-order"


async def test_lookup_panel_list_follows_every_edit_of_the_query(console):
    # The panel rebuilds the option list only when the matches change: after typing on,
    # deleting back and clearing, it must still show exactly the lookup's answer.
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_lookup(app, pilot)
        await pilot.press("f2")
        panel = app.screen
        results = panel.query_one("#lookup-results")

        def shown() -> list[str]:
            return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]

        def expected(text: str) -> list[str]:
            return [f"{m.score:>3.0f}  {m.ministry} — {m.rep_name}" for m in app.lookup.search(text, limit=8).matches]

        for keys, text in ((tuple("law"), "law"), (tuple(" and justice"), "law and justice"),
                           (("backspace",) * 12, "law"), (tuple(" min"), "law min")):
            await pilot.press(*keys)
            assert shown() == expected(text) and shown()
            assert results.highlighted == 0
            assert panel.highlighted_match.ministry == shown()[0].split("  ", 1)[1].split(" — ")[0]
        await pilot.press(*("backspace",) * 7)
        assert shown() == [] and results.highlighted is None
        assert text_of(app, "#lookup-detail") == ""
