"""The household form puts each problem on its field and words it by its code, never by its English."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from fieldreg.messages import Message
from fieldreg.station.form import Spot
from fieldreg.ui.text import explain
from fieldreg.ui.widgets.household_form import HouseholdForm
from fieldreg.ui.widgets.members import (
    AGE,
    BIRTH_DATE,
    FAMILY,
    GIVEN,
    RELATIONSHIP,
    SEX,
)

WORDS = Message("words the form never reads")


@pytest.fixture
def form(qtbot) -> HouseholdForm:
    widget = HouseholdForm()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(("code", "field", "wording"), [
    ("required", "given_names", "required"),
    ("required", "origin_country", "required"),
    ("required", "birth", "type an age, a birth date or a birth year"),
    ("one_of", "birth", "type an age, a birth date or a birth year"),
    ("not_a_date", "birth", "not a date: type it as DD/MM/YYYY, e.g. 02/03/2019"),
    ("wrong_type", "birth", "not a whole number"),
    ("no_head", "relationship", "one member must be the head of household"),
    ("two_heads", "relationship", "only one member can be the head of household"),
    ("not_a_country", "nationality", "not a country code: type three letters, e.g. MLI, BFA, CIV"),
    ("not_a_choice", "sex", "choose female, male or other"),
    ("not_a_choice", "relationship", "choose the relationship to the head of household"),
    ("no_members", "given_names", "type at least the head of household"),
    ("bad_character", "family_name", "only letters, spaces, apostrophes and hyphens are allowed"),
])
def test_the_form_s_own_words_are_keyed_on_the_code(qapp: object, code: str, field: str, wording: str) -> None:
    assert explain(Spot(1, field, code, WORDS)) == wording


def test_a_code_without_words_of_the_form_shows_the_core_s_message(qapp: object) -> None:
    assert explain(Spot(1, "birth", "too_old", Message("estimated age {value} is over {max_age}", value=150,
                                                       max_age=120))) == "estimated age 150 is over 120"
    assert explain(Spot(1, "phone", "bad_format", WORDS)) == str(WORDS)  # no wording for the phone


@pytest.mark.parametrize(("spot", "cell"), [
    (Spot(1, "given_names", "required", WORDS), (0, GIVEN)),
    (Spot(1, "family_name", "bad_character", WORDS), (0, FAMILY)),
    (Spot(1, "sex", "not_a_choice", WORDS), (0, SEX)),
    (Spot(1, "relationship", "no_head", WORDS), (0, RELATIONSHIP)),
    (Spot(1, "birth", "too_old", WORDS), (0, AGE)),  # the birth column typed in (age when none)
    (Spot(None, "members", "no_members", WORDS), (0, GIVEN)),
])
def test_a_member_s_problem_marks_its_cell(form: HouseholdForm, spot: Spot, cell: tuple[int, int]) -> None:
    form.show_spots([spot])
    assert list(form.model.marks()) == [cell] and form.problem_list.count() == 1


def test_a_birth_problem_marks_the_column_the_birth_was_typed_in(form: HouseholdForm) -> None:
    form.model.update_row(0, birth_kind="date", birth_text="01/01/2030")
    form.show_spots([Spot(1, "birth", "future", WORDS)])
    assert list(form.model.marks()) == [(0, BIRTH_DATE)]


@pytest.mark.parametrize(("spot", "name"), [
    (Spot(None, "origin_country", "not_a_country", WORDS), "country"),
    (Spot(None, "origin_region", "too_long", WORDS), "region"),
    (Spot(None, "origin_locality", "too_long", WORDS), "locality"),
    (Spot(None, "destination", "control_character", WORDS), "destination"),
    (Spot(None, "travel_mode", "too_long", WORDS), "travel_mode"),
    (Spot(None, "arrival", "future", WORDS), "arrival"),
    (Spot(None, "consent", "required", WORDS), "consent"),
    (Spot(None, "notes", "too_long", WORDS), "notes"),
    (Spot(1, "other_names", "no_letters", WORDS), "other_names"),
    (Spot(1, "nationality", "not_a_country", WORDS), "nationality"),
    (Spot(1, "phone", "bad_format", WORDS), "phone"),
    (Spot(1, "languages", "not_a_language", WORDS), "languages"),
    (Spot(1, "specific_needs", "not_a_choice", WORDS), "needs"),
    (Spot(1, "documents", "required", WORDS), "document_number"),
])
def test_a_field_s_problem_marks_its_widget_and_goes_there(form: HouseholdForm, spot: Spot, name: str) -> None:
    form.show_spots([spot])
    widget: QWidget = getattr(form, name)
    assert form.marked_widgets() == [widget]
    assert widget.toolTip() == form.problem_list.item(0).text()
    if spot.member is not None:  # a detail of a member: its row is marked too, and selected
        assert list(form.model.marks()) == [(0, -1)] and form.table.currentIndex().row() == 0
    form.clear_problems()
    assert form.marked_widgets() == [] and form.model.marks() == {} and form.problem_list.isHidden()


def test_problems_are_listed_in_the_order_of_the_form(form: HouseholdForm) -> None:
    form.add_member()
    form.show_spots([Spot(None, "notes", "too_long", WORDS), Spot(None, "origin_country", "required", WORDS),
                     Spot(2, "sex", "not_a_choice", WORDS), Spot(1, "phone", "bad_format", WORDS)])
    lines = [form.problem_list.item(i).text() for i in range(form.problem_list.count())]
    assert lines == ["Member 1 · Phone: " + str(WORDS), "Member 2 · Sex: choose female, male or other",
                     "Country of origin: required", "Notes: " + str(WORDS)]
    assert form.problem_title.text() == "4 problems to fix before saving:"
