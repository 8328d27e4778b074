"""The repository: every read and write the CLI and the dashboard make, one transaction per action.

Edits are checked the same way whatever their kind: inside the write transaction the affected
part of the client is read, the change is applied to plain data, the result goes through
``parse_document`` (the model's single door, so an edit obeys exactly the rules an import
does), and only then are the changed rows written. An edit names the version of the record it
started from; if the record has moved on since, it is refused rather than overwriting the
other change, unless every change since was made from the same page (``tab``): a person who
saves twice in quick succession is not refused because the page had not heard back from the
first save yet. Every write moves the client's revision on by one and stamps the rows it writes
with it, so versions never repeat within a client, and records what it changed in the change log
in the same transaction; Undo is built on that log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from ipt_network.errors import NotFoundError, StaleEditError, ValidationError
from ipt_network.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    HAPPENED_AT,
    Attendance,
    Client,
    Document,
    Event,
    GoalProgress,
    Instrument,
    Link,
    MoodScore,
    Person,
    Phase,
    ProblemArea,
    Risk,
    Tie,
    parse_document,
    scrub,
    session_references,
)
from ipt_network.store import changes, rows
from ipt_network.store.changes import LoggedChange, RecordChange
from ipt_network.store.database import make_engine, resolve_url, transaction
from ipt_network.store.migrate import upgrade_to_head
from ipt_network.words import list_in_words

STALE_MESSAGE = "this was changed elsewhere (another tab?) since you opened it; reload to see the latest"
UNDO_KINDS = {"tie", "link", "mood", "session", "person", "case"}


@dataclass(frozen=True)
class ClientSummary:
    """One line of the client list."""

    id: str
    label: str
    problem_areas: tuple[ProblemArea, ...]
    start_date: dt.date
    session_count: int
    last_session_date: dt.date | None


@dataclass(frozen=True)
class Course:
    """A client's whole record as stored, with the version of every editable record.

    ``versions`` keys: ``("case",)`` (the client's case frame), ``("person", id)``, ``("session", n)``,
    ``("tie", n, person)``, ``("link", n, a, b)`` with ``a < b``, ``("mood", n, instrument)`` (the
    instrument's text).
    ``revision`` is the client's revision the document was read at (see ``Store.revision``).
    """

    document: Document
    versions: dict[tuple, int]
    revision: int


def _put(records: list[dict], record: dict, same: Callable[[dict], bool]) -> None:
    """Replace the record that ``same`` picks, in place, or append ``record`` if there is none."""
    for i, existing in enumerate(records):
        if same(existing):
            records[i] = record
            return
    records.append(record)


def _is_pair(a: str, b: str) -> Callable[[dict], bool]:
    return lambda link: {link["a"], link["b"]} == {a, b}


class Store:
    """A database of clients. Make one with ``Store.open``; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating if needed) the database at ``url`` and bring its schema up to date.

        ``None`` means ``IPT_NETWORK_DB`` or the per-user file; a bare path means a SQLite file.
        """
        engine = make_engine(resolve_url(url))
        try:
            with transaction(engine, write=True) as conn:
                upgrade_to_head(conn)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------------------------

    def list_clients(self, search: str | None = None) -> list[ClientSummary]:
        """Every client, by label; ``search`` keeps those whose id or label contains it (any case).

        Labels stored before the text rule come back repaired, as ``load`` gives them.
        """
        with transaction(self.engine, write=False) as conn:
            found = rows.client_rows(conn)
        term = (search or "").strip().casefold()
        summaries = [
            ClientSummary(row.id, scrub(row.label, named=True), tuple(ProblemArea(a) for a in row.problem_areas),
                          row.start_date, row.sessions, row.last)
            for row in found if term in row.id.casefold() or term in row.label.casefold()]
        return sorted(summaries, key=lambda s: (s.label.casefold(), s.id))

    def load(self, client_id: str) -> Course:
        """The client's document exactly as imported and edited, with record versions."""
        with transaction(self.engine, write=False) as conn:
            snapshot = rows.read_snapshot(conn, client_id)
        return Course(snapshot.document, {key: ref.version for key, ref in snapshot.rows.items()}, snapshot.revision)

    def revision(self, client_id: str) -> int:
        """The client's revision: one more after every committed change, from any tab, worker or command.

        A copy made from ``load`` is current exactly while this still equals its ``Course.revision``;
        asking costs one indexed single-row read, so a cache can check before every use instead of
        loading the whole client again.
        """
        with transaction(self.engine, write=False) as conn:
            return rows.require_client(conn, client_id).revision

    # --- whole clients -------------------------------------------------------------------------------

    def import_document(self, doc: Document, replace: bool = False) -> None:
        """Store a whole client in one transaction: all of it or, on any failure, none of it.

        A new client starts at revision 1. An existing client is refused unless ``replace``; a
        replaced client takes the next revision, above every version the old records had, so a tab
        still showing the old data cannot save over it.
        """
        self.import_documents([doc], replace)

    def import_documents(self, docs: Iterable[Document], replace: bool = False) -> None:
        """Store several whole clients in one transaction: all of them or none (as ``import_document``)."""
        docs = list(docs)
        ids = [doc.client.id for doc in docs]
        repeated = sorted({client_id for client_id in ids if ids.count(client_id) > 1})
        if repeated:
            raise ValidationError([f"client '{client_id}' is given more than once" for client_id in repeated])
        with transaction(self.engine, write=True) as conn:
            for doc in docs:
                existing = rows.find_client(conn, doc.client.id, lock=True)
                revision = 1
                if existing is not None:
                    if not replace:
                        raise ValidationError(
                            f"client '{doc.client.id}' already exists; use --replace to overwrite it")
                    revision = existing.revision + 1
                    rows.remove_client(conn, existing.pk)
                rows.insert_document(conn, doc, revision)
                before = {"revision": existing.revision} if existing is not None else None
                changes.record(conn, doc.client.id, revision, [RecordChange(("client",), before, {
                    "imported": True, "people": len(doc.people), "sessions": len(doc.sessions)})], main=("client",))

    def create_client(self, client: Client) -> None:
        """A new client with no people and no sessions yet."""
        doc = parse_document({"format": FORMAT_NAME, "version": FORMAT_VERSION,
                              "client": client.model_dump(mode="json")})
        with transaction(self.engine, write=True) as conn:
            if rows.find_client(conn, client.id, lock=True) is not None:
                raise ValidationError(f"client '{client.id}' already exists; choose another id")
            rows.insert_document(conn, doc, 1)
            changes.record(conn, client.id, 1, [RecordChange(("client",), None, doc.client.model_dump(mode="json"))],
                           main=("client",))

    def start_next_session(self, client_id: str, date: dt.date | None = None) -> int:
        """Add the session after the last one, starting as a copy of the ties and links of the last session
        attended; returns its number.

        The copied ties are marked not rated (``rated: false``) until someone rates them, so a run of
        copies is not read as a run of ratings. Phase is copied; it is attended; notes, events, goal
        progress and mood start empty; ``date`` defaults to today. The first session of a client starts
        empty, dated the client's start date unless ``date`` is given.
        """
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions="last", lock=True)
            if snapshot.document.sessions and not snapshot.document.sessions[-1].attended:
                snapshot = rows.read_snapshot(conn, client_id, sessions="all", lock=True)
            if snapshot.document.sessions:
                last = max(snapshot.document.sessions, key=lambda s: s.number)
                copied = max((s for s in snapshot.document.sessions if s.attended), key=lambda s: s.number,
                             default=last).model_dump(mode="json")
                data = {**last.model_dump(mode="json"), "number": last.number + 1, "date": date or dt.date.today(),
                        "attendance": Attendance.ATTENDED, "notes": "", "events": [], "goal_progress": [],
                        "mood": [], "risk": None, "links": copied["links"],
                        "ties": [{**tie, "rated": False} for tie in copied["ties"]]}
            else:
                data = {"number": 1, "date": date or snapshot.document.client.start_date, "phase": Phase.INITIAL}
            session = self._validated(snapshot, sessions=[data]).sessions[0]
            written = rows.write_session(conn, snapshot, None, session)
            changes.record(conn, client_id, snapshot.next_revision, written.changes,
                           main=rows.session_key(session.number))
        return session.number

    def delete_session(self, client_id: str, number: int, *, expected_versions: Mapping[tuple, int | None],
                       tab: str | None = None) -> None:
        """Delete one session and everything recorded in it (ties, links, mood, notes, events, goal
        progress, risk), logged as one change so Undo brings all of it back.

        ``expected_versions`` are the versions of the session's records the page holds: refused as
        stale when any of them moved on since, or a record was added the page never showed (unless
        the same page made those changes), so nobody deletes what they have not seen.
        """
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions=number, lock=True)
            snapshot.session(number)
            for key in snapshot.rows:
                if rows.in_session(key, number):
                    _check_version(conn, snapshot, key, expected_versions.get(key), tab)
            _check_unnamed(snapshot.document, number)
            removed = rows.delete_session(conn, snapshot, number)
            changes.record(conn, client_id, snapshot.next_revision, removed, main=rows.session_key(number), tab=tab)

    # --- edits of one record -------------------------------------------------------------------------

    def save_tie(self, client_id: str, session: int, tie: Tie, *, expected_version: int | None,
                 tab: str | None = None) -> int:
        """Add or change the client's tie to one person in one session; returns its new version."""
        record = tie.model_dump(mode="json")
        return self._edit_session(
            client_id, session, ("tie", session, tie.person), expected_version,
            lambda data: _put(data["ties"], record, lambda t: t["person"] == tie.person), tab)

    def remove_tie(self, client_id: str, session: int, person_id: str, expected_version: int | None, *,
                   tab: str | None = None) -> None:
        """Take a person out of one session's network, with their links in that session."""

        def change(data: dict) -> None:
            data["ties"] = [t for t in data["ties"] if t["person"] != person_id]
            data["links"] = [link for link in data["links"] if person_id not in (link["a"], link["b"])]

        self._edit_session(client_id, session, ("tie", session, person_id), expected_version, change, tab)

    def save_link(self, client_id: str, session: int, link: Link, *, expected_version: int | None,
                  tab: str | None = None) -> int:
        """Add or change how two people get on in one session; returns its new version."""
        record = link.model_dump(mode="json")
        return self._edit_session(
            client_id, session, ("link", session, *sorted((link.a, link.b))), expected_version,
            lambda data: _put(data["links"], record, _is_pair(link.a, link.b)), tab)

    def remove_link(self, client_id: str, session: int, a: str, b: str, expected_version: int | None, *,
                    tab: str | None = None) -> None:
        """Remove the link between two people (in either order) in one session."""

        def change(data: dict) -> None:
            data["links"] = [link for link in data["links"] if not _is_pair(a, b)(link)]

        self._edit_session(client_id, session, ("link", session, *sorted((a, b))), expected_version, change, tab)

    def save_mood(self, client_id: str, session: int, mood: MoodScore, *, expected_version: int | None,
                  tab: str | None = None) -> int:
        """Add or change one instrument's score in one session; returns its new version."""
        record = mood.model_dump(mode="json")
        instrument = str(mood.instrument)
        return self._edit_session(
            client_id, session, ("mood", session, instrument), expected_version,
            lambda data: _put(data["mood"], record, lambda m: m["instrument"] == instrument), tab)

    def remove_mood(self, client_id: str, session: int, instrument: Instrument | str,
                    expected_version: int | None, *, tab: str | None = None) -> None:
        """Remove one instrument's score from one session."""
        name = str(instrument)

        def change(data: dict) -> None:
            data["mood"] = [m for m in data["mood"] if m["instrument"] != name]

        self._edit_session(client_id, session, ("mood", session, name), expected_version, change, tab)

    def update_session(self, client_id: str, number: int, *, date: dt.date, phase: Phase | str, notes: str,
                       events: Iterable[str | Event | dict], expected_version: int | None, tab: str | None = None,
                       attendance: Attendance | str | None = None,
                       goal_progress: Iterable[GoalProgress] | None = None) -> int:
        """Change a session's date, phase, notes and life events, and when given its attendance and the
        goals' progress; returns its new version. A session marked not attended must hold no ties,
        links or mood (refused otherwise, as on import), except the copy "start next session" made:
        when every tie in it is still not rated and no mood is recorded, the copy goes, links with it,
        in the same change (so Undo brings it back)."""
        own = {"events": [event.model_dump(mode="json") if isinstance(event, Event) else event for event in events]}
        if attendance is not None:
            own["attendance"] = attendance
        if goal_progress is not None:
            own["goal_progress"] = [progress.model_dump(mode="json") for progress in goal_progress]

        def change(data: dict) -> None:
            data.update(date=date, phase=phase, notes=notes, **own)
            copy_only = all(not tie.get("rated", True) for tie in data["ties"]) and not data["mood"]
            if data["attendance"] != Attendance.ATTENDED and copy_only:
                data.update(ties=[], links=[])

        return self._edit_session(client_id, number, rows.session_key(number), expected_version, change, tab)

    def save_risk(self, client_id: str, number: int, risk: Risk | None, *, expected_version: int | None,
                  tab: str | None = None) -> int:
        """Record (or, with ``None``, clear) the therapist's risk record of a session; returns the session's
        new version (the record is part of the session's row)."""
        record = risk.model_dump(mode="json") if risk else None

        def change(data: dict) -> None:
            data["risk"] = record

        return self._edit_session(client_id, number, rows.session_key(number), expected_version, change, tab)

    def save_person(self, client_id: str, person: Person, *, expected_version: int | None,
                    tab: str | None = None) -> int:
        """Add a person, or change one's name, role, notes or date of death; returns the new version."""
        record = person.model_dump(mode="json")
        return self._edit_person(client_id, person.id, expected_version, lambda _old: record, tab)

    def change_person(self, client_id: str, person_id: str, fields: Mapping[str, Any], *,
                      expected_version: int | None, tab: str | None = None) -> int:
        """Change some fields of a person (name, role, notes, date of death), merged into the record as
        stored inside the transaction: two quick saves from one page (a rename, then a date of death)
        each keep the other's field. Returns the new version."""

        def change(old: dict | None) -> dict:
            if old is None:
                raise NotFoundError(f"client '{client_id}' has no person '{person_id}'")
            return {**old, **fields}

        return self._edit_person(client_id, person_id, expected_version, change, tab)

    def mark_deceased(self, client_id: str, person_id: str, on: dt.date, expected_version: int | None, *,
                      tab: str | None = None) -> int:
        """Record that a person died on ``on``; they stay in every session, marked. Returns the new version."""
        return self.change_person(client_id, person_id, {"deceased_on": on}, expected_version=expected_version,
                                  tab=tab)

    def save_case(self, client_id: str, fields: Mapping[str, Any], *, expected_version: int | None,
                  tab: str | None = None) -> int:
        """Change the client's case frame: any of the problem areas and the fields of version 2 (contract,
        onset, formulation, agreed and shared at, goals, history, relapse plan), given as JSON data;
        returns its new version. Checked against the whole course, so a goal still followed in a
        session cannot be taken away."""
        unknown = sorted(set(fields) - set(rows.CASE_FIELDS))
        if unknown:
            raise ValidationError([f"client: '{field}' is not a field of the case frame" for field in unknown])
        return self._edit_case(client_id, expected_version, lambda case: {**case, **fields}, tab)

    # --- the one way every edit goes -------------------------------------------------------------------

    def _edit_session(self, client_id: str, number: int, key: tuple, expected_version: int | None,
                      change: Callable[[dict], None], tab: str | None = None, undoes: int | None = None,
                      check: bool = True) -> int | None:
        """Apply ``change`` to one session's data, check the result, write what differs, log it.

        Returns the version the saved record under ``key`` has afterwards (the same one if the
        edit changed nothing); removals ignore it. ``check`` ``False`` leaves the version check
        to ``change`` (Undo compares the records themselves).
        """
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions=number, lock=True)
            old = snapshot.session(number)
            if check:
                _check_version(conn, snapshot, key, expected_version, tab)
            data = old.model_dump(mode="json")
            change(data)
            new = self._validated(snapshot, sessions=[data]).sessions[0]
            written = rows.write_session(conn, snapshot, old, new)
            changes.record(conn, client_id, snapshot.next_revision, written.changes, main=key, tab=tab, undoes=undoes)
        return written.versions.get(key, expected_version)

    def _edit_person(self, client_id: str, person_id: str, expected_version: int | None,
                     change: Callable[[dict | None], dict], tab: str | None = None, undoes: int | None = None,
                     check: bool = True) -> int:
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions=None, lock=True)
            key = rows.person_key(person_id)
            if check:
                _check_version(conn, snapshot, key, expected_version, tab)
            people = [p.model_dump(mode="json") for p in snapshot.document.people]
            old = next((p for p in people if p["id"] == person_id), None)
            _put(people, change(old), lambda p: p["id"] == person_id)
            doc = self._validated(snapshot, people=people)
            version, written = rows.write_person(conn, snapshot, doc.person(person_id))
            changes.record(conn, client_id, snapshot.next_revision, written, main=key, tab=tab, undoes=undoes)
            return version

    def _edit_case(self, client_id: str, expected_version: int | None, change: Callable[[dict], dict],
                   tab: str | None = None, undoes: int | None = None, check: bool = True) -> int:
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions="all", lock=True)
            if check:
                _check_version(conn, snapshot, rows.CASE_KEY, expected_version, tab)
            stored = snapshot.document
            client = {**stored.client.model_dump(mode="json"), **change(rows.case_fields(stored.client))}
            doc = parse_document({"format": FORMAT_NAME, "version": FORMAT_VERSION, "client": client,
                                  "people": [p.model_dump(mode="json") for p in stored.people],
                                  "sessions": [s.model_dump(mode="json") for s in stored.sessions]})
            version, written = rows.write_case(conn, snapshot, doc.client)
            changes.record(conn, client_id, snapshot.next_revision, written, main=rows.CASE_KEY, tab=tab,
                           undoes=undoes)
            return version

    # --- the change log, and Undo -----------------------------------------------------------------------

    def changes(self, client_id: str, limit: int = 10) -> list[LoggedChange]:
        """The client's latest changes, newest first."""
        with transaction(self.engine, write=False) as conn:
            rows.require_client(conn, client_id)
            return changes.recent(conn, client_id, limit)

    def undo(self, client_id: str, number: int, *, tab: str | None = None) -> LoggedChange:
        """Put back what change ``number`` of this client replaced, as a new change that says it undid it.

        Refused when the change is not this client's, cannot be undone (an import, a new client,
        session or person, an undo), was undone already, or when any record it wrote has changed
        since (stale): Undo never overwrites a later change. Returns the change the undo made.
        """
        with transaction(self.engine, write=False) as conn:
            logged = changes.read(conn, client_id, number)
            if logged is None:
                raise NotFoundError(f"client '{client_id}' has no change {number}")
            done = changes.undone(conn, number)
        if not undoable(logged) or done:
            raise ValidationError("this change cannot be undone" if not done else "this change was undone already")
        key = logged.change.record

        def restore(current: dict | None) -> dict:
            if current != logged.change.after:
                raise StaleEditError(STALE_MESSAGE)
            return logged.change.before

        if key[0] == "session" and None in (logged.change.before, logged.change.after):
            self._undo_whole_session(client_id, logged, tab)
        elif key[0] == "person":
            self._edit_person(client_id, key[1], None, restore, tab, undoes=number, check=False)
        elif key[0] == "case":
            self._edit_case(client_id, None, restore, tab, undoes=number, check=False)
        else:
            self._edit_session(client_id, key[1], key, None, self._put_back(logged), tab, undoes=number, check=False)
        with transaction(self.engine, write=False) as conn:
            return changes.undoing(conn, number)

    def _undo_whole_session(self, client_id: str, logged: LoggedChange, tab: str | None) -> None:
        """Undo a session started (it goes again, while it still holds only what starting it made) or
        deleted (it comes back whole, unless its number was taken again since)."""
        number = logged.change.record[1]
        started = logged.change.before is None
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions=number, lock=True)
            held = next((s for s in snapshot.document.sessions if s.number == number), None)
            if started:
                if held is None:
                    raise StaleEditError(STALE_MESSAGE)
                if _as_compared(held.model_dump(mode="json")) != _as_compared(_logged_session(logged, "after")):
                    raise ValidationError(f"session {number} has been recorded in since it was started, so Undo "
                                          "leaves it; to take it away, delete it under “This session”")
                _check_unnamed(snapshot.document, number)
                written = rows.delete_session(conn, snapshot, number)
            else:
                if held is not None:
                    raise ValidationError(f"a session {number} was started again since; it stays, and the "
                                          "deleted one cannot come back")
                restored = self._validated(snapshot, sessions=[_logged_session(logged, "before")]).sessions[0]
                written = rows.write_session(conn, snapshot, None, restored).changes
            changes.record(conn, client_id, snapshot.next_revision, written, main=rows.session_key(number), tab=tab,
                           undoes=logged.number)

    @staticmethod
    def _put_back(logged: LoggedChange) -> Callable[[dict], None]:
        """The edit of a session's data that undoes ``logged``, refused as stale if any record moved on."""

        def put_back(data: dict) -> None:
            for record in logged.changes:
                if _get_record(data, record.record) != record.after:
                    raise StaleEditError(STALE_MESSAGE)
            for record in logged.changes:
                _set_record(data, record.record, record.before)

        return put_back

    @staticmethod
    def _validated(snapshot: rows.Snapshot, *, people: list[dict] | None = None,
                   sessions: list[dict[str, Any]] = ()) -> Document:
        """The client with the given (edited) people and sessions, through every model rule.

        Sessions left out are untouched and were valid already; people are never removed, so an
        edit of people cannot break a session.
        """
        stored = snapshot.document
        return parse_document({
            "format": FORMAT_NAME, "version": FORMAT_VERSION, "client": stored.client.model_dump(mode="json"),
            "people": people if people is not None else [p.model_dump(mode="json") for p in stored.people],
            "sessions": list(sessions)}, partial=True)


