"""Every rule of DESIGN sections 3–4, each with the message a person reads."""

from __future__ import annotations

import datetime as dt

import pytest

from ipt_network.errors import MAX_PROBLEMS, ValidationError
from ipt_network.model import (
    Attendance,
    Document,
    EventMood,
    GoalStatus,
    Instrument,
    Person,
    ProblemArea,
    SupportFlow,
    event_text,
    parse_document,
)


def problems(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        parse_document(data, source="ana.json")
    assert caught.value.source == "ana.json"
    return caught.value.problems


def test_the_design_example_is_valid(ana_data):
    doc = parse_document(ana_data)
    assert isinstance(doc, Document)
    assert doc.person("p-dan").name == "Dan"
    assert doc.session(1).mood[0].instrument is Instrument.PHQ9


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("support", 12, "session 1, tie for 'p-dan': support must be an integer 0–10, got 12"),
    ("support", -1, "session 1, tie for 'p-dan': support must be an integer 0–10, got -1"),
    ("conflict", 5.5, "session 1, tie for 'p-dan': conflict must be an integer 0–10, got 5.5"),
    ("conflict", "7", "session 1, tie for 'p-dan': conflict must be an integer 0–10, got '7'"),
    ("support", True, "session 1, tie for 'p-dan': support must be an integer 0–10, got True"),
    ("circle", 4, "session 1, tie for 'p-dan': circle must be 1 (inner), 2 (middle) or 3 (outer), got 4"),
    ("contact", "hourly", "session 1, tie for 'p-dan': contact must be 'daily', 'weekly', 'monthly', "
                          "'rarely' or 'none', got 'hourly'"),
    ("focus", "grieving", "session 1, tie for 'p-dan': focus must be 'grief', 'role_dispute', "
                          "'role_transition' or 'interpersonal_deficits', got 'grieving'"),
])
def test_tie_field_rules(ana_data, field, value, expected):
    ana_data["sessions"][0]["ties"][1][field] = value
    assert problems(ana_data) == [expected]


def test_unknown_keys_are_refused_as_likely_typos(ana_data):
    ana_data["sessions"][0]["ties"][0]["suport"] = 3
    ana_data["client"]["lable"] = "A"
    assert problems(ana_data) == [
        "client: unknown field 'lable' (is it a typo?)",
        "session 1, tie for 'p-mum': unknown field 'suport' (is it a typo?)",
    ]


def test_missing_fields_are_named(ana_data):
    del ana_data["sessions"][0]["ties"][0]["support"]
    del ana_data["people"][1]["role"]
    assert problems(ana_data) == [
        "person 'p-dan': role is required",
        "session 1, tie for 'p-mum': support is required",
    ]


@pytest.mark.parametrize("value", ["2026-1-5", "05/01/2026", "20260105", "2026-02-30", 20260105,
                                   "2026-01-05T10:00"])
def test_dates_must_be_iso(ana_data, value):
    ana_data["sessions"][0]["date"] = value
    assert problems(ana_data) == [f"session 1: date must be a date written YYYY-MM-DD, got {value!r}"]


def test_format_and_version_must_match(ana_data):
    ana_data["format"] = "other"
    ana_data["version"] = 3
    assert problems(ana_data) == [
        "document: format must be 'ipt-network', got 'other'",
        "document: version must be 1 or 2, got 3",
    ]


def test_closed_vocabularies(ana_data):
    ana_data["people"][0]["role"] = "mother"
    ana_data["client"]["problem_areas"] = ["grief", "sadness"]
    ana_data["sessions"][0]["phase"] = "final"
    found = problems(ana_data)
    assert len(found) == 3
    assert found[0].startswith("client: problem_areas must be 'grief', ") and found[0].endswith("got 'sadness'")
    assert found[1].startswith("person 'p-mum': role must be 'partner', 'parent', ")
    assert found[2] == "session 1: phase must be 'initial', 'middle' or 'termination', got 'final'"


def test_ids_must_be_non_empty(ana_data):
    ana_data["people"][0]["id"] = " "
    ana_data["sessions"][0]["ties"][0]["person"] = " "
    ana_data["sessions"][0]["links"] = []
    assert problems(ana_data) == ["person ' ': id must not be empty",
                                  "session 1, tie for ' ': person must not be empty"]


