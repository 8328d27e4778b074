"""The repository: every read and write the CLI and the dashboard make, one transaction per action.

Edits are checked the same way whatever their kind: inside the write transaction the affected
part of the client is read, the change is applied to plain data, the result goes through
``parse_document`` (the model's single door, so an edit obeys exactly the rules an import
does), and only then are the changed rows written. An edit names the version of the record it
started from; if the record has moved on since, it is refused rather than overwriting the
other change. Every write moves the client's revision on by one and stamps the rows it writes
with it, so versions never repeat within a client.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from ipt_network.errors import NotFoundError, StaleEditError, ValidationError
from ipt_network.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Client,
    Document,
    Instrument,
    Link,
    MoodScore,
    Person,
    Phase,
    ProblemArea,
    Risk,
    Tie,
    parse_document,
)
from ipt_network.store import rows
from ipt_network.store.database import make_engine, resolve_url, transaction
from ipt_network.store.migrate import upgrade_to_head

STALE_MESSAGE = "this was changed elsewhere (another tab?) since you opened it; reload to see the latest"


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

    ``versions`` keys: ``("person", id)``, ``("session", n)``, ``("tie", n, person)``,
    ``("link", n, a, b)`` with ``a < b``, ``("mood", n, instrument)`` (the instrument's text).
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
        """Every client, by label; ``search`` keeps those whose id or label contains it (any case)."""
        with transaction(self.engine, write=False) as conn:
            found = rows.client_rows(conn)
        term = (search or "").strip().casefold()
        summaries = [
            ClientSummary(row.id, row.label, tuple(ProblemArea(a) for a in row.problem_areas), row.start_date,
                          row.sessions, row.last)
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

    def create_client(self, client: Client) -> None:
        """A new client with no people and no sessions yet."""
        doc = parse_document({"format": FORMAT_NAME, "version": FORMAT_VERSION,
                              "client": client.model_dump(mode="json")})
        with transaction(self.engine, write=True) as conn:
            if rows.find_client(conn, client.id, lock=True) is not None:
                raise ValidationError(f"client '{client.id}' already exists; choose another id")
            rows.insert_document(conn, doc, 1)

    def start_next_session(self, client_id: str, date: dt.date | None = None) -> int:
        """Add the session after the last one, starting as a copy of its ties and links; returns its number.

        Phase is copied; notes, events and mood start empty; ``date`` defaults to today. The first
        session of a client starts empty, dated the client's start date unless ``date`` is given.
        """
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions="last", lock=True)
            if snapshot.document.sessions:
                last = snapshot.document.sessions[-1].model_dump(mode="json")
                data = {**last, "number": last["number"] + 1, "date": date or dt.date.today(),
                        "notes": "", "events": [], "mood": [], "risk": None}
            else:
                data = {"number": 1, "date": date or snapshot.document.client.start_date, "phase": Phase.INITIAL}
            session = self._validated(snapshot, sessions=[data]).sessions[0]
            rows.write_session(conn, snapshot, None, session)
        return session.number

    # --- edits of one record -------------------------------------------------------------------------

    def save_tie(self, client_id: str, session: int, tie: Tie, *, expected_version: int | None) -> int:
        """Add or change the client's tie to one person in one session; returns its new version."""
        record = tie.model_dump(mode="json")
        return self._edit_session(
            client_id, session, ("tie", session, tie.person), expected_version,
            lambda data: _put(data["ties"], record, lambda t: t["person"] == tie.person))

    def remove_tie(self, client_id: str, session: int, person_id: str, expected_version: int | None) -> None:
        """Take a person out of one session's network, with their links in that session."""

        def change(data: dict) -> None:
            data["ties"] = [t for t in data["ties"] if t["person"] != person_id]
            data["links"] = [link for link in data["links"] if person_id not in (link["a"], link["b"])]

        self._edit_session(client_id, session, ("tie", session, person_id), expected_version, change)

    def save_link(self, client_id: str, session: int, link: Link, *, expected_version: int | None) -> int:
        """Add or change how two people get on in one session; returns its new version."""
        record = link.model_dump(mode="json")
        return self._edit_session(
            client_id, session, ("link", session, *sorted((link.a, link.b))), expected_version,
            lambda data: _put(data["links"], record, _is_pair(link.a, link.b)))

    def remove_link(self, client_id: str, session: int, a: str, b: str, expected_version: int | None) -> None:
        """Remove the link between two people (in either order) in one session."""

        def change(data: dict) -> None:
            data["links"] = [link for link in data["links"] if not _is_pair(a, b)(link)]

        self._edit_session(client_id, session, ("link", session, *sorted((a, b))), expected_version, change)

    def save_mood(self, client_id: str, session: int, mood: MoodScore, *, expected_version: int | None) -> int:
        """Add or change one instrument's score in one session; returns its new version."""
        record = mood.model_dump(mode="json")
        instrument = str(mood.instrument)
        return self._edit_session(
            client_id, session, ("mood", session, instrument), expected_version,
            lambda data: _put(data["mood"], record, lambda m: m["instrument"] == instrument))

    def remove_mood(self, client_id: str, session: int, instrument: Instrument | str,
                    expected_version: int | None) -> None:
        """Remove one instrument's score from one session."""
        name = str(instrument)

        def change(data: dict) -> None:
            data["mood"] = [m for m in data["mood"] if m["instrument"] != name]

        self._edit_session(client_id, session, ("mood", session, name), expected_version, change)

    def update_session(self, client_id: str, number: int, *, date: dt.date, phase: Phase | str, notes: str,
                       events: Iterable[str], expected_version: int | None) -> int:
        """Change a session's date, phase, notes and life events; returns its new version."""

        def change(data: dict) -> None:
            data.update(date=date, phase=phase, notes=notes, events=list(events))

        return self._edit_session(client_id, number, rows.session_key(number), expected_version, change)

    def save_risk(self, client_id: str, number: int, risk: Risk | None, *, expected_version: int | None) -> int:
        """Record (or, with ``None``, clear) the therapist's risk record of a session; returns the session's
        new version (the record is part of the session's row)."""
        record = risk.model_dump(mode="json") if risk else None

        def change(data: dict) -> None:
            data["risk"] = record

        return self._edit_session(client_id, number, rows.session_key(number), expected_version, change)

    def save_person(self, client_id: str, person: Person, *, expected_version: int | None) -> int:
        """Add a person, or change one's name, role, notes or date of death; returns the new version."""
        record = person.model_dump(mode="json")
        return self._edit_person(client_id, person.id, expected_version, lambda _old: record)

    def mark_deceased(self, client_id: str, person_id: str, on: dt.date, expected_version: int | None) -> int:
        """Record that a person died on ``on``; they stay in every session, marked. Returns the new version."""

        def change(old: dict | None) -> dict:
            if old is None:
                raise NotFoundError(f"client '{client_id}' has no person '{person_id}'")
            return {**old, "deceased_on": on}

        return self._edit_person(client_id, person_id, expected_version, change)

    # --- the one way every edit goes -------------------------------------------------------------------

    def _edit_session(self, client_id: str, number: int, key: tuple, expected_version: int | None,
                      change: Callable[[dict], None]) -> int | None:
        """Apply ``change`` to one session's data, check the result, write what differs.

        Returns the version the saved record under ``key`` has afterwards (the same one if the
        edit changed nothing); removals ignore it.
        """
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions=number, lock=True)
            old = snapshot.session(number)
            _check_version(snapshot, key, expected_version)
            data = old.model_dump(mode="json")
            change(data)
            new = self._validated(snapshot, sessions=[data]).sessions[0]
            written = rows.write_session(conn, snapshot, old, new)
        return written.get(key, expected_version)

    def _edit_person(self, client_id: str, person_id: str, expected_version: int | None,
                     change: Callable[[dict | None], dict]) -> int:
        with transaction(self.engine, write=True) as conn:
            snapshot = rows.read_snapshot(conn, client_id, sessions=None, lock=True)
            _check_version(snapshot, rows.person_key(person_id), expected_version)
            people = [p.model_dump(mode="json") for p in snapshot.document.people]
            old = next((p for p in people if p["id"] == person_id), None)
            _put(people, change(old), lambda p: p["id"] == person_id)
            doc = self._validated(snapshot, people=people)
            return rows.write_person(conn, snapshot, doc.person(person_id))

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
            "sessions": list(sessions)})


def _check_version(snapshot: rows.Snapshot, key: tuple, expected_version: int | None) -> None:
    """Refuse an edit whose starting version is not the record's current one (None: it must not exist yet)."""
    ref = snapshot.rows.get(key)
    if (ref.version if ref else None) != expected_version:
        raise StaleEditError(STALE_MESSAGE)
