"""Rows to records and back: the SQL that reads a client and writes its records.

Everything here runs inside a transaction the repository opened. A client is read with a fixed
handful of queries (client, people, sessions, ties, links, mood), never one per session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Row, Table, delete, false, func, insert, select, update

from ipt_network.errors import NotFoundError
from ipt_network.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Client,
    Document,
    Link,
    Person,
    Session,
    parse_document,
    scrub,
)
from ipt_network.store import tables
from ipt_network.store.changes import RecordChange

Key = tuple
"""A record's key, as in ``Course.versions``: ``("tie", 3, "p-mum")``, ``("link", 3, "p-dan", "p-mum")``..."""

Which = Literal["all", "last"] | int | None
"""Sessions to read: all of them, the highest-numbered one, one by number, or none."""


@dataclass(frozen=True)
class RowRef:
    pk: int
    version: int


@dataclass(frozen=True)
class Snapshot:
    """A client as read inside one transaction: its records, plus each record's row and version."""

    client_pk: int
    revision: int
    """The client's revision when read; a write in this transaction makes it one more (``next_revision``)."""
    document: Document
    """The client with the sessions read (all of them only when all were asked for)."""
    rows: dict[Key, RowRef]

    def session(self, number: int) -> Session:
        for session in self.document.sessions:
            if session.number == number:
                return session
        raise NotFoundError(f"client '{self.document.client.id}' has no session {number}")

    @property
    def next_revision(self) -> int:
        """The revision, and version of every row, that a write in this transaction gives.

        Safe to compute from the snapshot: every write reads it with the client locked.
        """
        return self.revision + 1

    def person_pks(self) -> dict[str, int]:
        return {person.id: self.rows[person_key(person.id)].pk for person in self.document.people}


def _value(member: Any) -> Any:
    """An enum's value (what is stored), ``None`` kept."""
    return None if member is None else member.value


CASE_KEY: Key = ("case",)
"""The key of a client's case frame: the problem areas and the fields of ``CLIENT_FIELDS``."""


def person_key(person_id: str) -> Key:
    return ("person", person_id)


def session_key(number: int) -> Key:
    return ("session", number)


def in_session(key: Key, number: int) -> bool:
    """Whether ``key`` is the key of session ``number`` or of a record inside it."""
    return key[0] in ("session", "tie", "link", "mood") and key[1] == number


# --- the three kinds of record inside a session -------------------------------------------------


_BOOKKEEPING = ("pk", "session_pk", "position", "version")


@dataclass(frozen=True)
class _Kind:
    """How one kind of session record maps to its table.

    ``from_row`` turns the table's own columns (all but the bookkeeping ones), as a dict, into
    the record's data: stored columns are named as the model's fields except for person keys.
    """

    name: str
    table: Table
    field: str
    key: Callable[[Any], tuple]
    to_row: Callable[[Any, dict[str, int]], dict]
    from_row: Callable[[dict, dict[int, str]], dict]

    @property
    def data_columns(self) -> list:
        return [column for column in self.table.c if column.name not in _BOOKKEEPING]

    def full_key(self, number: int, record: Any) -> Key:
        return (self.name, number, *self.key(record))


def _tie_from_row(data: dict, person_ids: dict[int, str]) -> dict:
    data["person"] = person_ids[data.pop("person_pk")]
    return data


def _link_to_row(link: Link, person_pks: dict[str, int]) -> dict:
    low, high = sorted((link.a, link.b))
    return {"low_pk": person_pks[low], "high_pk": person_pks[high], "flipped": link.a > link.b,
            "support": link.support, "conflict": link.conflict}


def _link_from_row(data: dict, person_ids: dict[int, str]) -> dict:
    low, high = person_ids[data.pop("low_pk")], person_ids[data.pop("high_pk")]
    data["a"], data["b"] = (high, low) if data.pop("flipped") else (low, high)
    return data


KINDS = (
    _Kind(
        "tie", tables.ties, "ties",
        key=lambda tie: (tie.person,),
        to_row=lambda tie, pks: {
            "person_pk": pks[tie.person], "circle": tie.circle, "support": tie.support,
            "conflict": tie.conflict, "contact": _value(tie.contact), "focus": _value(tie.focus),
            "note": tie.note, "rated": tie.rated},
        from_row=_tie_from_row,
    ),
    _Kind(
        "link", tables.links, "links",
        key=lambda link: tuple(sorted((link.a, link.b))),
        to_row=_link_to_row,
        from_row=_link_from_row,
    ),
    _Kind(
        "mood", tables.mood_scores, "mood",
        key=lambda mood: (str(mood.instrument),),
        to_row=lambda mood, _pks: {"instrument": str(mood.instrument), "score": mood.score, "items": mood.items},
        from_row=lambda data, _ids: data,
    ),
)