def test_references_must_name_a_known_person(ana_data):
    ana_data["sessions"][0]["ties"][0]["person"] = "p-mom"
    found = problems(ana_data)
    assert "session 1, tie for 'p-mom': person 'p-mom' is not in people" in found
    assert "session 1, link 'p-mum'–'p-dan': 'p-mum' has no tie in this session, so cannot be linked" in found


def test_one_tie_per_person_per_session(ana_data):
    ana_data["sessions"][0]["ties"].append(dict(ana_data["sessions"][0]["ties"][0]))
    assert problems(ana_data) == ["session 1, tie for 'p-mum': more than one tie for this person"]


def test_a_link_is_undirected_so_b_a_duplicates_a_b(ana_data):
    ana_data["sessions"][0]["links"].append({"a": "p-dan", "b": "p-mum", "support": 2, "conflict": 2})
    assert problems(ana_data) == [
        "session 1, link 'p-dan'–'p-mum': more than one link for this pair (a–b and b–a are the same)"]


def test_no_self_links(ana_data):
    ana_data["sessions"][0]["links"] = [{"a": "p-dan", "b": "p-dan", "support": 2, "conflict": 2}]
    assert problems(ana_data) == ["session 1, link 'p-dan'–'p-dan': a person cannot be linked to themselves"]


def test_links_only_between_people_tied_that_session(ana_data):
    ana_data["people"].append({"id": "p-sis", "name": "Sis", "role": "sibling"})
    ana_data["sessions"][0]["links"].append({"a": "p-sis", "b": "p-dan", "support": 2, "conflict": 2})
    assert problems(ana_data) == [
        "session 1, link 'p-sis'–'p-dan': 'p-sis' has no tie in this session, so cannot be linked"]


def test_ids_unique_and_session_numbers_unique(ana_data):
    ana_data["people"][1]["id"] = "p-mum"
    ana_data["people"].append({"id": "c-ana", "name": "Me?", "role": "other"})
    second = dict(ana_data["sessions"][0], links=[], ties=[])
    ana_data["sessions"].append(second)
    found = problems(ana_data)
    assert "person 'p-mum': id used more than once" in found
    assert "client 'c-ana': the client id is also used by a person" in found
    assert "session 1: session number used more than once" in found


@pytest.mark.parametrize(("mood", "expected"), [
    ({"instrument": "PHQ-9", "score": 28}, "score must be an integer 0–27 for PHQ-9, got 28"),
    ({"instrument": "GAD-7", "score": 22}, "score must be an integer 0–21 for GAD-7, got 22"),
    ({"instrument": "HAM-D-17", "score": 53}, "score must be an integer 0–52 for HAM-D-17, got 53"),
    ({"instrument": "mood-0-10", "score": 11}, "score must be an integer 0–10 for mood-0-10, got 11"),
    ({"instrument": "PHQ-9", "score": 17, "items": [2] * 9},
     "score 17 does not equal the sum of the items (18)"),
    ({"instrument": "PHQ-9", "score": 14, "items": [2] * 7}, "PHQ-9 has 9 items, got 7"),
    ({"instrument": "HAM-D-17", "score": 3, "items": [1, 1, 1]},
     "items are not recorded for HAM-D-17; give only the score"),
])
def test_mood_scores(ana_data, mood, expected):
    ana_data["sessions"][0]["mood"] = [mood]
    assert problems(ana_data) == [f"session 1, mood {mood['instrument']}: {expected}"]


def test_mood_items_are_0_to_3(ana_data):
    ana_data["sessions"][0]["mood"] = [{"instrument": "GAD-7", "score": 4, "items": [4, 0, 0, 0, 0, 0, 0]}]
    assert problems(ana_data) == ["session 1, mood GAD-7: items must each be a whole number 0–3, got 4"]


def test_one_score_per_instrument_per_session(ana_data):
    ana_data["sessions"][0]["mood"].append({"instrument": "PHQ-9", "score": 18})
    assert problems(ana_data) == ["session 1, mood PHQ-9: recorded more than once"]


def test_every_problem_is_listed_up_to_a_cap(ana_data):
    ana_data["sessions"][0]["ties"] = [
        {"person": "p-mum", "circle": 1, "support": 11 + i, "conflict": 0} for i in range(MAX_PROBLEMS + 5)]
    ana_data["sessions"][0]["links"] = []
    with pytest.raises(ValidationError) as caught:
        parse_document(ana_data, source="ana.json")
    lines = caught.value.message.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == "... and 5 more problems"


