"""The IPT case frame (format version 2): the client's formulation, contract, goals, history and relapse
plan; a person's inventory; a session's attendance and goal progress; whether a tie was rated.

Every column is added with a plain ALTER TABLE ... ADD COLUMN, never batch mode: rebuilding a table
with foreign keys on would cascade-delete everything below it. A NOT NULL column comes with the server
default that stored rows read as, the default of version 2: no formulation, no goals, no history, no
goal progress, attended, and every stored tie rated (whether an older copy made by "start next session"
was rated again can no longer be known). The case frame's version starts at the client's revision.
Every stored record is kept as it was.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

EMPTY_LIST = sa.text("'[]'")

COLUMNS = {
    "clients": (
        sa.Column("planned_sessions", sa.Integer),
        sa.Column("onset", sa.Date),
        sa.Column("formulation", sa.Text, nullable=False, server_default=""),
        sa.Column("formulation_shared_at", sa.Integer),
        sa.Column("areas_agreed_at", sa.Integer),
        sa.Column("goals", sa.JSON, nullable=False, server_default=EMPTY_LIST),
        sa.Column("history", sa.JSON, nullable=False, server_default=EMPTY_LIST),
        sa.Column("relapse_plan", sa.JSON(none_as_null=True)),
        sa.Column("case_version", sa.Integer, nullable=False, server_default="1"),
    ),
    "people": (sa.Column("inventory", sa.JSON(none_as_null=True)),),
    "sessions": (
        sa.Column("attendance", sa.String(20), nullable=False, server_default="attended"),
        sa.Column("goal_progress", sa.JSON, nullable=False, server_default=EMPTY_LIST),
    ),
    "ties": (sa.Column("rated", sa.Boolean, nullable=False, server_default=sa.true()),),
}


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        for column in columns:
            op.add_column(table, column)
    # The case frame is a record edited with a version, like the others: it starts at the client's revision.
    op.execute(sa.text("UPDATE clients SET case_version = revision"))


def downgrade() -> None:
    for table, columns in COLUMNS.items():
        for column in reversed(columns):
            op.drop_column(table, column.name)
