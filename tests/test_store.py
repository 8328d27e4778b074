"""The store against real SQLite files: round trips, every edit path, refusals, errors in words."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from hypothesis import HealthCheck, given, settings
from sqlalchemy import event, text

from benchmarks.synthetic import make_document
from ipt_network.errors import NotFoundError, StaleEditError, StorageError, ValidationError
from ipt_network.formats import json_v1
from ipt_network.model import (
    Attendance,
    Client,
    Instrument,
    Link,
    MoodScore,
    Person,
    Phase,
    Risk,
    RiskLevel,
    Tie,
    parse_document,
)
from ipt_network.store import STALE_MESSAGE, Store, default_db_url, demo_db_url
from ipt_network.store.database import make_engine, transaction
from ipt_network.store.migrate import ALEMBIC_INI
from ipt_network.store.tables import metadata
from tests.strategies import documents
from tests.test_model import case_frame


@pytest.fixture
def ana(store, ana_data):
    """The DESIGN example, stored: client c-ana, session 1 with Mum and Dan tied and linked."""
    doc = parse_document(ana_data)
    store.import_document(doc)
    return doc


def unusual_order(ana_data: dict) -> dict:
    """Ana with people and sessions out of alphabetical / numeric order and a link written b–a."""
    data = ana_data
    data["people"].append({"id": "p-amy", "name": "Amy", "role": "friend", "deceased_on": "2026-02-01",
                           "notes": "école"})
    second = {"number": 2, "date": "2026-01-12", "phase": "initial", "notes": "better week",
              "events": ["new job", "moved"],
              "ties": [{"person": "p-dan", "circle": 2, "support": 5, "conflict": 5},
                       {"person": "p-amy", "circle": 3, "support": 9, "conflict": 0, "contact": "rarely",
                        "focus": "grief"},
                       {"person": "p-mum", "circle": 1, "support": 6, "conflict": 8}],
              "links": [{"a": "p-mum", "b": "p-amy", "support": 3, "conflict": 2},
                        {"a": "p-dan", "b": "p-amy", "support": 0, "conflict": 0}],
              "mood": [{"instrument": "mood-0-10", "score": 4},
                       {"instrument": "GAD-7", "score": 7, "items": [1, 1, 1, 1, 1, 1, 1]}]}
    data["sessions"].insert(0, second)
    return data


def tie_of(store: Store, client_id: str, number: int, person: str) -> Tie | None:
    session = store.load(client_id).document.session(number)
    return next((t for t in session.ties if t.person == person), None)


# --- opening -----------------------------------------------------------------------------------------


def test_pragmas_read_back_on_a_connection(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # 2 = FULL in SQLite's numbering
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_writes_begin_immediate_and_reads_plain_begin(store, ana):
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    store.load("c-ana")
    assert seen[0] == "BEGIN"
    seen.clear()
    store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=7, conflict=8), expected_version=1)
    assert seen[0] == "BEGIN IMMEDIATE"
    seen.clear()
    store.import_document(make_document(people=3, sessions=1, client_id="c-other"))
    assert seen[0] == "BEGIN IMMEDIATE"


def test_migrations_build_exactly_the_tables_the_code_uses(store):
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        head = ScriptDirectory.from_config(Config(str(ALEMBIC_INI))).get_current_head()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head


# Ana (the DESIGN example) as a database at schema 0001 holds her, with versions as earlier edits left
# them (highest: the link, 5), plus Bo with only people (highest 2) and Cy with no records at all.
ROWS_AT_0001 = (
    "INSERT INTO clients (pk, id, label, problem_areas, start_date, notes) VALUES"
    " (1, 'c-ana', 'Ana', '[\"role_dispute\"]', '2026-01-05', ''),"
    " (2, 'c-bo', 'Bo', '[]', '2026-02-02', ''), (3, 'c-cy', 'Cy', '[]', '2026-03-02', '')",
    "INSERT INTO people (pk, client_pk, id, position, name, role, deceased_on, notes, version) VALUES"
    " (1, 1, 'p-mum', 0, 'Mum', 'parent', NULL, '', 2), (2, 1, 'p-dan', 1, 'Dan', 'partner', NULL, '', 1),"
    " (3, 2, 'p-al', 0, 'Al', 'friend', NULL, '', 2)",
    "INSERT INTO sessions (pk, client_pk, number, position, date, phase, notes, events, version) VALUES"
    " (1, 1, 1, 0, '2026-01-05', 'initial', '', '[]', 3)",
    "INSERT INTO ties (pk, session_pk, person_pk, position, circle, support, conflict, contact, focus, note,"
    " version) VALUES (1, 1, 1, 0, 1, 6, 8, 'weekly', NULL, '', 4),"
    " (2, 1, 2, 1, 1, 4, 7, NULL, 'role_dispute', 'arguments about money', 1)",
    # p-mum–p-dan stored as the sorted pair (p-dan = pk 2, p-mum = pk 1), flipped.
    "INSERT INTO links (pk, session_pk, low_pk, high_pk, flipped, position, support, conflict, version)"
    " VALUES (1, 1, 2, 1, 1, 0, 1, 7, 5)",
    "INSERT INTO mood_scores (pk, session_pk, instrument, position, score, items, version)"
    " VALUES (1, 1, 'PHQ-9', 0, 18, '[2, 2, 2, 2, 2, 2, 2, 2, 2]', 1)",
)


def database_at(db_url: str, revision: str, *extra: str) -> None:
    """A database built at an earlier schema ``revision``, holding ``ROWS_AT_0001`` and ``extra`` rows."""
    engine = make_engine(db_url)
    config = Config(str(ALEMBIC_INI))
    with transaction(engine, write=True) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        for statement in (*ROWS_AT_0001, *extra):
            conn.execute(text(statement))
    engine.dispose()


def test_opening_a_0001_database_backfills_revisions_and_keeps_everything(db_url, ana_data):
    database_at(db_url, "0001")
    with Store.open(db_url) as store:
        # Each client's highest version: Ana max(2, 1, 3, 4, 1, 5, 1) = 5, Bo 2, Cy none, so 1.
        assert [store.revision(c) for c in ("c-ana", "c-bo", "c-cy")] == [5, 2, 1]
        course = store.load("c-ana")
        assert course.document == parse_document(ana_data)
        assert course.revision == 5
        # The case frame (migration 0005) starts at the client's revision.
        assert course.versions == {
            ("case",): 5, ("person", "p-mum"): 2, ("person", "p-dan"): 1, ("session", 1): 3, ("tie", 1, "p-mum"): 4,
            ("tie", 1, "p-dan"): 1, ("link", 1, "p-dan", "p-mum"): 5, ("mood", 1, "PHQ-9"): 1}
        assert [s.id for s in store.list_clients()] == ["c-ana", "c-bo", "c-cy"]
        # The next write stamps revision 5 + 1 = 6, above every version handed out before.
        assert store.save_tie("c-ana", 1, Tie(person="p-dan", circle=2, support=4, conflict=7),
                              expected_version=1) == 6


def test_opening_a_0002_database_adds_the_risk_record_and_keeps_every_stored_record(db_url, ana_data):
    database_at(db_url, "0002", "UPDATE clients SET revision = 5 WHERE id = 'c-ana'")
    with Store.open(db_url) as store:
        course = store.load("c-ana")
        # Every record as stored, the versions untouched, and no risk record on the old session.
        assert course.document == parse_document(ana_data)
        assert course.document.sessions[0].risk is None
        assert course.versions[("session", 1)] == 3 and course.versions[("link", 1, "p-dan", "p-mum")] == 5
        assert [s.id for s in store.list_clients()] == ["c-ana", "c-bo", "c-cy"]
        risk = Risk(assessed=True, level=RiskLevel.LOW, plan_in_place=True, note="passive thoughts, no plan")
        assert store.save_risk("c-ana", 1, risk, expected_version=3) == 6
        assert store.load("c-ana").document.sessions[0].risk == risk
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as raw:
        head = ScriptDirectory.from_config(Config(str(ALEMBIC_INI))).get_current_head()
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
        assert raw.execute("SELECT COUNT(*) FROM ties").fetchall() == [(2,)]


def test_opening_a_0004_database_adds_the_case_frame_and_keeps_every_stored_record(db_url, ana_data):
    database_at(db_url, "0004", "UPDATE clients SET revision = 5 WHERE id = 'c-ana'")
    with Store.open(db_url) as store:
        course = store.load("c-ana")
        # Every record as stored, at the defaults of version 2 (a version 1 file reads the same), versions kept.
        assert course.document == parse_document(ana_data)
        assert course.document.client.goals == [] and course.document.person("p-mum").inventory is None
        assert course.document.session(1).attendance is Attendance.ATTENDED
        assert [tie.rated for tie in course.document.session(1).ties] == [True, True]
        assert course.versions[("session", 1)] == 3 and course.versions[("link", 1, "p-dan", "p-mum")] == 5
        assert [s.id for s in store.list_clients()] == ["c-ana", "c-bo", "c-cy"]
        assert store.start_next_session("c-ana", dt.date(2026, 1, 12)) == 2
        assert store.revision("c-ana") == 6
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("0005",)]
        assert raw.execute("SELECT formulation, goals, history, relapse_plan FROM clients WHERE id = 'c-bo'"
                           ).fetchall() == [("", "[]", "[]", None)]
        assert raw.execute("SELECT COUNT(*), SUM(rated) FROM ties").fetchall() == [(4, 2)]
        assert raw.execute("SELECT COUNT(*) FROM people").fetchall() == [(3,)]


def test_a_risk_record_is_saved_refused_when_stale_cleared_and_not_copied_to_the_next_session(store, ana):
    risk = Risk(assessed=True, level=RiskLevel.MEDIUM, plan_in_place=False, note="")
    version = store.save_risk("c-ana", 1, risk, expected_version=1)
    with pytest.raises(StaleEditError):
        store.save_risk("c-ana", 1, None, expected_version=1)
    assert store.load("c-ana").document.sessions[0].risk == risk
    number = store.start_next_session("c-ana")
    assert store.load("c-ana").document.session(number).risk is None
    store.save_risk("c-ana", 1, None, expected_version=version)
    assert store.load("c-ana").document.sessions[0].risk is None
    with pytest.raises(ValidationError, match="a level or a plan is given only when risk was assessed"):
        store.save_risk("c-ana", 2, Risk.model_construct(assessed=False, level=RiskLevel.HIGH,
                                                         plan_in_place=None, note=""),
                        expected_version=store.load("c-ana").versions[("session", 2)])


def test_reopening_keeps_data_and_schema(db_url, ana_data):
    doc = parse_document(ana_data)
    with Store.open(db_url) as first:
        first.import_document(doc)
    with Store.open(db_url) as second:
        assert second.load("c-ana").document == doc


def test_a_bare_path_is_a_sqlite_file(tmp_path, ana_data):
    path = tmp_path / "plain.db"
    with Store.open(str(path)) as store:
        store.import_document(parse_document(ana_data))
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT label FROM clients").fetchall() == [("Ana",)]


def test_default_url_is_the_environment_then_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("IPT_NETWORK_DB", "postgresql+psycopg://me@127.0.0.1/ipt")
    assert default_db_url() == "postgresql+psycopg://me@127.0.0.1/ipt"
    monkeypatch.delenv("IPT_NETWORK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where platformdirs looks on Linux
    assert default_db_url() == f"sqlite:///{tmp_path / 'data' / 'ipt-network' / 'ipt-network.db'}"
    assert (tmp_path / "data" / "ipt-network").is_dir()
    assert demo_db_url() == f"sqlite:///{tmp_path / 'data' / 'ipt-network' / 'ipt-network-demo.db'}"


# --- import and load ---------------------------------------------------------------------------------


def test_round_trip_is_exact_including_order(store, ana_data):
    doc = parse_document(unusual_order(ana_data))
    store.import_document(doc)
    loaded = store.load("c-ana").document
    assert loaded == doc
    assert loaded.model_dump_json() == doc.model_dump_json()
    assert [s.number for s in loaded.sessions] == [2, 1]
    assert [(link.a, link.b) for link in loaded.session(2).links] == [("p-mum", "p-amy"), ("p-dan", "p-amy")]


def test_round_trip_of_a_large_synthetic_client(store):
    doc = make_document(people=30, sessions=6, seed=3)
    store.import_document(doc)
    assert store.load("c-bench").document.model_dump_json() == doc.model_dump_json()


def test_versions_start_at_one_with_sorted_link_keys(store, ana):
    assert store.load("c-ana").versions == {
        ("case",): 1, ("person", "p-mum"): 1, ("person", "p-dan"): 1, ("session", 1): 1,
        ("tie", 1, "p-mum"): 1, ("tie", 1, "p-dan"): 1,
        ("link", 1, "p-dan", "p-mum"): 1,  # written p-mum–p-dan; the key sorts the pair
        ("mood", 1, "PHQ-9"): 1,
    }


def test_unknown_client_is_not_found(store):
    with pytest.raises(NotFoundError, match="no client 'c-nobody'"):
        store.load("c-nobody")
    with pytest.raises(NotFoundError, match="no client 'c-nobody'"):
        store.revision("c-nobody")


def test_existing_client_is_refused_and_kept(store, ana, ana_data):
    ana_data["client"]["label"] = "Someone else"
    with pytest.raises(ValidationError) as refused:
        store.import_document(parse_document(ana_data))
    assert refused.value.problems == ["client 'c-ana' already exists; use --replace to overwrite it"]
    assert store.load("c-ana").document == ana


def test_replace_swaps_the_whole_client_and_moves_versions_past_the_old_ones(store, ana, ana_data):
    store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=7, conflict=8), expected_version=1)
    store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=8, conflict=8), expected_version=2)
    ana_data["people"] = ana_data["people"][:1]
    ana_data["sessions"][0]["ties"] = ana_data["sessions"][0]["ties"][:1]
    ana_data["sessions"][0]["links"] = []
    smaller = parse_document(ana_data)
    store.import_document(smaller, replace=True)
    course = store.load("c-ana")
    assert course.document == smaller
    # The old revision was 3 (1 at import, +1 per save, two saves), so everything starts at 4.
    assert store.revision("c-ana") == course.revision == 4
    assert set(course.versions.values()) == {4}
    with pytest.raises(StaleEditError):
        store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=0, conflict=0), expected_version=3)


def test_a_failing_import_leaves_nothing(store, ana, ana_data):
    """A document that the database refuses half-way (a forged rating) changes nothing at all."""
    forged = parse_document(ana_data)
    session = forged.sessions[0]
    bad_tie = Tie.model_construct(person="p-mum", circle=1, support=12, conflict=0, contact=None, focus=None,
                                  note="")
    forged = forged.model_copy(update={"sessions": [session.model_copy(update={"ties": [bad_tie]})]})
    with pytest.raises(StorageError, match="breaks one of its rules"):
        store.import_document(forged, replace=True)
    assert store.load("c-ana").document == ana
    with pytest.raises(StorageError):
        store.import_documents([make_document(people=3, sessions=2, client_id="c-new"),
                                forged.model_copy(update={"client": forged.client.model_copy(
                                    update={"id": "c-forged"})})])
    assert [s.id for s in store.list_clients()] == ["c-ana"]


def test_import_of_several_refuses_a_client_given_twice(store, ana_data):
    doc = parse_document(ana_data)
    with pytest.raises(ValidationError, match="client 'c-ana' is given more than once"):
        store.import_documents([doc, doc])
    assert store.list_clients() == []


def test_list_clients_sorted_by_label_with_counts_and_search(store):
    store.import_documents([
        make_document(people=4, sessions=3, client_id="c-2"),
        make_document(people=4, sessions=1, client_id="c-1"),
    ])
    store.create_client(Client(id="zz-9", label="abel", start_date=dt.date(2026, 3, 1),
                               problem_areas=["grief"]))
    found = store.list_clients()
    # Labels "Benchmark client" (twice) and "abel": case is ignored, so "abel" first, then by id.
    assert [(s.id, s.label, s.session_count, s.last_session_date) for s in found] == [
        ("zz-9", "abel", 0, None),
        ("c-1", "Benchmark client", 1, dt.date(2026, 1, 5)),
        ("c-2", "Benchmark client", 3, dt.date(2026, 1, 19)),  # session 3: 5 Jan + 2 weeks
    ]
    assert found[0].problem_areas == ("grief",)
    assert [s.id for s in store.list_clients("ZZ")] == ["zz-9"]
    assert [s.id for s in store.list_clients("MARK")] == ["c-1", "c-2"]
    assert store.list_clients("nothing like it") == []


def test_create_client_refuses_an_existing_id(store, ana):
    with pytest.raises(ValidationError, match="client 'c-ana' already exists; choose another id"):
        store.create_client(Client(id="c-ana", label="Other", start_date=dt.date(2026, 1, 1)))


# --- revision --------------------------------------------------------------------------------------------


def test_revision_moves_on_once_per_written_edit_and_stamps_what_it_wrote(store, ana):
    assert store.revision("c-ana") == store.load("c-ana").revision == 1  # a new client starts at 1
    # One transaction writing four rows (session 2, its two ties, its link) is one step: 1 -> 2.
    store.start_next_session("c-ana", dt.date(2026, 1, 12))
    assert store.revision("c-ana") == 2
    assert store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=7, conflict=8),
                          expected_version=1) == 3
    course = store.load("c-ana")
    assert course.revision == store.revision("c-ana") == 3
    assert course.versions == {
        ("case",): 1, ("person", "p-mum"): 1, ("person", "p-dan"): 1, ("session", 1): 1,  # untouched since import
        ("tie", 1, "p-mum"): 3, ("tie", 1, "p-dan"): 1, ("link", 1, "p-dan", "p-mum"): 1, ("mood", 1, "PHQ-9"): 1,
        ("session", 2): 2, ("tie", 2, "p-mum"): 2, ("tie", 2, "p-dan"): 2, ("link", 2, "p-dan", "p-mum"): 2,
    }


def test_an_edit_that_changes_nothing_or_is_refused_leaves_the_revision(store, ana):
    assert store.save_tie("c-ana", 1, ana.session(1).ties[0], expected_version=1) == 1
    assert store.save_person("c-ana", ana.person("p-dan"), expected_version=1) == 1
    with pytest.raises(ValidationError):
        store.update_session("c-ana", 1, date=dt.date(2026, 1, 7), phase="ending", notes="", events=[],
                             expected_version=1)
    with pytest.raises(StaleEditError):
        store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=0, conflict=0), expected_version=7)
    assert store.revision("c-ana") == 1
    assert set(store.load("c-ana").versions.values()) == {1}


def test_a_tie_removed_and_added_again_refuses_an_edit_of_the_old_one(store, ana):
    dan = ana.session(1).ties[1]
    store.remove_tie("c-ana", 1, "p-dan", expected_version=1)  # revision 1 -> 2: a removal is a change
    assert store.revision("c-ana") == 2
    assert store.save_tie("c-ana", 1, dan, expected_version=None) == 3
    # A tab opened before the removal still holds version 1 of Dan's tie. Had the re-added tie
    # restarted at version 1, this save would overwrite it; it now has 3, so the save is refused.
    with pytest.raises(StaleEditError):
        store.save_tie("c-ana", 1, dan.model_copy(update={"support": 0}), expected_version=1)
    assert tie_of(store, "c-ana", 1, "p-dan") == dan
    assert store.revision("c-ana") == 3


# --- sessions ------------------------------------------------------------------------------------------


def test_next_session_copies_ties_and_links_only(store, ana, ana_data):
    number = store.start_next_session("c-ana", dt.date(2026, 1, 12))
    assert number == 2
    course = store.load("c-ana")
    first, second = course.document.session(1), course.document.session(2)
    assert second.ties == [tie.model_copy(update={"rated": False}) for tie in first.ties]
    assert all(tie.rated for tie in first.ties)
    assert second.links == first.links
    assert (second.date, second.phase, second.notes, second.events, second.mood) == (
        dt.date(2026, 1, 12), Phase.INITIAL, "", [], [])
    assert course.versions[("tie", 2, "p-dan")] == 2  # revision 1 at import, 2 for the new session
    assert store.start_next_session("c-ana") == 3
    assert store.load("c-ana").document.session(3).date == dt.date.today()


def test_next_session_after_a_missed_one_copies_the_last_attended_and_a_rating_marks_a_tie_rated(store, ana_data):
    ana_data["version"] = 2
    ana_data["sessions"][0]["goal_progress"] = []
    ana_data["sessions"].append({"number": 2, "date": "2026-01-12", "phase": "initial",
                                 "attendance": "did_not_attend", "events": ["ill"]})
    store.import_document(parse_document(ana_data))
    assert store.start_next_session("c-ana", dt.date(2026, 1, 19)) == 3
    course = store.load("c-ana")
    third = course.document.session(3)
    assert [(tie.person, tie.support, tie.rated) for tie in third.ties] == [("p-mum", 6, False), ("p-dan", 4, False)]
    assert third.links == course.document.session(1).links
    assert (third.attendance, third.events) == (Attendance.ATTENDED, [])
    rated = Tie(person="p-dan", circle=1, support=5, conflict=7, focus="role_dispute", note="arguments about money")
    store.save_tie("c-ana", 3, rated, expected_version=course.versions[("tie", 3, "p-dan")])
    assert [tie.rated for tie in store.load("c-ana").document.session(3).ties] == [False, True]


def test_the_case_frame_round_trips_through_the_store_exactly(store, ana_data):
    data = case_frame(ana_data)
    doc = parse_document(data)
    store.import_document(doc)
    loaded = store.load("c-ana").document
    assert json_v1.dumps(loaded) == json_v1.dumps(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(documents(max_people=4, max_sessions=3))
def test_random_documents_round_trip_through_the_store(store, doc):
    store.import_document(doc, replace=True)
    assert json_v1.dumps(store.load(doc.client.id).document) == json_v1.dumps(doc)


def test_first_session_of_a_new_client_is_empty_on_the_start_date(store):
    store.create_client(Client(id="c-new", label="New", start_date=dt.date(2026, 2, 2)))
    assert store.start_next_session("c-new") == 1
    session = store.load("c-new").document.session(1)
    assert (session.date, session.phase, session.ties, session.links) == (dt.date(2026, 2, 2), Phase.INITIAL,
                                                                          [], [])


def test_update_session_and_refusals(store, ana):
    version = store.update_session("c-ana", 1, date=dt.date(2026, 1, 6), phase=Phase.MIDDLE, notes="calmer",
                                   events=["job interview"], expected_version=1)
    assert version == 2
    session = store.load("c-ana").document.session(1)
    assert (session.date, session.phase, session.notes, session.events) == (
        dt.date(2026, 1, 6), Phase.MIDDLE, "calmer", ["job interview"])
    assert session.ties == ana.session(1).ties
    with pytest.raises(StaleEditError):
        store.update_session("c-ana", 1, date=dt.date(2026, 1, 7), phase="middle", notes="", events=[],
                             expected_version=1)
    with pytest.raises(ValidationError, match="session 1: phase must be"):
        store.update_session("c-ana", 1, date=dt.date(2026, 1, 7), phase="ending", notes="", events=[],
                             expected_version=2)
    with pytest.raises(NotFoundError, match="client 'c-ana' has no session 9"):
        store.update_session("c-ana", 9, date=dt.date(2026, 1, 7), phase="middle", notes="", events=[],
                             expected_version=1)
    assert store.load("c-ana").document.session(1) == session


# --- ties ------------------------------------------------------------------------------------------------


def test_save_tie_updates_then_refuses_a_stale_version(store, ana):
    assert store.save_tie("c-ana", 1, Tie(person="p-mum", circle=2, support=7, conflict=3),
                          expected_version=1) == 2
    assert tie_of(store, "c-ana", 1, "p-mum") == Tie(person="p-mum", circle=2, support=7, conflict=3)
    with pytest.raises(StaleEditError) as stale:
        store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=0, conflict=0), expected_version=1)
    assert str(stale.value) == STALE_MESSAGE
    with pytest.raises(StaleEditError):  # None means "new", but there is one already
        store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=0, conflict=0), expected_version=None)
    assert tie_of(store, "c-ana", 1, "p-mum").support == 7
    assert store.load("c-ana").versions[("tie", 1, "p-mum")] == 2


def test_saving_an_unchanged_tie_keeps_its_version(store, ana):
    assert store.save_tie("c-ana", 1, ana.session(1).ties[0], expected_version=1) == 1
    assert store.load("c-ana").versions[("tie", 1, "p-mum")] == 1


def test_new_tie_appends_in_order(store, ana):
    store.save_person("c-ana", Person(id="p-amy", name="Amy", role="friend"), expected_version=None)
    # Revision 1 at import, 2 for Amy, 3 for her tie: a new record takes the client's new revision.
    assert store.save_tie("c-ana", 1, Tie(person="p-amy", circle=3, support=9, conflict=1),
                          expected_version=None) == 3
    assert [t.person for t in store.load("c-ana").document.session(1).ties] == ["p-mum", "p-dan", "p-amy"]


def test_invalid_ties_are_refused_naming_record_and_field(store, ana):
    out_of_range = Tie.model_construct(person="p-mum", circle=1, support=12, conflict=0, contact=None,
                                       focus=None, note="")
    with pytest.raises(ValidationError) as refused:
        store.save_tie("c-ana", 1, out_of_range, expected_version=1)
    assert refused.value.problems == ["session 1, tie for 'p-mum': support must be an integer 0–10, got 12"]
    with pytest.raises(ValidationError, match="person 'p-who' is not in people"):
        store.save_tie("c-ana", 1, Tie(person="p-who", circle=1, support=1, conflict=1), expected_version=None)
    assert store.load("c-ana").document == ana


def test_remove_tie_takes_the_persons_links_with_it(store, ana):
    store.remove_tie("c-ana", 1, "p-dan", expected_version=1)
    course = store.load("c-ana")
    assert [t.person for t in course.document.session(1).ties] == ["p-mum"]
    assert course.document.session(1).links == []
    assert ("link", 1, "p-dan", "p-mum") not in course.versions
    assert [p.id for p in course.document.people] == ["p-mum", "p-dan"]  # the person stays
    with pytest.raises(StaleEditError):  # already gone
        store.remove_tie("c-ana", 1, "p-dan", expected_version=1)


# --- links ------------------------------------------------------------------------------------------------


def test_link_written_the_other_way_is_the_same_pair(store, ana):
    version = store.save_link("c-ana", 1, Link(a="p-dan", b="p-mum", support=4, conflict=2), expected_version=1)
    assert version == 2
    links = store.load("c-ana").document.session(1).links
    assert links == [Link(a="p-dan", b="p-mum", support=4, conflict=2)]
    store.remove_link("c-ana", 1, "p-mum", "p-dan", expected_version=2)
    assert store.load("c-ana").document.session(1).links == []


def test_link_to_someone_without_a_tie_that_session_is_refused(store, ana):
    store.save_person("c-ana", Person(id="p-amy", name="Amy", role="friend"), expected_version=None)
    with pytest.raises(ValidationError) as refused:
        store.save_link("c-ana", 1, Link(a="p-mum", b="p-amy", support=5, conflict=0), expected_version=None)
    assert refused.value.problems == [
        "session 1, link 'p-mum'–'p-amy': 'p-amy' has no tie in this session, so cannot be linked"]
    assert store.load("c-ana").document.session(1).links == ana.session(1).links


def test_stale_link_edit_is_refused(store, ana):
    store.save_link("c-ana", 1, Link(a="p-mum", b="p-dan", support=2, conflict=7), expected_version=1)
    with pytest.raises(StaleEditError):
        store.save_link("c-ana", 1, Link(a="p-mum", b="p-dan", support=9, conflict=7), expected_version=1)
    with pytest.raises(StaleEditError):
        store.remove_link("c-ana", 1, "p-mum", "p-dan", expected_version=1)
    assert store.load("c-ana").document.session(1).links[0].support == 2


# --- mood ----------------------------------------------------------------------------------------------------


def test_mood_add_change_remove(store, ana):
    gad = MoodScore(instrument=Instrument.GAD7, score=8, items=[2, 2, 1, 1, 1, 1, 0])  # 2+2+1+1+1+1+0 = 8
    assert store.save_mood("c-ana", 1, gad, expected_version=None) == 2  # revision 1 at import, 2 now
    lower = MoodScore(instrument="PHQ-9", score=9, items=[1] * 9)  # nine items of 1 = 9
    assert store.save_mood("c-ana", 1, lower, expected_version=1) == 3
    assert store.load("c-ana").document.session(1).mood == [lower, gad]
    store.remove_mood("c-ana", 1, "GAD-7", expected_version=2)
    assert store.load("c-ana").document.session(1).mood == [lower]


def test_mood_whose_items_do_not_add_up_is_refused(store, ana):
    wrong = MoodScore(instrument="PHQ-9", score=10, items=[1] * 9)
    with pytest.raises(ValidationError) as refused:
        store.save_mood("c-ana", 1, wrong, expected_version=1)
    assert refused.value.problems == [
        "session 1, mood PHQ-9: score 10 does not equal the sum of the items (9)"]
    assert store.load("c-ana").document == ana


# --- people --------------------------------------------------------------------------------------------------


def test_save_person_creates_and_updates(store, ana):
    # Revision 1 at import, 2 for Amy, 3 for Mum's new name.
    assert store.save_person("c-ana", Person(id="p-amy", name="Amy", role="friend"), expected_version=None) == 2
    assert store.save_person("c-ana", Person(id="p-mum", name="Mother", role="parent", notes="lives nearby"),
                             expected_version=1) == 3
    people = store.load("c-ana").document.people
    assert [(p.id, p.name) for p in people] == [("p-mum", "Mother"), ("p-dan", "Dan"), ("p-amy", "Amy")]
    with pytest.raises(StaleEditError):
        store.save_person("c-ana", Person(id="p-mum", name="Mum", role="parent"), expected_version=1)
    with pytest.raises(ValidationError, match="the client id is also used by a person"):
        store.save_person("c-ana", Person(id="c-ana", name="Me", role="other"), expected_version=None)


def test_a_deceased_person_keeps_their_history(store, ana):
    store.start_next_session("c-ana", dt.date(2026, 1, 12))
    # Revision 1 at import, 2 for session 2, 3 for the death; Mum's own version was still 1.
    assert store.mark_deceased("c-ana", "p-mum", dt.date(2026, 1, 20), expected_version=1) == 3
    doc = store.load("c-ana").document
    assert doc.person("p-mum").deceased_on == dt.date(2026, 1, 20)
    assert [t.person for s in doc.sessions for t in s.ties] == ["p-mum", "p-dan", "p-mum", "p-dan"]
    assert doc.session(1) == ana.session(1)
    with pytest.raises(NotFoundError, match="client 'c-ana' has no person 'p-who'"):
        store.mark_deceased("c-ana", "p-who", dt.date(2026, 1, 20), expected_version=None)


# --- errors in words ------------------------------------------------------------------------------------------


def test_a_database_from_a_newer_version_is_refused(db_url, tmp_path):
    Store.open(db_url).close()
    with sqlite3.connect(tmp_path / "ipt.db") as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StorageError, match="written by a newer version of ipt-network"):
        Store.open(db_url)


def test_a_locked_database_says_it_is_busy(store, ana, tmp_path):
    """Another program holding the write lock past the 5 s busy timeout (this test waits that long)."""
    holder = sqlite3.connect(tmp_path / "ipt.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="the database is busy"):
            store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=1, conflict=1), expected_version=1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.load("c-ana").document == ana


def test_a_full_disk_is_reported_and_nothing_is_saved(store, ana):
    def no_room_to_grow(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

    store.engine.dispose()  # new connections get a page limit: SQLite then reports "database or disk is full"
    event.listen(store.engine, "connect", no_room_to_grow)
    with pytest.raises(StorageError, match="the disk holding the database is full"):
        store.import_document(make_document(people=60, sessions=16))
    assert [s.id for s in store.list_clients()] == ["c-ana"]


def test_an_unreachable_server_is_reported():
    with pytest.raises(StorageError, match="the database server cannot be reached") as failed:
        Store.open("postgresql+psycopg://someone:secret@127.0.0.1:1/ipt")
    assert "secret" not in str(failed.value)


def test_a_malformed_url_is_reported():
    with pytest.raises(StorageError, match="cannot use the database URL"):
        Store.open("nosuchdriver://x/y")


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 200)
    with pytest.raises(StorageError, match="not an ipt-network database, or it is damaged"):
        Store.open(str(path))


# --- fork ------------------------------------------------------------------------------------------------------


def test_a_forked_child_opens_its_own_connections(store, ana):
    store.load("c-ana")
    assert store.engine.pool.checkedin() == 1  # the parent's pooled connection
    pid = os.fork()
    if pid == 0:  # child: must not reuse the parent's connection
        try:
            fresh = store.engine.pool.checkedin() == 0
            store.save_tie("c-ana", 1, Tie(person="p-mum", circle=1, support=2, conflict=2), expected_version=1)
            os._exit(0 if fresh else 3)
        except BaseException:
            os._exit(4)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert tie_of(store, "c-ana", 1, "p-mum").support == 2  # the parent's connection still works
