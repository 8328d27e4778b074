"""The first schema: clients, people, sessions, ties, links, mood scores.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _parent(table: str, name: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.pk", ondelete="CASCADE", name=name)


def _rating(table: str, name: str) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.CheckConstraint(f"{name} BETWEEN 0 AND 10", name=f"ck_{table}_{name}"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("problem_areas", sa.JSON, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_clients"),
        sa.UniqueConstraint("id", name="uq_clients_id"),
    )
    op.create_table(
        "people",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("client_pk", sa.Integer, _parent("clients", "fk_people_client_pk_clients"), nullable=False),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("deceased_on", sa.Date),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_people"),
        sa.UniqueConstraint("client_pk", "id", name="uq_people_client_pk_id"),
    )
    op.create_table(
        "sessions",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("client_pk", sa.Integer, _parent("clients", "fk_sessions_client_pk_clients"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("events", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_sessions"),
        sa.UniqueConstraint("client_pk", "number", name="uq_sessions_client_pk_number"),
    )
    op.create_table(
        "ties",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("session_pk", sa.Integer, _parent("sessions", "fk_ties_session_pk_sessions"), nullable=False),
        sa.Column("person_pk", sa.Integer, _parent("people", "fk_ties_person_pk_people"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("circle", sa.Integer, sa.CheckConstraint("circle BETWEEN 1 AND 3", name="ck_ties_circle"),
                  nullable=False),
        _rating("ties", "support"),
        _rating("ties", "conflict"),
        sa.Column("contact", sa.String(20)),
        sa.Column("focus", sa.String(40)),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_ties"),
        sa.UniqueConstraint("session_pk", "person_pk", name="uq_ties_session_pk_person_pk"),
    )
    op.create_index("ix_ties_person_pk", "ties", ["person_pk"])
    op.create_table(
        "links",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("session_pk", sa.Integer, _parent("sessions", "fk_links_session_pk_sessions"), nullable=False),
        sa.Column("low_pk", sa.Integer, _parent("people", "fk_links_low_pk_people"), nullable=False),
        sa.Column("high_pk", sa.Integer, _parent("people", "fk_links_high_pk_people"), nullable=False),
        sa.Column("flipped", sa.Boolean, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        _rating("links", "support"),
        _rating("links", "conflict"),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_links"),
        sa.UniqueConstraint("session_pk", "low_pk", "high_pk", name="uq_links_session_pk_low_pk_high_pk"),
        sa.CheckConstraint("low_pk <> high_pk", name="ck_links_not_self"),
    )
    op.create_index("ix_links_low_pk", "links", ["low_pk"])
    op.create_index("ix_links_high_pk", "links", ["high_pk"])
    op.create_table(
        "mood_scores",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("session_pk", sa.Integer, _parent("sessions", "fk_mood_scores_session_pk_sessions"),
                  nullable=False),
        sa.Column("instrument", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("score", sa.Integer, sa.CheckConstraint("score >= 0", name="ck_mood_scores_score"),
                  nullable=False),
        sa.Column("items", sa.JSON(none_as_null=True)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_mood_scores"),
        sa.UniqueConstraint("session_pk", "instrument", name="uq_mood_scores_session_pk_instrument"),
    )


def downgrade() -> None:
    for table in ("mood_scores", "links", "ties", "sessions", "people", "clients"):
        op.drop_table(table)
