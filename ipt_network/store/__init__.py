"""Storage: SQLAlchemy tables, the repository, Alembic migrations. All SQL of the product lives here."""

from ipt_network.store.changes import LoggedChange
from ipt_network.store.database import default_db_url, demo_db_url
from ipt_network.store.repository import STALE_MESSAGE, ClientSummary, Course, Store, undoable
from ipt_network.store.rows import CASE_KEY, case_fields

__all__ = ["CASE_KEY", "STALE_MESSAGE", "ClientSummary", "Course", "LoggedChange", "Store", "case_fields",
           "default_db_url", "demo_db_url",
           "undoable"]
