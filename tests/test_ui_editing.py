"""Edits of the session panel, without a browser: typed values, saved records, refusals and Undo.

Every edit goes to a real SQLite database holding the DESIGN section 4 example (Ana: session 1
ties Mum support 6 conflict 8 weekly, Dan support 4 conflict 7 with focus and note; one link
Mum–Dan support 1 conflict 7; PHQ-9 18 from nine 2s).
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from ipt_network.errors import StaleEditError, ValidationError
from ipt_network.model import Inventory, parse_document
from ipt_network.store import Store
from ipt_network.ui import editing
from ipt_network.ui.editing import Change, Edit

CLIENT = "c-ana"


@pytest.fixture
def store(db_url, ana_data):
    with Store.open(db_url) as opened:
        opened.import_document(parse_document(ana_data))
        yield opened


def edit(store: Store, tab: str | None = None) -> Edit:
    """An edit of session 1 from a page showing the record as stored now."""
    return Edit(store, CLIENT, 1, editing.page_versions(store.load(CLIENT)), tab)


def undo_latest(store: Store) -> Change:
    """Undo as the page asks for it: by the number of the change the log offers."""
    offered = editing.offered_undo(store.changes(CLIENT))
    assert offered is not None
    return editing.undo(edit(store), offered.number)


def names(person_id: str) -> str:
    return {"p-mum": "Mum", "p-dan": "Dan"}.get(person_id, person_id)


def tie(store: Store, person: str):
    return next((t for t in store.load(CLIENT).document.session(1).ties if t.person == person), None)


# --- typed values ----------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "number"), [(0, 0), (10, 10), ("7", 7), (" 7 ", 7)])
def test_rating_accepts_whole_numbers_0_to_10(typed, number):
    assert editing.parse_rating(typed, "Support") == number


@pytest.mark.parametrize(("typed", "shown"), [
    (12, "“12”"), ("12", "“12”"), ("7.5", "“7.5”"), (7.5, "“7.5”"), ("", "nothing"), (None, "nothing"),
    (True, "“True”"), ("-1", "“-1”"), ("٣", "“٣”"), ("1e1", "“1e1”")])
def test_rating_refuses_everything_else_saying_what_was_typed(typed, shown):
    with pytest.raises(ValidationError) as refused:
        editing.parse_rating(typed, "Support")
    assert refused.value.problems == [f"Support must be a whole number 0–10 (got {shown})"]


def test_date_must_be_written_year_month_day():
    assert editing.parse_date("2026-02-03", "The date").isoformat() == "2026-02-03"
    assert editing.parse_date("", "The date", required=False) is None
    for typed in ("3/2/2026", "2026-02-30", ""):
        with pytest.raises(ValidationError, match="The date must be a date written YYYY-MM-DD"):
            editing.parse_date(typed, "The date")


def test_events_are_lines_without_blanks():
    assert editing.event_lines(" moved house \n\n  new job\n") == ["moved house", "new job"]


# --- the grid ------------------------------------------------------------------------------


def test_grid_has_a_row_per_person_with_this_sessions_tie(store):
    rows = editing.grid_rows(store.load(CLIENT).document, 1, names)
    assert rows == [
        {"id": "p-mum", "name": "Mum", "in_session": "yes", "circle": 1, "support": 6, "conflict": 8,
         "rated": "yes", "contact": "weekly", "focus": None, "note": ""},
        {"id": "p-dan", "name": "Dan", "in_session": "yes", "circle": 1, "support": 4, "conflict": 7,
         "rated": "yes", "contact": None, "focus": "role_dispute", "note": "arguments about money"},
    ]


def test_grid_without_notes_leaves_the_free_text_out(store):
    rows = editing.grid_rows(store.load(CLIENT).document, 1, names, notes=False)
    assert [sorted(row) for row in rows] == [["circle", "conflict", "contact", "focus", "id", "in_session",
                                              "name", "rated", "support"]] * 2
    assert "arguments about money" not in str(rows)


def edited(person: str, column: str, value, old) -> dict:
    """One entry of the grid's ``cellValueChanged``, as dash-ag-grid sends it."""
    return {"rowId": person, "colId": column, "value": value, "oldValue": old, "rowIndex": 0, "timestamp": 1}


