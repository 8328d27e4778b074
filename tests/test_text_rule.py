"""The text rule at the model's door: what a stored string may hold, and how refusals say so.

Every refused string is named by its record, its field and the class of the offending character,
so a person can find and fix it. Data stored before the rule is repaired on the way out, never a crash.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipt_network.errors import ValidationError
from ipt_network.model import latest_date, parse_document, refused_character, scrub, visible
from tests.conftest import ANA

C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
C1 = [chr(c) for c in range(0x7F, 0xA0)]
BIDI = list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

SINGLE_LINE = [("client", "label", "client"), ("person", "name", "person 'p-mum'")]
MULTI_LINE = [("session", "notes", "session 1"), ("tie", "note", "session 1, tie for 'p-mum'"),
              ("person", "notes", "person 'p-mum'"), ("client", "notes", "client")]
"""(record, field, the record as a refusal names it)"""


def put(data: dict, record: str, field: str, value) -> None:
    target = {"client": lambda: data["client"], "person": lambda: data["people"][0],
              "session": lambda: data["sessions"][0], "tie": lambda: data["sessions"][0]["ties"][0]}[record]()
    target[field] = value


def refusal(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        parse_document(data)
    return caught.value.problems


@given(prefix=st.text(max_size=5).filter(lambda t: refused_character(t) is None),
       bad=st.sampled_from(C0 + C1 + BIDI + ["\t", "\n", "\r"]), where=st.sampled_from(SINGLE_LINE))
def test_single_line_text_refuses_every_control_and_bidi_character_naming_field_and_class(prefix, bad, where):
    ana_data = copy.deepcopy(ANA)
    record, field, named = where
    put(ana_data, record, field, "Mum" + prefix + bad)
    kind = "a bidirectional override or isolate" if bad in BIDI else "a control character"
    assert f"{named}: {field} must not contain {kind} (U+{ord(bad):04X})" in refusal(ana_data)


@given(bad=st.sampled_from(C0 + C1 + BIDI), where=st.sampled_from(MULTI_LINE))
def test_multi_line_text_refuses_the_same_classes_but_tab_and_newline(bad, where):
    ana_data = copy.deepcopy(ANA)
    record, field, named = where
    put(ana_data, record, field, f"line one\n\tline two{bad}")
    kind = "a bidirectional override or isolate" if bad in BIDI else "a control character"
    assert refusal(ana_data) == [f"{named}: {field} must not contain {kind} (U+{ord(bad):04X})"]


@pytest.mark.parametrize("where", MULTI_LINE)
def test_tab_newline_and_carriage_return_are_kept_in_multi_line_text(ana_data, where):
    record, field, _ = where
    put(ana_data, record, field, "first line\r\n\tindented")
    assert parse_document(ana_data)


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200d", "\u3164", "\u2800", "\u0301", "\u00a0\u2003"])
def test_names_with_nothing_visible_are_refused(ana_data, name):
    ana_data["people"][0]["name"] = name
    problems = refusal(ana_data)
    assert any(p.startswith("person 'p-mum': name must") for p in problems), problems


@pytest.mark.parametrize("name", ["Mum", "\u05d3\u05df", "J.", "\u5b50", "Zo\u0065\u0308"])
def test_real_names_in_any_script_are_accepted(ana_data, name):
    ana_data["people"][0]["name"] = name
    assert parse_document(ana_data).people[0].name == name


def test_an_unpaired_surrogate_is_refused_as_not_text(ana_data):
    ana_data["client"]["label"] = "An\ud800a"
    assert refusal(ana_data) == ["client: label input should be a valid string, unable to parse raw data as a "
                                 "unicode string"]


def test_an_event_is_named_by_its_place(ana_data):
    ana_data["sessions"][0]["events"] = ["moved house", "row\x1b[2J"]
    assert refusal(ana_data) == ["session 1, event #2: text must not contain a control character (U+001B)"]


@pytest.mark.parametrize(("field", "value"), [("date", "9999-12-31"), ("date", "1899-12-31")])
def test_session_dates_between_1900_and_a_year_from_today(ana_data, field, value):
    ana_data["sessions"][0][field] = value
    high = latest_date().isoformat()
    assert refusal(ana_data) == [f"session 1: date must be between 1900-01-01 and {high}"]


def test_the_date_bounds_themselves_are_accepted(ana_data):
    ana_data["client"]["start_date"] = "1900-01-01"
    ana_data["sessions"][0]["date"] = latest_date().isoformat()
    assert parse_document(ana_data)


def test_a_year_from_the_29th_of_february_is_the_28th():
    assert latest_date(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


@given(st.text(max_size=30))
def test_scrub_leaves_nothing_refused_and_changes_only_refused_characters(text):
    clean = scrub(text)
    assert refused_character(clean) is None
    assert len(clean) == len(text)
    assert all(a == b or b == "\ufffd" for a, b in zip(text, clean, strict=True))


def test_scrub_gives_a_name_something_visible():
    assert scrub("\u200b", named=True) == "\ufffd"
    assert visible(scrub("\x00\x00", named=True))


def test_stored_data_is_repaired_not_refused(ana_data):
    ana_data["people"][0]["name"] = "\x00"
    ana_data["sessions"][0]["notes"] = "a\x1b[31mred\u202eevil\nnext"
    ana_data["sessions"][0]["date"] = "9999-12-31"
    doc = parse_document(ana_data, stored=True)
    assert doc.people[0].name == "\ufffd"
    assert doc.sessions[0].notes == "a\ufffd[31mred\ufffdevil\nnext"
    assert doc.sessions[0].date == dt.date(9999, 12, 31)


def test_the_case_frame_follows_the_text_rule_multi_line_where_it_is_prose():
    data = copy.deepcopy(ANA) | {"version": 2}
    data["client"] |= {"formulation": "line one\nline two", "problem_areas": ["role_dispute"],
                       "goals": [{"id": "g\n1", "area": "role_dispute", "text": "talk\tcalmly"}],
                       "relapse_plan": {"warning_signs": ["a\nb"], "actions": ["\x07"], "people": []}}
    data["sessions"][0]["events"] = [{"text": "row\nabout rent", "people": ["p-dan\n"]}]
    assert refusal(data) == [
        "client, goal 'g\n1': id must not contain a control character (U+000A)",
        "client, relapse plan: actions must not contain a control character (U+0007)",
        "session 1, event #1: people must not contain a control character (U+000A)",
    ]


def test_case_frame_text_stored_before_the_rule_is_repaired_on_the_way_out():
    data = copy.deepcopy(ANA) | {"version": 2}
    data["client"]["formulation"] = "rows\x1b[31m with Dan\nsince the move"
    data["sessions"][0]["events"] = ["moved\x00", {"text": "row\x07", "people": ["p-dan"]}]
    doc = parse_document(data, stored=True)
    assert doc.client.formulation == "rows\ufffd[31m with Dan\nsince the move"
    assert [doc.session(1).events[0], doc.session(1).events[1].text] == ["moved\ufffd", "row\ufffd"]