def _person_row(person: Person) -> dict:
    return {"id": person.id, "name": person.name, "role": person.role.value,
            "deceased_on": person.deceased_on, "notes": person.notes, "inventory": _json(person.inventory)}


CLIENT_FIELDS = ("planned_sessions", "onset", "formulation", "formulation_shared_at", "areas_agreed_at", "goals",
                 "history", "relapse_plan")
"""The case frame's fields of the client (version 2), each a column of ``clients`` named as the field."""

CASE_FIELDS = ("problem_areas", *CLIENT_FIELDS)
"""What the case frame record of the change log holds: the agreed areas and the fields of version 2."""


def case_fields(client: Client) -> dict:
    """The client's case frame as JSON data."""
    return client.model_dump(mode="json", include=set(CASE_FIELDS))


def _case_row(client: Client) -> dict:
    data = case_fields(client)
    return {**data, "onset": client.onset}


def _client_row(client: Client) -> dict:
    return {"id": client.id, "label": client.label, "start_date": client.start_date, "notes": client.notes,
            **_case_row(client)}


SESSION_FIELDS = {"date", "phase", "attendance", "notes", "events", "goal_progress", "risk"}
"""A session's own fields: what the session record of the change log holds (so Undo puts a risk record,
the attendance or the goals' progress back as they were, too)."""


def session_fields(session: Session | None) -> dict | None:
    """The session's own fields as JSON data (its ties, links and mood are records of their own)."""
    return session.model_dump(mode="json", include=SESSION_FIELDS) if session else None


def _json(record: Any) -> dict | None:
    return record.model_dump(mode="json") if record is not None else None


def _session_row(session: Session) -> dict:
    data = session.model_dump(mode="json", include={"events", "goal_progress", "risk"})
    return {"number": session.number, "date": session.date, "phase": session.phase.value,
            "attendance": session.attendance.value, "notes": session.notes, **data}


# --- reading ---------------------------------------------------------------------------------------


def find_client(conn: Connection, client_id: str, *, lock: bool = False) -> Row | None:
    """The client's row key and revision (``pk``, ``revision``), or None. ``lock`` holds the row until
    commit (PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already serialises writers), so edits of one
    client never interleave."""
    c = tables.clients
    query = select(c.c.pk, c.c.revision).where(c.c.id == client_id)
    return conn.execute(query.with_for_update() if lock else query).one_or_none()


def require_client(conn: Connection, client_id: str, *, lock: bool = False) -> Row:
    """As ``find_client``, but ``NotFoundError`` if there is no such client."""
    found = find_client(conn, client_id, lock=lock)
    if found is None:
        raise NotFoundError(f"no client '{client_id}'")
    return found


def read_snapshot(conn: Connection, client_id: str, *, sessions: Which = "all", lock: bool = False) -> Snapshot:
    """Read one client with the chosen sessions; ``NotFoundError`` if there is no such client.

    Rows become plain data that goes through ``parse_document`` in one call (the model's rules
    run in pydantic's core, far faster than a model per row), so a row edited by hand into
    something invalid is reported, not passed on. Text stored before the text rule comes back
    repaired (``parse_document(stored=True)``); person ids are repaired here the same way, so
    that every key below matches the document.
    """
    client_pk = require_client(conn, client_id, lock=lock).pk
    c, p, s = tables.clients, tables.people, tables.sessions
    crow = conn.execute(select(c).where(c.c.pk == client_pk)).one()
    client = {"id": crow.id, "label": crow.label, "problem_areas": crow.problem_areas,
              "start_date": crow.start_date, "notes": crow.notes,
              **{field: getattr(crow, field) for field in CLIENT_FIELDS}}
    rows: dict[Key, RowRef] = {CASE_KEY: RowRef(client_pk, crow.case_version)}
    people = []
    person_ids: dict[int, str] = {}
    for row in conn.execute(select(p).where(p.c.client_pk == client_pk).order_by(p.c.position)):
        person_id = scrub(row.id, named=True)
        people.append({"id": person_id, "name": row.name, "role": row.role, "deceased_on": row.deceased_on,
                       "notes": row.notes, "inventory": row.inventory})
        rows[person_key(person_id)] = RowRef(row.pk, row.version)
        person_ids[row.pk] = person_id

    chosen = s.c.client_pk == client_pk
    if sessions is None:
        chosen = false()
    elif sessions == "last":
        chosen = chosen & (s.c.number == select(func.max(s.c.number)).where(s.c.client_pk == client_pk)
                           .scalar_subquery())
    elif sessions != "all":
        chosen = chosen & (s.c.number == sessions)
    session_list, by_number = [], {}
    for row in conn.execute(select(s).where(chosen).order_by(s.c.position)):
        session = {"number": row.number, "date": row.date, "phase": row.phase, "attendance": row.attendance,
                   "notes": row.notes, "events": row.events, "goal_progress": row.goal_progress, "risk": row.risk,
                   **{kind.field: [] for kind in KINDS}}
        session_list.append(session)
        by_number[row.number] = session
        rows[session_key(row.number)] = RowRef(row.pk, row.version)
    refs: dict[tuple[int, str], list[RowRef]] = {(n, kind.field): [] for n in by_number for kind in KINDS}
    for kind in KINDS:
        t = kind.table
        names = [column.name for column in kind.data_columns]
        query = (select(s.c.number, t.c.pk, t.c.version, *kind.data_columns).join(s, s.c.pk == t.c.session_pk)
                 .where(chosen).order_by(s.c.position, t.c.position))
        # Unpacked as tuples: named access on each of thousands of rows costs more than the query.
        for number, pk, version, *values in conn.execute(query):
            by_number[number][kind.field].append(kind.from_row(dict(zip(names, values, strict=True)), person_ids))
            refs[number, kind.field].append(RowRef(pk, version))

    document = parse_document({"format": FORMAT_NAME, "version": FORMAT_VERSION, "client": client,
                               "people": people, "sessions": session_list}, stored=True)
    for session in document.sessions:
        for kind in KINDS:
            for record, ref in zip(getattr(session, kind.field), refs[session.number, kind.field], strict=True):
                rows[kind.full_key(session.number, record)] = ref
    return Snapshot(client_pk, crow.revision, document, rows)