def test_a_grid_edit_saves_the_edited_cell_then_any_earlier_one_never_saved():
    drawn = [{"id": "a", "support": 4, "contact": None}, {"id": "b", "support": 5, "contact": None}]
    showing = [{**drawn[0], "support": 7}, {**drawn[1], "support": 8, "contact": ""}]
    # b's 8 was just typed; a's 7 was typed earlier and its save never reached the server.
    assert editing.grid_edits([edited("b", "support", 8, 5)], drawn, showing) == [
        ("b", "support", 8, 5), ("a", "support", 7, 4)]
    # The edited cell is saved against what it showed before, even when the drawn copy is older.
    assert editing.grid_edits([edited("a", "support", 9, 7)], drawn, showing[:1]) == [("a", "support", 9, 7)]
    assert editing.grid_edits([], drawn, drawn) == []
    assert editing.changed_cells(drawn, [{"id": "c", "support": "2"}]) == []  # nobody drawn by that id


def test_a_redraw_sets_only_the_cells_whose_stored_value_moved_and_are_not_on_show():
    drawn = [{"id": "a", "support": 4, "note": ""}, {"id": "b", "support": 5, "note": ""}]
    assert editing.redrawn_cells(drawn, drawn, drawn) == {}
    moved = [drawn[0], {**drawn[1], "support": 7}]
    assert editing.redrawn_cells(moved, drawn, drawn) == {"b": {"support": 7}}  # changed elsewhere
    # Saved as typed, while "a" is being typed over: nothing to set, so the typing is not interrupted.
    typing = [{**drawn[0], "support": "9"}, {**drawn[1], "support": "7"}]
    assert editing.redrawn_cells(moved, drawn, typing) == {}
    assert editing.redrawn_cells([{"id": "a", "support": "4", "note": None}, drawn[1]], drawn, drawn) == {}
    assert editing.redrawn_cells([{"id": "a", "support": 4}, {"id": "b", "support": 5}], drawn, drawn) is None
    assert editing.redrawn_cells(drawn[:1], drawn, drawn) is None  # other people


def test_after_a_refused_save_the_redraw_puts_the_stored_value_back():
    drawn = [{"id": "a", "support": 4}, {"id": "b", "support": 5}]
    typed = [{"id": "a", "support": 12}, drawn[1]]
    assert editing.redrawn_cells(drawn, drawn, typed) == {}  # nothing moved in the store ...
    assert editing.redrawn_cells(drawn, drawn, typed, refused=True) == {"a": {"support": 4}}  # ... but 12 was refused


def test_a_focus_chosen_in_the_grid_is_saved_and_none_clears_it(store):
    change = editing.save_cell(edit(store), "p-mum", "focus", "grief", None)
    assert tie(store, "p-mum").focus == "grief"
    assert editing.describe(change, names) == "focus for Mum not set → grief"
    editing.save_cell(edit(store), "p-mum", "focus", editing.NONE, "grief")
    assert tie(store, "p-mum").focus is None
    with pytest.raises(ValidationError, match="focus"):
        editing.save_cell(edit(store), "p-mum", "focus", "sadness", None)
    assert tie(store, "p-mum").focus is None


def test_saving_a_cell_changes_only_that_field_and_can_be_undone(store):
    change = editing.save_cell(edit(store), "p-dan", "support", "7", 4)
    saved = tie(store, "p-dan")
    assert (saved.support, saved.conflict, saved.focus, saved.note) == (7, 7, "role_dispute", "arguments about money")
    assert editing.describe(change, names) == "support for Dan 4 → 7"
    undone = undo_latest(store)
    assert tie(store, "p-dan").support == 4
    assert editing.describe(undone, names) == "support for Dan 7 → 4"


def test_a_refused_cell_saves_nothing(store):
    before = store.load(CLIENT)
    with pytest.raises(ValidationError):
        editing.save_cell(edit(store), "p-dan", "support", "12", 4)
    assert store.load(CLIENT) == before