def test_a_person_counts_until_the_day_they_died():
    person = Person(id="p-dad", name="Dad", role="parent", deceased_on=dt.date(2026, 2, 1))
    assert person.alive_on(dt.date(2026, 1, 31))
    assert not person.alive_on(dt.date(2026, 2, 1))


def test_records_are_immutable(ana_data):
    doc = parse_document(ana_data)
    with pytest.raises(Exception, match="frozen"):
        doc.client.label = "B"


# --- version 2: the IPT case frame (DESIGN section 9) ------------------------------------------


def case_frame(ana_data: dict) -> dict:
    """The DESIGN example as version 2 with every field of the case frame filled in."""
    ana_data["version"] = 2
    ana_data["client"].update(
        planned_sessions=16, onset="2025-09-01", formulation="Rows with Dan since the move", formulation_shared_at=1,
        areas_agreed_at=1, goals=[{"id": "g-money", "area": "role_dispute", "text": "Talk about money calmly"}],
        history=[{"date": "2025-08-15", "text": "Moved in with Dan", "people": ["p-dan"]}],
        relapse_plan={"warning_signs": ["sleeping badly"], "actions": ["call Mum"], "people": ["p-mum"]})
    ana_data["people"][0]["inventory"] = {"good": "listens", "hard": "criticises Dan", "support_flow": "both_ways",
                                          "confides": True, "knows_about_depression": None, "as_of": 1}
    session = ana_data["sessions"][0]
    session["events"] = ["a quiet week", {"text": "Row about rent", "people": ["p-dan"], "mood": "worse"}]
    session["goal_progress"] = [{"goal": "g-money", "status": "not_started"}]
    session["ties"][0]["rated"] = False
    ana_data["sessions"].append({"number": 2, "date": "2026-01-12", "phase": "initial",
                                 "attendance": "did_not_attend"})
    return ana_data


def test_every_field_of_the_case_frame_is_read(ana_data):
    doc = parse_document(case_frame(ana_data))
    assert doc.client.planned_sessions == 16
    assert doc.client.goals[0].area is ProblemArea.ROLE_DISPUTE
    assert doc.client.history[0].people == ["p-dan"]
    assert doc.client.relapse_plan.actions == ["call Mum"]
    assert doc.person("p-mum").inventory.support_flow is SupportFlow.BOTH_WAYS
    assert doc.person("p-dan").inventory is None
    first = doc.session(1)
    assert [event_text(e) for e in first.events] == ["a quiet week", "Row about rent"]
    assert first.events[1].mood is EventMood.WORSE
    assert first.goal_progress[0].status is GoalStatus.NOT_STARTED
    assert [tie.rated for tie in first.ties] == [False, True]
    assert first.attended and not doc.session(2).attended


def test_a_version_1_file_takes_the_defaults(ana_data):
    doc = parse_document(ana_data)
    assert (doc.client.planned_sessions, doc.client.onset, doc.client.formulation, doc.client.goals,
            doc.client.relapse_plan) == (None, None, "", [], None)
    assert doc.session(1).attendance is Attendance.ATTENDED
    assert all(tie.rated for tie in doc.session(1).ties)


def test_a_version_1_file_using_version_2_is_refused_field_by_field(ana_data):
    data = case_frame(ana_data)
    data["version"] = 1
    found = problems(data)
    assert "client: 'goals' is a field of version 2, but the file says version 1 (set version to 2)" in found
    assert "person 'p-mum': 'inventory' is a field of version 2, but the file says version 1 (set version to 2)" \
        in found
    assert "session 1, tie for 'p-mum': 'rated' is a field of version 2, but the file says version 1 " \
        "(set version to 2)" in found
    assert "session 1, event #2: an event written as an object is a form of version 2, but the file says " \
        "version 1 (set version to 2)" in found
    assert "session 2: 'attendance' is a field of version 2, but the file says version 1 (set version to 2)" \
        in found
    assert len(found) == 13


