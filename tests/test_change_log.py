"""The change log: every write recorded in its own transaction, and Undo built on it.

Ana is the DESIGN example: session 1 has Mum (support 6, conflict 8) and Dan (4, 7), linked (1, 7),
and a PHQ-9 of 18. Imported, she is at revision 1; each change below is one more.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from ipt_network.errors import NotFoundError, StaleEditError, ValidationError
from ipt_network.model import (
    Attendance,
    Event,
    EventMood,
    GoalProgress,
    GoalStatus,
    Link,
    Person,
    Risk,
    RiskLevel,
    Tie,
    parse_document,
)
from ipt_network.store import Store
from ipt_network.store.database import make_engine, transaction
from ipt_network.store.migrate import ALEMBIC_INI
from tests.test_store import ROWS_AT_0001

MUM_TIE = {"person": "p-mum", "circle": 1, "support": 6, "conflict": 8, "contact": "weekly", "focus": None,
           "note": "", "rated": True}
LINK = {"a": "p-mum", "b": "p-dan", "support": 1, "conflict": 7}


@pytest.fixture
def ana(store, ana_data):
    store.import_document(parse_document(ana_data))
    return store


def tie(store: Store, person: str) -> dict | None:
    found = [t for t in store.load("c-ana").document.session(1).ties if t.person == person]
    return found[0].model_dump(mode="json") if found else None


def test_an_import_is_the_first_entry(ana):
    (logged,) = ana.changes("c-ana")
    assert logged.change.record == ("client",) and logged.change.before is None
    assert logged.change.after == {"imported": True, "people": 2, "sessions": 1}
    assert logged.revision == 1 and logged.who is None


def test_a_changed_rating_is_logged_before_and_after_with_client_time_and_page(ana):
    start = dt.datetime.now(dt.UTC)
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=7, conflict=8, contact="weekly"),
                 expected_version=1, tab="tab-a")
    logged = ana.changes("c-ana")[0]
    assert logged.client_id == "c-ana" and logged.tab == "tab-a" and logged.who is None
    assert logged.change.record == ("tie", 1, "p-mum")
    assert logged.change.before == MUM_TIE and logged.change.after == {**MUM_TIE, "support": 7}
    assert logged.related == () and logged.revision == 2
    assert start - dt.timedelta(seconds=1) <= logged.at <= dt.datetime.now(dt.UTC)


def test_taking_someone_out_logs_their_links_with_them(ana):
    ana.remove_tie("c-ana", 1, "p-mum", 1)
    logged = ana.changes("c-ana")[0]
    assert logged.change.record == ("tie", 1, "p-mum") and logged.change.after is None
    assert [(c.record, c.before, c.after) for c in logged.related] == [(("link", 1, "p-dan", "p-mum"), LINK, None)]


def test_a_save_that_changes_nothing_logs_nothing(ana):
    ana.save_tie("c-ana", 1, Tie(**MUM_TIE), expected_version=1)
    assert len(ana.changes("c-ana")) == 1


def test_a_refused_edit_logs_nothing(ana):
    with pytest.raises(StaleEditError):
        ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=2, conflict=8), expected_version=7)
    with pytest.raises(ValidationError):
        ana.save_link("c-ana", 1, Link(a="p-mum", b="p-nobody", support=1, conflict=1), expected_version=None)
    assert len(ana.changes("c-ana")) == 1


def test_session_fields_people_and_new_sessions_are_logged(ana):
    ana.update_session("c-ana", 1, date=dt.date(2026, 1, 6), phase="initial", notes="hard week", events=[],
                       expected_version=1)
    ana.save_person("c-ana", Person(id="p-mum", name="Mother", role="parent"), expected_version=1)
    ana.start_next_session("c-ana", dt.date(2026, 1, 12))
    new_session, person, fields = ana.changes("c-ana")[:3]
    assert fields.change.before == {"date": "2026-01-05", "phase": "initial", "attendance": "attended", "notes": "",
                                    "events": [], "goal_progress": [], "risk": None}
    assert fields.change.after == {"date": "2026-01-06", "phase": "initial", "attendance": "attended",
                                   "notes": "hard week", "events": [], "goal_progress": [], "risk": None}
    assert (person.change.before["name"], person.change.after["name"]) == ("Mum", "Mother")
    assert new_session.change.record == ("session", 2) and new_session.change.before is None
    # The copied ties and link come with it: 2 ties + 1 link.
    assert sorted(c.record[0] for c in new_session.related) == ["link", "tie", "tie"]


# --- Undo -------------------------------------------------------------------------------------------


def test_undo_puts_back_what_was_there_and_says_what_it_undid(ana):
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=2, conflict=8, contact="weekly"),
                 expected_version=1)
    number = ana.changes("c-ana")[0].number
    ana.undo("c-ana", number)
    assert tie(ana, "p-mum") == MUM_TIE
    undone = ana.changes("c-ana")[0]
    assert undone.undoes == number
    assert (undone.change.before["support"], undone.change.after["support"]) == (2, 6)


def test_a_risk_record_is_logged_and_undo_takes_it_back_out(ana):
    risk = Risk(assessed=True, level=RiskLevel.LOW, plan_in_place=True, note="passive thoughts, no plan")
    ana.save_risk("c-ana", 1, risk, expected_version=1)
    logged = ana.changes("c-ana")[0]
    assert (logged.change.before["risk"], logged.change.after["risk"]) == (None, risk.model_dump(mode="json"))
    ana.undo("c-ana", logged.number)
    assert ana.load("c-ana").document.sessions[0].risk is None


def test_attendance_goal_progress_and_linked_events_are_logged_and_undone(ana, ana_data):
    ana_data["version"] = 2
    ana_data["client"]["goals"] = [{"id": "g-money", "area": "role_dispute", "text": "Talk about money calmly"}]
    ana.import_document(parse_document(ana_data), replace=True)
    ana.start_next_session("c-ana", dt.date(2026, 1, 12))
    version = ana.load("c-ana").versions[("session", 1)]
    row = Event(text="Row about rent", people=["p-dan"], mood=EventMood.WORSE)
    ana.update_session("c-ana", 1, date=dt.date(2026, 1, 5), phase="initial", notes="", events=["quiet", row],
                       goal_progress=[GoalProgress(goal="g-money", status=GoalStatus.PROGRESSING)],
                       expected_version=version)
    logged = ana.changes("c-ana")[0]
    assert logged.change.after["events"] == ["quiet", {"text": "Row about rent", "people": ["p-dan"],
                                                       "mood": "worse"}]
    assert logged.change.after["goal_progress"] == [{"goal": "g-money", "status": "progressing"}]
    ana.undo("c-ana", logged.number)
    first = ana.load("c-ana").document.session(1)
    assert (first.events, first.goal_progress) == ([], [])
    with pytest.raises(ValidationError, match="a session marked did_not_attend has no ties, links, mood"):
        ana.update_session("c-ana", 1, date=dt.date(2026, 1, 5), phase="initial", notes="", events=[],
                           attendance="did_not_attend", expected_version=ana.load("c-ana").versions[("session", 1)])
    for person in ("p-mum", "p-dan"):
        ana.remove_tie("c-ana", 2, person, ana.load("c-ana").versions[("tie", 2, person)])
    ana.update_session("c-ana", 2, date=dt.date(2026, 1, 12), phase="initial", notes="", events=[],
                       attendance="cancelled", expected_version=ana.load("c-ana").versions[("session", 2)])
    logged = ana.changes("c-ana")[0]
    assert (logged.change.before["attendance"], logged.change.after["attendance"]) == ("attended", "cancelled")
    ana.undo("c-ana", logged.number)
    assert ana.load("c-ana").document.session(2).attendance is Attendance.ATTENDED


def test_undo_of_taking_someone_out_brings_their_links_back(ana):
    ana.remove_tie("c-ana", 1, "p-mum", 1)
    ana.undo("c-ana", ana.changes("c-ana")[0].number)
    session = ana.load("c-ana").document.session(1)
    assert tie(ana, "p-mum") == MUM_TIE
    assert [link.model_dump(mode="json") for link in session.links] == [LINK]


def test_undo_survives_reopening_the_database(db_url, ana):
    ana.save_person("c-ana", Person(id="p-dan", name="Daniel", role="partner"), expected_version=1)
    number = ana.changes("c-ana")[0].number
    ana.close()
    with Store.open(db_url) as reopened:
        reopened.undo("c-ana", number)
        assert reopened.load("c-ana").document.person("p-dan").name == "Dan"


def test_undo_is_refused_when_the_record_changed_since(ana):
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=2, conflict=8), expected_version=1)
    number = ana.changes("c-ana")[0].number
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=3, conflict=8), expected_version=2)
    with pytest.raises(StaleEditError):
        ana.undo("c-ana", number)
    assert tie(ana, "p-mum")["support"] == 3


def test_undo_twice_and_undo_of_an_import_are_refused(ana):
    with pytest.raises(ValidationError, match="cannot be undone"):
        ana.undo("c-ana", ana.changes("c-ana")[0].number)
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=2, conflict=8), expected_version=1)
    number = ana.changes("c-ana")[0].number
    ana.undo("c-ana", number)
    with pytest.raises(ValidationError, match="undone already"):
        ana.undo("c-ana", number)


def test_a_forged_undo_cannot_reach_another_clients_change(ana, ana_data):
    ana_data["client"]["id"] = "c-bea"
    ana.import_document(parse_document(ana_data))
    ana.save_tie("c-bea", 1, Tie(person="p-mum", circle=1, support=2, conflict=8), expected_version=1)
    beas = ana.changes("c-bea")[0].number
    with pytest.raises(NotFoundError):
        ana.undo("c-ana", beas)
    with pytest.raises(NotFoundError):
        ana.undo("c-ana", 10_000)


# --- a second save from the same page -----------------------------------------------------------------


def test_a_second_save_from_the_same_page_is_applied_another_pages_is_refused(ana):
    # Both saves start from version 1: the page had not heard back from the first yet.
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=7, conflict=8), expected_version=1, tab="a")
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=8, conflict=8), expected_version=1, tab="a")
    assert tie(ana, "p-mum")["support"] == 8
    with pytest.raises(StaleEditError):
        ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=9, conflict=8), expected_version=1, tab="b")
    with pytest.raises(StaleEditError):
        ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=9, conflict=8), expected_version=1)


def test_a_record_added_twice_from_the_same_page_is_applied(ana):
    ana.save_person("c-ana", Person(id="p-sis", name="Sis", role="sibling"), expected_version=None, tab="a")
    ana.save_person("c-ana", Person(id="p-sis", name="Sister", role="sibling"), expected_version=None, tab="a")
    assert ana.load("c-ana").document.person("p-sis").name == "Sister"
    with pytest.raises(StaleEditError):
        ana.save_person("c-ana", Person(id="p-sis", name="S", role="sibling"), expected_version=None, tab="b")


def test_a_change_from_another_page_in_between_still_refuses(ana):
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=7, conflict=8), expected_version=1, tab="a")
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=5, conflict=8), expected_version=2, tab="b")
    with pytest.raises(StaleEditError):
        ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=8, conflict=8), expected_version=1, tab="a")


# --- the migration -----------------------------------------------------------------------------------


def test_a_database_from_before_the_log_is_migrated_with_its_data(db_url, ana_data):
    """Built at the revision before the log's migration, holding Ana as earlier edits left her
    (revision 5), then opened: everything is kept, the log starts empty and the next change is logged."""
    config = Config(str(ALEMBIC_INI))
    log_migration = next(s for s in ScriptDirectory.from_config(config).walk_revisions()
                         if s.path.endswith("_change_log.py"))
    engine = make_engine(db_url)
    with transaction(engine, write=True) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, log_migration.down_revision)
        assert "change_log" not in sa.inspect(conn).get_table_names()
        for statement in ROWS_AT_0001:
            conn.execute(sa.text(statement))
        conn.execute(sa.text("UPDATE clients SET revision = 5 WHERE id = 'c-ana'"))
    engine.dispose()
    with Store.open(db_url) as store:
        assert store.load("c-ana").document == parse_document(ana_data)
        assert store.changes("c-ana") == []
        assert store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=7, conflict=8, contact="weekly"),
                              expected_version=4) == 6
        (logged,) = store.changes("c-ana")
        assert (logged.change.before, logged.change.after, logged.revision) == (
            MUM_TIE, {**MUM_TIE, "support": 7}, 6)


def test_the_case_frame_is_saved_with_its_version_logged_and_undone(ana):
    assert ana.load("c-ana").versions[("case",)] == 1
    goals = [{"id": "g-money", "area": "role_dispute", "text": "Talk about money calmly"}]
    version = ana.save_case("c-ana", {"goals": goals, "planned_sessions": 16, "areas_agreed_at": 1},
                            expected_version=1, tab="tab-a")
    assert version == ana.revision("c-ana") == 2
    client = ana.load("c-ana").document.client
    assert (client.planned_sessions, client.goals[0].id, client.areas_agreed_at) == (16, "g-money", 1)
    logged = ana.changes("c-ana")[0]
    assert logged.change.record == ("case",) and logged.tab == "tab-a"
    assert (logged.change.before["goals"], logged.change.after["goals"]) == ([], goals)
    assert (logged.change.before["planned_sessions"], logged.change.after["planned_sessions"]) == (None, 16)
    # Stale: a page still at version 1 is refused; so is a save that breaks a rule, naming it; nothing changes.
    with pytest.raises(StaleEditError):
        ana.save_case("c-ana", {"formulation": "x"}, expected_version=1)
    with pytest.raises(ValidationError, match="area 'grief' is not among the client's problem areas"):
        ana.save_case("c-ana", {"goals": [{"id": "g-1", "area": "grief", "text": "x"}]}, expected_version=2)
    with pytest.raises(ValidationError, match="'label' is not a field of the case frame"):
        ana.save_case("c-ana", {"label": "B"}, expected_version=2)
    assert ana.revision("c-ana") == 2
    ana.undo("c-ana", logged.number)
    client = ana.load("c-ana").document.client
    assert (client.planned_sessions, client.goals, client.areas_agreed_at) == (None, [], None)
    assert ana.changes("c-ana")[0].undoes == logged.number


def test_a_goal_still_followed_in_a_session_cannot_be_taken_away(ana):
    goals = [{"id": "g-money", "area": "role_dispute", "text": "Talk about money calmly"}]
    ana.save_case("c-ana", {"goals": goals}, expected_version=1)
    ana.update_session("c-ana", 1, date=dt.date(2026, 1, 5), phase="initial", notes="", events=[],
                       goal_progress=[GoalProgress(goal="g-money", status=GoalStatus.PROGRESSING)],
                       expected_version=1)
    with pytest.raises(ValidationError, match="session 1, goal progress: goal 'g-money' is not in the client's goals"):
        ana.save_case("c-ana", {"goals": []}, expected_version=2)
    assert ana.load("c-ana").document.client.goals[0].id == "g-money"


# --- a session started, a session deleted, and Undo of both -------------------------------------------


def page_versions(store: Store, client_id: str = "c-ana") -> dict:
    """Every record version as a page that just loaded the client holds them."""
    return store.load(client_id).versions


def test_undo_of_a_session_started_takes_it_away_again(ana):
    ana.start_next_session("c-ana", dt.date(2026, 1, 12))
    started = ana.changes("c-ana")[0]
    ana.undo("c-ana", started.number)
    assert [s.number for s in ana.load("c-ana").document.sessions] == [1]
    undone = ana.changes("c-ana")[0]
    assert undone.undoes == started.number and undone.change.record == ("session", 2)
    assert undone.change.after is None
    # The session and its 2 copied ties and 1 link went: 3 records with it.
    assert sorted(c.record[0] for c in undone.related) == ["link", "tie", "tie"]
    assert ana.start_next_session("c-ana", dt.date(2026, 1, 12)) == 2


def test_undo_of_a_session_started_is_refused_in_words_once_something_was_rated_in_it(ana):
    ana.start_next_session("c-ana", dt.date(2026, 1, 12))
    started = ana.changes("c-ana")[0].number
    ana.save_tie("c-ana", 2, Tie(person="p-mum", circle=1, support=7, conflict=8, contact="weekly"),
                 expected_version=page_versions(ana)[("tie", 2, "p-mum")])
    with pytest.raises(ValidationError, match="session 2 has been recorded in since it was started"):
        ana.undo("c-ana", started)
    assert tie_in(ana, 2, "p-mum")["support"] == 7


def tie_in(store: Store, number: int, person: str) -> dict:
    return next(t for t in store.load("c-ana").document.session(number).ties if t.person == person).model_dump(
        mode="json")


def test_a_deleted_session_comes_back_whole_and_in_its_place_with_undo(ana):
    ana.start_next_session("c-ana", dt.date(2026, 1, 12))
    risk = Risk(assessed=True, level=RiskLevel.LOW, plan_in_place=True, note="passive thoughts, no plan")
    ana.save_risk("c-ana", 1, risk, expected_version=page_versions(ana)[("session", 1)])
    ana.update_session("c-ana", 1, date=dt.date(2026, 1, 5), phase="initial", notes="hard week", events=["row"],
                       expected_version=page_versions(ana)[("session", 1)])
    before = ana.load("c-ana").document
    ana.delete_session("c-ana", 1, expected_versions=page_versions(ana))
    assert [s.number for s in ana.load("c-ana").document.sessions] == [2]
    deleted = ana.changes("c-ana")[0]
    assert deleted.change.record == ("session", 1) and deleted.change.after is None
    assert deleted.change.before["notes"] == "hard week" and deleted.change.before["risk"]["note"] == risk.note
    # Mum's and Dan's ties, their link and the PHQ-9 of 18 went with it.
    assert sorted(c.record for c in deleted.related) == [
        ("link", 1, "p-dan", "p-mum"), ("mood", 1, "PHQ-9"), ("tie", 1, "p-dan"), ("tie", 1, "p-mum")]
    ana.undo("c-ana", deleted.number)
    after = ana.load("c-ana").document
    assert after == before  # the same session 1, back before session 2
    assert after.session(1).mood[0].score == 18 and after.session(1).notes == "hard week"


def test_deleting_a_session_is_refused_when_another_page_recorded_in_it_since(ana):
    seen = page_versions(ana)
    ana.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=2, conflict=8), expected_version=1, tab="other")
    with pytest.raises(StaleEditError):
        ana.delete_session("c-ana", 1, expected_versions=seen, tab="this")
    assert tie(ana, "p-mum")["support"] == 2
    ana.delete_session("c-ana", 1, expected_versions=page_versions(ana), tab="this")
    assert ana.load("c-ana").document.sessions == []


def test_a_deleted_session_whose_number_was_taken_again_stays_deleted(ana):
    ana.start_next_session("c-ana", dt.date(2026, 1, 12))
    ana.delete_session("c-ana", 2, expected_versions=page_versions(ana))
    deleted = ana.changes("c-ana")[0].number
    ana.start_next_session("c-ana", dt.date(2026, 1, 19))
    with pytest.raises(ValidationError, match="a session 2 was started again since"):
        ana.undo("c-ana", deleted)
    assert ana.load("c-ana").document.session(2).date == dt.date(2026, 1, 19)


def test_a_session_the_case_frame_or_an_inventory_names_is_not_taken_away(ana):
    ana.start_next_session("c-ana", dt.date(2026, 1, 12))
    started = ana.changes("c-ana")[0].number
    ana.save_case("c-ana", {"formulation_shared_at": 2}, expected_version=page_versions(ana)[("case",)])
    mum = ana.load("c-ana").document.person("p-mum").model_dump(mode="json")
    ana.save_person("c-ana", Person.model_validate({**mum, "inventory": {"confides": True, "as_of": 2}}),
                    expected_version=page_versions(ana)[("person", "p-mum")])
    said = ("session 2 is where the formulation was shared and an inventory was taken; change that first (in the "
            "Case or Inventory card), then take the session away")
    with pytest.raises(ValidationError) as refused:
        ana.delete_session("c-ana", 2, expected_versions=page_versions(ana))
    assert refused.value.problems == [said]
    with pytest.raises(ValidationError) as refused:  # nor by undoing its start
        ana.undo("c-ana", started)
    assert refused.value.problems == [said]
    assert [s.number for s in ana.load("c-ana").document.sessions] == [1, 2]