def test_an_edit_from_a_stale_page_is_refused(store):
    editing.save_cell(edit(store), "p-dan", "support", "7", 4)
    with pytest.raises(StaleEditError):
        editing.save_cell(edit(store), "p-dan", "support", "9", 4)  # the page still shows 4
    assert tie(store, "p-dan").support == 7


def test_cells_typed_one_after_another_on_one_page_are_all_saved(store):
    editing.save_cell(edit(store), "p-dan", "support", "7", 4)
    editing.save_cell(edit(store), "p-dan", "conflict", "3", 7)
    editing.save_cell(edit(store), "p-dan", "support", "8", "7")  # the cell still holds the typed text
    saved = tie(store, "p-dan")
    assert (saved.support, saved.conflict, saved.note) == (8, 3, "arguments about money")


def test_a_cell_sent_again_before_the_page_heard_back_is_saved_once(store):
    # Two requests both carry support 4 -> 7 (the page had not redrawn after the first): the second
    # finds 7 stored, writes nothing and is no reason to refuse; the other cell it carries is saved.
    typed = [("p-dan", "support", "7", 4)]
    logged = len(store.changes(CLIENT, 100))
    assert [editing.describe(c, names) for c in editing.save_cells(edit(store), typed)] == ["support for Dan 4 → 7"]
    changes = editing.save_cells(edit(store), [*typed, ("p-dan", "conflict", "3", 7)])
    assert [editing.describe(c, names) for c in changes] == ["conflict for Dan 7 → 3"]
    assert editing.save_cells(edit(store), typed) == []
    assert len(store.changes(CLIENT, 100)) == logged + 2  # two changes logged, not three
    assert (tie(store, "p-dan").support, tie(store, "p-dan").conflict) == (7, 3)


def test_undo_after_someone_else_changed_the_record_is_refused(store):
    editing.save_cell(edit(store), "p-dan", "support", "7", 4)
    offered = editing.offered_undo(store.changes(CLIENT))  # what a page drawn now offers
    editing.save_cell(edit(store, tab="another page"), "p-dan", "support", "8", 7)
    with pytest.raises(StaleEditError):
        editing.undo(edit(store), offered.number)
    assert tie(store, "p-dan").support == 8


def test_taking_someone_out_and_undoing_brings_back_their_links(store):
    original = store.load(CLIENT).document
    change = editing.save_cell(edit(store), "p-dan", "in_session", "no", "yes")
    session = store.load(CLIENT).document.session(1)
    assert ([t.person for t in session.ties], session.links) == (["p-mum"], [])
    assert editing.describe(change, names) == "Dan is out of session 1, along with 1 link to others"
    undo_latest(store)
    assert store.load(CLIENT).document == original


def test_adding_someone_to_the_session_starts_in_the_outer_ring_with_zeros(store, ana_data):
    ana_data["people"].append({"id": "p-jo", "name": "Jo", "role": "friend"})
    store.import_document(parse_document(ana_data), replace=True)
    with pytest.raises(ValidationError, match="not in this session"):
        editing.save_cell(edit(store), "p-jo", "support", "5", None)
    change = editing.save_cell(edit(store), "p-jo", "in_session", "yes", "no")
    assert (tie(store, "p-jo").circle, tie(store, "p-jo").support, tie(store, "p-jo").conflict) == (3, 0, 0)
    assert editing.describe(change, names) == "p-jo is in session 1: outer ring, support 0, conflict 0"


def test_change_survives_the_trip_through_the_pages_memory(store):
    change = editing.save_cell(edit(store), "p-dan", "in_session", "no", "yes")
    assert Change.from_data(json.loads(json.dumps(change.to_data()))) == change


# --- links, mood, people, the session -----------------------------------------------------------


def test_links_are_saved_in_either_order_and_removed(store):
    change = editing.save_link(edit(store), "p-dan", "p-mum", "2", "6")
    assert editing.link_pairs(store.load(CLIENT).document, 1) == [("p-dan", "p-mum", 2, 6)]
    assert editing.describe(change, names) == "link Dan–Mum: support 1 → 2, conflict 7 → 6"
    with pytest.raises(ValidationError, match="two different people"):
        editing.save_link(edit(store), "p-dan", "p-dan", "2", "6")
    editing.remove_link(edit(store), "p-mum", "p-dan")
    assert editing.link_pairs(store.load(CLIENT).document, 1) == []