def undoable(logged: LoggedChange) -> bool:
    """Whether Undo can mean anything for this change: people are never deleted by Undo, so adding a
    person, creating or importing a client cannot be undone; nor can an undo. A session started can
    (while nothing was recorded in it since), and a session deleted comes back whole."""
    key = logged.change.record
    adds_person = logged.change.before is None and key[0] == "person"
    return key[0] in UNDO_KINDS and not adds_person and logged.undoes is None


def _as_compared(session: dict) -> dict:
    """A session's JSON data with its records in one sorted list, so the order rows come back in
    does not count when two are compared."""
    kinds = ("ties", "links", "mood")
    records = sorted(json.dumps(record, sort_keys=True) for kind in kinds for record in session[kind])
    return {**{field: value for field, value in session.items() if field not in kinds}, "records": records}


def _logged_session(logged: LoggedChange, side: str) -> dict:
    """A whole session as a logged start (``side`` "after") or deletion ("before") holds it: its own
    fields, ties, links and mood, as the model's JSON data."""
    data = {"number": logged.change.record[1], **getattr(logged.change, side), "ties": [], "links": [], "mood": []}
    for record in logged.related:
        if getattr(record, side) is not None:
            _set_record(data, record.record, getattr(record, side))
    return data


def _session_records(data: dict, key: tuple) -> tuple[list[dict], Callable[[dict], bool]]:
    """The list of a session's data that holds the record under ``key``, and how to pick it out."""
    kind = key[0]
    if kind == "tie":
        return data["ties"], lambda t: t["person"] == key[2]
    if kind == "link":
        return data["links"], _is_pair(key[2], key[3])
    if kind == "mood":
        return data["mood"], lambda m: m["instrument"] == key[2]
    raise ValueError(f"no session record of kind {kind!r}")