def client_rows(conn: Connection) -> list[Row]:
    """Every client with its session count and latest session date (``sessions``, ``last``)."""
    c, s = tables.clients, tables.sessions
    per_client = (select(s.c.client_pk, func.count().label("sessions"), func.max(s.c.date).label("last"))
                  .group_by(s.c.client_pk).subquery())
    query = (select(c.c.id, c.c.label, c.c.problem_areas, c.c.start_date,
                    func.coalesce(per_client.c.sessions, 0).label("sessions"), per_client.c.last)
             .outerjoin(per_client, per_client.c.client_pk == c.c.pk))
    return conn.execute(query).all()


# --- writing -----------------------------------------------------------------------------------------


def _next_position(conn: Connection, table: Table, where) -> int:
    return conn.execute(select(func.coalesce(func.max(table.c.position) + 1, 0)).where(where)).scalar_one()


def _set_revision(conn: Connection, snapshot: Snapshot) -> None:
    conn.execute(update(tables.clients).where(tables.clients.c.pk == snapshot.client_pk)
                 .values(revision=snapshot.next_revision))


def remove_client(conn: Connection, client_pk: int) -> None:
    """Delete a client and, by cascade, everything recorded about them (only ``import --replace``)."""
    conn.execute(delete(tables.clients).where(tables.clients.c.pk == client_pk))


def insert_document(conn: Connection, doc: Document, revision: int) -> None:
    """Insert a whole client in a few bulk statements at ``revision``, every record at that version."""
    c, p, s = tables.clients, tables.people, tables.sessions
    client_pk = conn.execute(insert(c).values(**_client_row(doc.client), revision=revision, case_version=revision)
                             ).inserted_primary_key[0]
    if doc.people:
        conn.execute(insert(p), [{**_person_row(person), "client_pk": client_pk, "position": i, "version": revision}
                                 for i, person in enumerate(doc.people)])
    if not doc.sessions:
        return
    conn.execute(insert(s), [{**_session_row(session), "client_pk": client_pk, "position": i, "version": revision}
                             for i, session in enumerate(doc.sessions)])
    person_pks = dict(conn.execute(select(p.c.id, p.c.pk).where(p.c.client_pk == client_pk)).all())
    session_pks = dict(conn.execute(select(s.c.number, s.c.pk).where(s.c.client_pk == client_pk)).all())
    for kind in KINDS:
        records = [{**kind.to_row(record, person_pks), "session_pk": session_pks[session.number],
                    "position": i, "version": revision}
                   for session in doc.sessions for i, record in enumerate(getattr(session, kind.field))]
        if records:
            conn.execute(insert(kind.table), records)


def write_person(conn: Connection, snapshot: Snapshot, person: Person) -> tuple[int, list[RecordChange]]:
    """Insert or update one person at the next revision; returns its version (unchanged if nothing
    differs) and the change made (none if nothing differs)."""
    p = tables.people
    key = person_key(person.id)
    ref = snapshot.rows.get(key)
    version = snapshot.next_revision
    old = next((known for known in snapshot.document.people if known.id == person.id), None)
    if ref is None:
        position = _next_position(conn, p, p.c.client_pk == snapshot.client_pk)
        conn.execute(insert(p).values(**_person_row(person), client_pk=snapshot.client_pk, position=position,
                                      version=version))
    elif person == old:
        return ref.version, []
    else:
        conn.execute(update(p).where(p.c.pk == ref.pk).values(**_person_row(person), version=version))
    _set_revision(conn, snapshot)
    return version, [RecordChange(key, _json(old), _json(person))]