def test_questionnaire_items_make_the_total():
    # 2+2+1+1+2+1+2+1+0 = 12
    assert editing.mood_after("PHQ-9", "items", [2, 2, 1, 1, 2, 1, 2, 1, 0], "") == {
        "instrument": "PHQ-9", "score": 12, "items": [2, 2, 1, 1, 2, 1, 2, 1, 0]}
    assert editing.mood_after("GAD-7", "total", [], " 9 ") == {"instrument": "GAD-7", "score": 9, "items": None}
    with pytest.raises(ValidationError, match="2 items of PHQ-9 not answered yet"):
        editing.mood_after("PHQ-9", "items", [1, 1, 1, None, 1, 1, 1, None, 1], "")
    with pytest.raises(ValidationError, match=r"The GAD-7 total must be a whole number 0–21 \(got “22”\)"):
        editing.mood_after("GAD-7", "total", [], "22")


def test_live_total_counts_answers_and_gives_the_band_when_complete():
    assert editing.live_total("PHQ-9", [2, 2, None, None, None, None, None, None, None]) == (
        "2 of 9 answered · total so far 4")
    # nine 2s = 18: "moderately severe" (15–19, Kroenke et al. 2001)
    assert editing.live_total("PHQ-9", [2] * 9) == "Total 18 of 27 · moderately severe"
    assert editing.describe_total("mood-0-10", "6") == "Total 6 of 10"


def test_saving_a_mood_score_replaces_the_sessions_score(store):
    change = editing.save_mood(edit(store), "PHQ-9", "items", [1] * 9, "")
    mood = store.load(CLIENT).document.session(1).mood
    assert [(m.instrument, m.score, m.items) for m in mood] == [("PHQ-9", 9, [1] * 9)]
    assert editing.describe(change, names) == "PHQ-9 18 → 9 (mild)"


def test_a_new_person_keeps_their_name_as_typed_and_joins_the_session_on_show_in_the_outer_ring(store):
    name = "<b>Eve</b><script>x</script>"
    person, joined = editing.save_person(edit(store), None, name, "friend", "")
    added = store.load(CLIENT).document.person(person.key[1])
    assert (added.name, added.role, added.deceased_on) == (name, "friend", None)
    assert joined.key == ("tie", 1, added.id)
    assert editing.describe(joined, lambda _id: "Eve") == "Eve is in session 1: outer ring, support 0, conflict 0"
    assert (tie(store, added.id).circle, tie(store, added.id).support, tie(store, added.id).conflict) == (3, 0, 0)
    undo_latest(store)  # Undo takes them out of the session; people are kept: adding one is not undone
    assert tie(store, added.id) is None and store.load(CLIENT).document.person(added.id).name == name
    assert editing.offered_undo(store.changes(CLIENT)) is None


def test_a_new_person_added_with_no_session_on_show_is_in_none(store):
    change = editing.save_person(dataclasses.replace(edit(store), number=None), None, "Eve", "friend", "")
    assert change.kind == "person" and tie(store, change.key[1]) is None
    with pytest.raises(ValidationError, match="Name must not be empty"):
        editing.save_person(edit(store), None, "  ", "friend", "")


def test_a_person_edited_while_names_are_hidden_keeps_their_name_and_notes(store):
    editing.save_person(edit(store), "p-mum", None, "other_family", "lives nearby")
    editing.save_person(edit(store), "p-mum", None, "parent", None)
    mum = store.load(CLIENT).document.person("p-mum")
    assert (mum.name, mum.role, mum.notes) == ("Mum", "parent", "lives nearby")


