"""Life events linked to mood: what happened with whom, and whether the client's mood was better or worse.

IPT links the week's mood to what happened in the client's relationships ("since we last met, how
have you been feeling, and what happened with whom?"). A version 2 event may name people and say
whether mood was better or worse; a version 1 event is a plain string and names nobody. This
module reads both the same way, and lists per session the events that say better or worse, for
the therapist's note, the review and the mood chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_network.graph import NameOf, held_sessions
from ipt_network.model import Document, Session
from ipt_network.words import list_in_words

MOODS = ("better", "worse")
"""The moods that link an event to the mood chart; "none" and not said link nothing."""


@dataclass(frozen=True)
class LinkedEvent:
    """One event of a session, read the same way whether it was written as a string or a record."""

    session: int
    text: str
    people: tuple[str, ...] = ()
    mood: str | None = None

    @property
    def linked(self) -> bool:
        """The client said mood was better or worse with it."""
        return self.mood in MOODS

    def words(self, name_of: NameOf) -> str:
        """The event for the therapist: ``"Row about the rota (with Arjun; mood worse)"``.

        Examples
        --------
        >>> LinkedEvent(6, "Row about the rota", ("arjun",), "worse").words(str.title)
        'Row about the rota (with Arjun; mood worse)'
        >>> LinkedEvent(2, "Moved flat").words(str.title), LinkedEvent(3, "", (), "better").words(str.title)
        ('Moved flat', 'A life event (mood better)')
        """
        parts = []
        if self.people:
            parts.append("with " + list_in_words(name_of(p) for p in self.people))
        if self.linked:
            parts.append(f"mood {self.mood}")
        return (self.text or "A life event") + (f" ({'; '.join(parts)})" if parts else "")


def session_events(session: Session) -> tuple[LinkedEvent, ...]:
    """Every event of a session, strings and records alike, in the order they were written."""
    found = []
    for event in session.events:
        if isinstance(event, str):
            found.append(LinkedEvent(session.number, event))
        else:
            mood = getattr(event.mood, "value", event.mood)
            found.append(LinkedEvent(session.number, event.text, tuple(event.people), mood))
    return tuple(found)


def mood_events(doc: Document, up_to: int | None = None) -> dict[int, tuple[LinkedEvent, ...]]:
    """Session number → the events of that session that say mood was better or worse, for the
    sessions held (up to ``up_to``); sessions without one are left out."""
    found = {}
    for session in held_sessions(doc):
        if up_to is not None and session.number > up_to:
            break
        linked = tuple(event for event in session_events(session) if event.linked)
        if linked:
            found[session.number] = linked
    return found