def write_case(conn: Connection, snapshot: Snapshot, client: Client) -> tuple[int, list[RecordChange]]:
    """Write the client's case frame at the next revision; returns its version (unchanged if nothing
    differs) and the change made (none if nothing differs)."""
    ref = snapshot.rows[CASE_KEY]
    before, after = case_fields(snapshot.document.client), case_fields(client)
    if before == after:
        return ref.version, []
    version = snapshot.next_revision
    conn.execute(update(tables.clients).where(tables.clients.c.pk == snapshot.client_pk)
                 .values(**_case_row(client), case_version=version))
    _set_revision(conn, snapshot)
    return version, [RecordChange(CASE_KEY, before, after)]


def _make_room(conn: Connection, client_pk: int, number: int) -> int:
    """The position for a new session numbered ``number``: before the first session with a higher
    number (moving those on by one; a deleted session brought back takes its place again), else last."""
    s = tables.sessions
    later = conn.execute(select(func.min(s.c.position)).where(s.c.client_pk == client_pk, s.c.number > number)
                         ).scalar_one()
    if later is None:
        return _next_position(conn, s, s.c.client_pk == client_pk)
    conn.execute(update(s).where(s.c.client_pk == client_pk, s.c.position >= later).values(position=s.c.position + 1))
    return later


def delete_session(conn: Connection, snapshot: Snapshot, number: int) -> list[RecordChange]:
    """Delete session ``number`` with its ties, links and mood (by cascade) at the next revision;
    returns every record it held, each before and gone."""
    session = snapshot.session(number)
    conn.execute(delete(tables.sessions).where(tables.sessions.c.pk == snapshot.rows[session_key(number)].pk))
    _set_revision(conn, snapshot)
    return [RecordChange(session_key(number), session_fields(session), None),
            *(RecordChange(kind.full_key(number, record), _json(record), None)
              for kind in KINDS for record in getattr(session, kind.field))]


@dataclass(frozen=True)
class Written:
    """What a write did: the new version of every record written, and every record changed."""

    versions: dict[Key, int]
    changes: list[RecordChange]


def write_session(conn: Connection, snapshot: Snapshot, old: Session | None, new: Session) -> Written:
    """Write the difference between a session as read (``old``, None if new) and as edited.

    Only changed rows are written, each at the client's next revision, which the client then
    takes if anything was written or removed.
    """
    s = tables.sessions
    version = snapshot.next_revision
    written: dict[Key, int] = {}
    changes: list[RecordChange] = []
    key = session_key(new.number)
    if old is None or session_fields(new) != session_fields(old):
        changes.append(RecordChange(key, session_fields(old), session_fields(new)))
    if old is None:
        position = _make_room(conn, snapshot.client_pk, new.number)
        session_pk = conn.execute(insert(s).values(**_session_row(new), client_pk=snapshot.client_pk,
                                                   position=position, version=version)).inserted_primary_key[0]
        written[key] = version
    else:
        ref = snapshot.rows[key]
        session_pk = ref.pk
        if _session_row(new) != _session_row(old):
            conn.execute(update(s).where(s.c.pk == ref.pk).values(**_session_row(new), version=version))
            written[key] = version
    person_pks = snapshot.person_pks()
    for kind in KINDS:
        before = {kind.full_key(new.number, r): r for r in (getattr(old, kind.field) if old else [])}
        after = {kind.full_key(new.number, r): r for r in getattr(new, kind.field)}
        gone = [k for k in before if k not in after]
        if gone:
            conn.execute(delete(kind.table).where(kind.table.c.pk.in_([snapshot.rows[k].pk for k in gone])))
        added = [k for k in after if k not in before]
        if added:
            position = _next_position(conn, kind.table, kind.table.c.session_pk == session_pk)
            conn.execute(insert(kind.table), [
                {**kind.to_row(after[k], person_pks), "session_pk": session_pk, "position": position + i,
                 "version": version} for i, k in enumerate(added)])
            written.update(dict.fromkeys(added, version))
        changed = [k for k in after if k in before and after[k] != before[k]]
        for k in changed:
            conn.execute(update(kind.table).where(kind.table.c.pk == snapshot.rows[k].pk)
                         .values(**kind.to_row(after[k], person_pks), version=version))
            written[k] = version
        changes += [RecordChange(k, _json(before.get(k)), _json(after.get(k))) for k in [*gone, *added, *changed]]
    if changes:
        _set_revision(conn, snapshot)
    return Written(written, changes)
