"""The dashboard's addresses, so that a link pasted into notes reopens the same view.

``/`` is the client list; ``/client/<id>`` reviews one client; ``?session=N`` selects a session
and ``&compare=M`` opens the comparison of N with M. Client ids may hold any character, so they
are percent-encoded in the path. Anything unreadable in the query is ignored, never an error:
an address typed by hand should still open the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlencode

CLIENT_PREFIX = "/client/"


@dataclass(frozen=True)
class Selection:
    """The session on show and, when comparing, the session it is compared with."""

    session: int | None = None
    compare: int | None = None

    def within(self, numbers: list[int]) -> Selection:
        """The same choice limited to sessions that exist: the latest when none or an unknown one is asked.

        ``compare`` is dropped when it does not exist or equals ``session``.
        """
        if not numbers:
            return Selection()
        session = self.session if self.session in numbers else max(numbers)
        compare = self.compare if self.compare in numbers and self.compare != session else None
        return Selection(session, compare)

    def to_search(self) -> str:
        """The query string, ``""`` when nothing is selected."""
        query = {key: value for key, value in (("session", self.session), ("compare", self.compare))
                 if value is not None}
        return f"?{urlencode(query)}" if query else ""


def nearest_session(value: int, numbers: list[int], previous: int | None = None) -> int:
    """The existing session closest to ``value`` (a slider stepping over a missing number lands on
    the next one on, not back where it was).

    >>> nearest_session(5, [1, 4, 6]), nearest_session(5, [1, 4, 6], previous=6)
    (4, 4)
    >>> nearest_session(5, [1, 4, 6], previous=4)
    6
    """
    return min(numbers, key=lambda number: (abs(number - value), number == previous, number))


def client_path(client_id: str, selection: Selection | None = None) -> str:
    """The review address of a client, with the selection when one is given."""
    search = selection.to_search() if selection else ""
    return f"{CLIENT_PREFIX}{quote(client_id, safe='')}{search}"


def client_id_from_path(pathname: str | None) -> str | None:
    """The client id of a review address, or ``None`` when the path is not one."""
    if not pathname or not pathname.startswith(CLIENT_PREFIX):
        return None
    client_id = unquote(pathname[len(CLIENT_PREFIX):].rstrip("/"))
    return client_id or None


def _whole_number(values: list[str] | None) -> int | None:
    if not values:
        return None
    text = values[-1].strip()
    return int(text) if text.isdecimal() and len(text) <= 6 else None


def selection_from_search(search: str | None) -> Selection:
    """Read ``?session=N&compare=M``; missing or unreadable values become ``None``."""
    query = parse_qs((search or "").lstrip("?"))
    return Selection(_whole_number(query.get("session")), _whole_number(query.get("compare")))