def test_marking_a_death_keeps_the_person_and_can_be_undone(store):
    change = editing.mark_died(edit(store), "p-mum", "2026-02-03")
    assert store.load(CLIENT).document.person("p-mum").deceased_on.isoformat() == "2026-02-03"
    assert editing.describe(change, names) == "Mum, died on 3 Feb 2026"
    assert editing.grid_rows(store.load(CLIENT).document, 1, names)[0]["name"] == "Mum (died 3 Feb 2026)"
    undo_latest(store)
    assert store.load(CLIENT).document.person("p-mum").deceased_on is None


def test_a_rename_and_a_date_of_death_read_at_once_keep_each_other(store):
    """Two saves from one page, both read before either wrote (two requests at once): each writes only
    its own field, so neither puts back what the other changed."""
    read_before_both = store.load(CLIENT)

    @dataclasses.dataclass(frozen=True)
    class ReadEarlier(Edit):
        def course(self):
            return read_before_both

    page = ReadEarlier(store, CLIENT, 1, editing.page_versions(read_before_both), "tab-1")
    editing.save_person(page, "p-mum", "Mother", "parent", None)
    editing.mark_died(page, "p-mum", "2026-02-03")
    mum = store.load(CLIENT).document.person("p-mum")
    assert (mum.name, mum.deceased_on.isoformat()) == ("Mother", "2026-02-03")


def test_session_details_are_saved_with_one_event_per_line(store):
    change = editing.save_session(edit(store), "2026-01-06", "middle", "talked",
                                  "moved house\n\nnew job")
    saved = store.load(CLIENT).document.session(1)
    assert (saved.date.isoformat(), saved.phase, saved.notes, saved.events) == (
        "2026-01-06", "middle", "talked", ["moved house", "new job"])
    assert editing.describe(change, names) == "session 1: date 5 Jan 2026 → 6 Jan 2026, phase initial → middle, " \
                                              "notes, events"
    with pytest.raises(ValidationError, match="The session date must be"):
        editing.save_session(edit(store), "6 Jan", "middle", "", "")


def test_session_details_saved_while_names_are_hidden_keep_the_notes_and_events(store):
    editing.save_session(edit(store), "2026-01-06", "middle", "talked", "moved house")
    editing.save_session(edit(store), "2026-01-07", "initial", None, None)
    saved = store.load(CLIENT).document.session(1)
    assert (saved.date.isoformat(), saved.phase, saved.notes, saved.events) == (
        "2026-01-07", "initial", "talked", ["moved house"])


def test_a_session_that_did_not_take_place_loses_the_copy_it_started_with_and_undo_brings_it_back(store):
    store.start_next_session(CLIENT)
    started = store.load(CLIENT).document.session(2)
    page = Edit(store, CLIENT, 2, editing.page_versions(store.load(CLIENT)))
    change = editing.save_session(page, started.date.isoformat(), "initial", "", "ill", "did_not_attend")
    missed = store.load(CLIENT).document.session(2)
    assert (missed.attendance, missed.ties, missed.links, missed.events) == ("did_not_attend", [], [], ["ill"])
    assert editing.describe(change, names) == "session 2: attendance attended → did not attend, events"
    undo_latest(store)
    assert store.load(CLIENT).document.session(2) == started


def test_a_session_holding_ratings_or_mood_cannot_be_marked_missed(store):
    before = store.load(CLIENT).document
    with pytest.raises(ValidationError) as refused:
        editing.save_session(edit(store), "2026-01-05", "initial", "", "", "cancelled")
    assert refused.value.problems == ["session 1 holds ratings and mood scores; a session that did not take place "
                                      "has none, so take them out first (or keep it as attended)"]
    with pytest.raises(ValidationError, match="choose whether the session took place"):
        editing.save_session(edit(store), "2026-01-05", "initial", "", "", "maybe")
    assert store.load(CLIENT).document == before


def test_editing_the_event_lines_keeps_the_people_and_mood_of_an_event_left_as_it_was(store, ana_data):
    ana_data["version"] = 2
    row = {"text": "Row about rent", "people": ["p-dan"], "mood": "worse"}
    ana_data["sessions"][0]["events"] = ["moved house", row]
    store.import_document(parse_document(ana_data), replace=True)
    editing.save_session(edit(store), "2026-01-05", "initial", "", "Row about rent\nnew job")
    saved = store.load(CLIENT).document.session(1)
    assert [e if isinstance(e, str) else e.model_dump(mode="json") for e in saved.events] == [row, "new job"]


