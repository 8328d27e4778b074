"""The schema as SQLAlchemy Core tables: what the repository queries and the migrations build.

Every table below ``clients`` hangs off it with ``ON DELETE CASCADE``, so replacing a client is
one DELETE plus inserts (the indexes on person keys keep that cascade from scanning whole
tables). Rows keep an explicit ``position`` so a document comes back in exactly the order it was
imported. Records the dashboard edits carry ``version`` (optimistic locking: an edit based on an
older version is refused rather than silently overwriting); each write stamps its rows with the
client's new ``revision``, so a version is never reused within a client, not even by a record
removed and added again.

``change_log`` keeps every change, written in the same transaction as the change itself: the
history a person reads, what Undo puts back, and what the clinic's audit trail will read. It
names the client by id, not by key, so it outlives a client replaced by an import.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
    true,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

ID_LENGTH = 200
"""Longest id or name the model accepts."""


def _parent(table: str) -> ForeignKey:
    return ForeignKey(f"{table}.pk", ondelete="CASCADE")


def _rating(name: str) -> Column:
    return Column(name, Integer, CheckConstraint(f"{name} BETWEEN 0 AND 10", name=name), nullable=False)


def _version() -> Column:
    return Column("version", Integer, nullable=False)


clients = Table(
    "clients", metadata,
    Column("pk", Integer, primary_key=True),
    Column("id", String(ID_LENGTH), nullable=False, unique=True),
    Column("label", String(ID_LENGTH), nullable=False),
    Column("problem_areas", JSON, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("notes", Text, nullable=False),
    # One more after every committed change to the client. The default is there only because SQLite
    # adds a NOT NULL column to existing rows only with one (migration 0002); every insert sets it.
    Column("revision", Integer, nullable=False, server_default="1"),
    # The case frame of version 2 (migration 0005). Lists and records as their JSON data; the server
    # defaults are what a client stored before them reads as (SQLite adds NOT NULL columns only with one).
    Column("planned_sessions", Integer),
    Column("onset", Date),
    Column("formulation", Text, nullable=False, server_default=""),
    Column("formulation_shared_at", Integer),
    Column("areas_agreed_at", Integer),
    Column("goals", JSON, nullable=False, server_default=text("'[]'")),
    Column("history", JSON, nullable=False, server_default=text("'[]'")),
    Column("relapse_plan", JSON(none_as_null=True)),
    # The version of the case frame (the problem areas and the fields above), which the case panel edits
    # like any record; migration 0005 starts it at the client's revision.
    Column("case_version", Integer, nullable=False, server_default="1"),
)

people = Table(
    "people", metadata,
    Column("pk", Integer, primary_key=True),
    Column("client_pk", Integer, _parent("clients"), nullable=False),
    Column("id", String(ID_LENGTH), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String(ID_LENGTH), nullable=False),
    Column("role", String(20), nullable=False),
    Column("deceased_on", Date),
    Column("notes", Text, nullable=False),
    _version(),
    # The interpersonal inventory of this relationship (version 2), as its JSON object; NULL when none.
    Column("inventory", JSON(none_as_null=True)),
    UniqueConstraint("client_pk", "id"),
)

sessions = Table(
    "sessions", metadata,
    Column("pk", Integer, primary_key=True),
    Column("client_pk", Integer, _parent("clients"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("phase", String(20), nullable=False),
    Column("notes", Text, nullable=False),
    Column("events", JSON, nullable=False),
    # The therapist's risk record of the session (version 2), as its JSON object; NULL when none.
    Column("risk", JSON(none_as_null=True)),
    _version(),
    Column("attendance", String(20), nullable=False, server_default="attended"),
    Column("goal_progress", JSON, nullable=False, server_default=text("'[]'")),
    UniqueConstraint("client_pk", "number"),
)

ties = Table(
    "ties", metadata,
    Column("pk", Integer, primary_key=True),
    Column("session_pk", Integer, _parent("sessions"), nullable=False),
    Column("person_pk", Integer, _parent("people"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("circle", Integer, CheckConstraint("circle BETWEEN 1 AND 3", name="circle"), nullable=False),
    _rating("support"),
    _rating("conflict"),
    Column("contact", String(20)),
    Column("focus", String(40)),
    Column("note", Text, nullable=False),
    _version(),
    # False for a tie "start next session" carried forward that nobody has rated since (version 2).
    Column("rated", Boolean, nullable=False, server_default=true()),
    UniqueConstraint("session_pk", "person_pk"),
)

links = Table(
    "links", metadata,
    Column("pk", Integer, primary_key=True),
    Column("session_pk", Integer, _parent("sessions"), nullable=False),
    # The pair in canonical order (person ids sorted), so a–b and b–a collide on the unique key;
    # ``flipped`` remembers that the record named them the other way round.
    Column("low_pk", Integer, _parent("people"), nullable=False, index=True),
    Column("high_pk", Integer, _parent("people"), nullable=False, index=True),
    Column("flipped", Boolean, nullable=False),
    Column("position", Integer, nullable=False),
    _rating("support"),
    _rating("conflict"),
    _version(),
    UniqueConstraint("session_pk", "low_pk", "high_pk"),
    CheckConstraint("low_pk <> high_pk", name="not_self"),
)

mood_scores = Table(
    "mood_scores", metadata,
    Column("pk", Integer, primary_key=True),
    Column("session_pk", Integer, _parent("sessions"), nullable=False),
    Column("instrument", String(20), nullable=False),
    Column("position", Integer, nullable=False),
    Column("score", Integer, CheckConstraint("score >= 0", name="score"), nullable=False),
    Column("items", JSON(none_as_null=True)),
    _version(),
    UniqueConstraint("session_pk", "instrument"),
)

change_log = Table(
    "change_log", metadata,
    Column("pk", Integer, primary_key=True),
    Column("client_id", String(ID_LENGTH), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", String(ID_LENGTH)),  # the signed-in user; null until clinic mode has accounts
    Column("tab", String(64)),  # the page that made the change, so its own quick second save is not "stale"
    Column("record", JSON, nullable=False),  # the record's key, as in Course.versions: ["tie", 3, "p-dan"]
    Column("before", JSON(none_as_null=True)),  # the record's data before (null: it did not exist)
    Column("after", JSON(none_as_null=True)),  # ... and after (null: it was removed)
    Column("related", JSON, nullable=False),  # records changed with it: [{"record", "before", "after"}]
    Column("revision", Integer, nullable=False),  # the client's revision this change made
    Column("undoes", Integer, ForeignKey("change_log.pk")),  # the change this one undid
)
