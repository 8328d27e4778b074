"""Storage: SQLAlchemy tables, the repository, Alembic migrations. All SQL of the product lives here."""

from ipt_network.store.changes import LoggedChange
from ipt_network.store.database import default_db_url, demo_db_url
from ipt_network.store.repository import STALE_MESSAGE, ClientSummary, Course, Store, undoable

__all__ = ["STALE_MESSAGE", "ClientSummary", "Course", "LoggedChange", "Store", "default_db_url", "demo_db_url",
           "undoable"]
