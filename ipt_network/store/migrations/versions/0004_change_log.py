"""The change log: every change to a client, before and after, kept in the same transaction.

Nothing is backfilled: changes made before this migration were never recorded.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("client_id", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(200)),
        sa.Column("tab", sa.String(64)),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("before", sa.JSON(none_as_null=True)),
        sa.Column("after", sa.JSON(none_as_null=True)),
        sa.Column("related", sa.JSON, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("undoes", sa.Integer, sa.ForeignKey("change_log.pk", name="fk_change_log_undoes_change_log")),
        sa.PrimaryKeyConstraint("pk", name="pk_change_log"),
    )
    op.create_index("ix_change_log_client_id", "change_log", ["client_id"])


def downgrade() -> None:
    op.drop_index("ix_change_log_client_id", table_name="change_log")
    op.drop_table("change_log")