def test_cross_record_rules_of_the_case_frame(ana_data):
    data = case_frame(ana_data)
    data["client"]["goals"].append({"id": "g-money", "area": "grief", "text": "Visit the grave"})
    data["client"]["history"][0].update(date="2026-02-01", people=["p-dan", "p-dad", "p-dan"])
    data["client"]["onset"] = "2026-01-06"
    data["client"]["relapse_plan"]["people"] = ["p-ann"]
    data["sessions"][0]["events"][1]["people"] = ["p-zed"]
    data["sessions"][0]["goal_progress"].append({"goal": "g-sleep", "status": "met"})
    data["sessions"][1].update(ties=[{"person": "p-mum", "circle": 1, "support": 6, "conflict": 8}],
                               mood=[{"instrument": "PHQ-9", "score": 15}])
    assert problems(data) == [
        "client, goal 'g-money': goal id used more than once",
        "client, goal 'g-money': area 'grief' is not among the client's problem areas (role_dispute)",
        "client: onset 2026-01-06 is after the start date 2026-01-05 (the episode began before therapy)",
        "client, history #1: date 2026-02-01 is after the start date 2026-01-05 (history is what came before "
        "therapy; later events belong to a session)",
        "client, history #1: person 'p-dad' is not in people",
        "client, history #1: person 'p-dan' is named more than once",
        "client, relapse plan: person 'p-ann' is not in people",
        "session 1, event #2: person 'p-zed' is not in people",
        "session 1, goal progress: goal 'g-sleep' is not in the client's goals",
        "session 2: a session marked did_not_attend has no ties, mood (it did not take place)",
    ]


def test_session_numbers_of_the_case_frame_and_inventories_name_recorded_sessions(ana_data):
    data = case_frame(ana_data)
    data["client"].update(areas_agreed_at=9, formulation_shared_at=2)
    data["people"][0]["inventory"]["as_of"] = 3
    assert problems(data) == [
        "client: areas_agreed_at is session 9, which is not a recorded session (the last is session 2)",
        "person 'p-mum', inventory: as_of is session 3, which is not a recorded session (the last is session 2)"]
    data["sessions"] = []
    assert problems(data)[0] == "client: areas_agreed_at is session 9, which is not a recorded session " \
                                "(none is recorded yet)"


@pytest.mark.parametrize(("put", "expected"), [
    (lambda d: d["client"].update(planned_sessions=53), "client: planned_sessions must be a whole number 1–52, or "
                                                        "empty, got 53"),
    (lambda d: d["client"].update(formulation_shared_at=0), "client: formulation_shared_at must be a session number "
                                                            "from 1, or empty, got 0"),
    (lambda d: d["people"][0]["inventory"].update(as_of="1"), "person 'p-mum': as_of must be a session number from 1, "
                                                              "or empty, got '1'"),
    (lambda d: d["people"][0]["inventory"].update(confides="yes"), "person 'p-mum': confides must be true, false or "
                                                                   "empty, got 'yes'"),
    (lambda d: d["people"][0]["inventory"].update(support_flow="to_me"),
     "person 'p-mum': support_flow must be 'both_ways', 'mostly_to_client' or 'mostly_from_client', got 'to_me'"),
    (lambda d: d["sessions"][0]["ties"][0].update(rated=0), "session 1, tie for 'p-mum': rated must be true or false, "
                                                            "got 0"),
    (lambda d: d["sessions"][1].update(attendance="missed"),
     "session 2: attendance must be 'attended', 'cancelled' or 'did_not_attend', got 'missed'"),
    (lambda d: d["sessions"][0]["goal_progress"][0].update(status="done"),
     "session 1, progress of goal 'g-money': status must be 'not_started', 'progressing' or 'met', got 'done'"),
    (lambda d: d["sessions"][0]["events"][1].update(mood="sad"),
     "session 1, event #2: mood must be 'better', 'worse' or 'none', got 'sad'"),
    (lambda d: d["sessions"][0]["events"][1].update(text="Row\x1b[31m"),
     "session 1, event #2: text must not contain a control character (U+001B)"),
    (lambda d: d["sessions"][0]["events"].append(7),
     "session 1, event #3: an event must be text or an object with text, people and mood, got 7"),
    (lambda d: d["client"]["goals"][0].update(text=""), "client, goal 'g-money': text must not be empty"),
    (lambda d: d["client"]["relapse_plan"]["actions"].append("\u202ehidden"),
     "client, relapse plan: actions must not contain a bidirectional override or isolate (U+202E)"),
    (lambda d: d["client"]["history"][0].update(date="15/08/2025"),
     "client, history #1: date must be a date written YYYY-MM-DD, got '15/08/2025'"),
    (lambda d: d["client"].update(formulation="tab\tand\nlines are fine\x00"),
     "client: formulation must not contain a control character (U+0000)"),
])
def test_field_rules_of_the_case_frame(ana_data, put, expected):
    data = case_frame(ana_data)
    put(data)
    assert problems(data) == [expected]