def _get_record(data: dict, key: tuple) -> dict | None:
    """The record under ``key`` in a session's JSON data (``None`` if absent)."""
    if key[0] == "session":
        return {field: data[field] for field in rows.SESSION_FIELDS}
    records, same = _session_records(data, key)
    return next((record for record in records if same(record)), None)


def _set_record(data: dict, key: tuple, value: dict | None) -> None:
    """Put ``value`` under ``key`` in a session's JSON data (``None``: take the record out)."""
    if key[0] == "session":
        data.update(value)
        return
    records, same = _session_records(data, key)
    records[:] = [record for record in records if not same(record)]
    if value is not None:
        records.append(value)


def _check_unnamed(doc: Document, number: int) -> None:
    """Refuse to take session ``number`` away while the case frame or an inventory names it ("agreed at
    session 3"): the record would point at a session that is not there."""
    fields = {field for _, field, at in session_references(doc) if at == number}
    if fields:
        seen = list_in_words(words for field, words in HAPPENED_AT.items() if field in fields)
        raise ValidationError(f"session {number} is where {seen}; change that first (in the Case or Inventory "
                              "card), then take the session away")


def _check_version(conn, snapshot: rows.Snapshot, key: tuple, expected_version: int | None,
                   tab: str | None) -> None:
    """Refuse an edit whose starting version is not the record's current one (None: it must not exist
    yet), unless every change to the record since that version came from the same page: a second
    save sent before the first one's answer arrived is the same person going on typing."""
    ref = snapshot.rows.get(key)
    current = ref.version if ref else None
    if current == expected_version:
        return
    if tab is None or current is None:
        raise StaleEditError(STALE_MESSAGE)
    later = [logged for logged in changes.since(conn, snapshot.document.client.id, expected_version or 0)
             if logged.touches(key)]
    if expected_version is None:  # the record was added since: count from the change that added it
        added = [i for i, logged in enumerate(later) if any(c.record == key and c.before is None
                                                             for c in logged.changes)]
        later = later[added[-1]:] if added else []
    if not later or later[-1].revision != current or any(logged.tab != tab for logged in later):
        raise StaleEditError(STALE_MESSAGE)