def test_a_rating_typed_over_a_copied_tie_marks_it_rated(store):
    store.start_next_session(CLIENT)
    copied = store.load(CLIENT).document.session(2)
    assert [t.rated for t in copied.ties] == [False, False]
    editing.save_cell(Edit(store, CLIENT, 2, editing.page_versions(store.load(CLIENT))), "p-dan", "note",
                      "still money", "arguments about money")
    assert [t.rated for t in store.load(CLIENT).document.session(2).ties] == [False, False]  # a note is no rating
    editing.save_cell(Edit(store, CLIENT, 2, editing.page_versions(store.load(CLIENT))), "p-dan", "support", "5", 4)
    assert [t.rated for t in store.load(CLIENT).document.session(2).ties] == [False, True]


def test_a_carried_rating_that_still_holds_is_confirmed_without_changing_it_and_undone(store):
    store.start_next_session(CLIENT)
    second = Edit(store, CLIENT, 2, editing.page_versions(store.load(CLIENT)))
    assert [row["rated"] for row in editing.grid_rows(store.load(CLIENT).document, 2, names)] == ["no", "no"]
    change = editing.save_cell(second, "p-mum", "rated", "yes", "no")
    mum = store.load(CLIENT).document.session(2).ties[0]
    assert (mum.person, mum.support, mum.conflict, mum.rated) == ("p-mum", 6, 8, True)
    assert editing.describe(change, names) == "rated this session for Mum no → yes"
    with pytest.raises(ValidationError, match="“Rated”"):
        editing.save_cell(Edit(store, CLIENT, 2, editing.page_versions(store.load(CLIENT))), "p-dan", "rated",
                          "maybe", "no")
    undo_latest(store)
    assert [t.rated for t in store.load(CLIENT).document.session(2).ties] == [False, False]


def test_changes_to_the_case_frame_attendance_and_an_inventory_are_described_without_their_words(store):
    store.save_case(CLIENT, {"formulation": "Rows with Dan", "planned_sessions": 12}, expected_version=1)
    case = Change.logged(store.changes(CLIENT)[0])
    assert editing.describe(case, names) == "case frame: planned sessions, formulation"
    store.start_next_session(CLIENT)
    for person in ("p-mum", "p-dan"):
        store.remove_tie(CLIENT, 2, person, store.load(CLIENT).versions[("tie", 2, person)])
    store.update_session(CLIENT, 2, date=store.load(CLIENT).document.session(2).date, phase="initial", notes="",
                         events=[], attendance="did_not_attend", expected_version=store.load(CLIENT).versions[
                             ("session", 2)])
    missed = Change.logged(store.changes(CLIENT)[0])
    assert editing.describe(missed, names) == "session 2: attendance attended → did not attend"
    mum = store.load(CLIENT).document.person("p-mum")
    store.save_person(CLIENT, mum.model_copy(update={"inventory": Inventory(good="listens", as_of=1)}),
                      expected_version=1)
    assert editing.describe(Change.logged(store.changes(CLIENT)[0]), names) == "details of Mum: inventory"


def test_a_session_deleted_and_brought_back_is_said_in_words(store):
    store.start_next_session(CLIENT)
    change = editing.delete_session(dataclasses.replace(edit(store), number=2))
    assert editing.describe(change, names) == "session 2 deleted, with everything recorded in it"
    assert [s.number for s in store.load(CLIENT).document.sessions] == [1]
    back = undo_latest(store)
    assert editing.describe(back, names) == "session 2 back, with everything recorded in it"
    assert [s.number for s in store.load(CLIENT).document.sessions] == [1, 2]


def test_a_session_started_is_undone_in_words(store):
    store.start_next_session(CLIENT)
    assert editing.describe(Change.logged(store.changes(CLIENT)[0]), names) == "session 2 started"
    assert editing.describe(undo_latest(store), names) == "session 2 taken away"
