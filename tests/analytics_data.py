"""Small hand-made clients for the analytics tests, and a hypothesis strategy for valid ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ipt_network.model import Document, parse_document

START = dt.date(2026, 1, 5)


def session_date(number: int) -> str:
    """Weekly sessions from 2026-01-05: session 1 on the 5th, session 2 on the 12th, ..."""
    return (START + dt.timedelta(weeks=number - 1)).isoformat()


def build(*sessions: dict, deceased: dict[str, str] | None = None) -> Document:
    """A valid document from compact sessions.

    Each session is ``{"ties": {id: (circle, support, conflict)}, "links": {(a, b): (support,
    conflict)}, "mood": {instrument: score}}`` (all optional); sessions are numbered 1, 2, ...
    weekly from 2026-01-05. A person's name is their id capitalised ("mum" → "Mum").
    ``deceased`` maps a person id to the date they died.
    """
    deceased = deceased or {}
    ids = sorted({p for s in sessions for p in s.get("ties", {})})
    return parse_document({
        "format": "ipt-network", "version": 1,
        "client": {"id": "client", "label": "Test client", "start_date": START.isoformat()},
        "people": [{"id": p, "name": p.capitalize(), "role": "other", "deceased_on": deceased.get(p)}
                   for p in ids],
        "sessions": [{
            "number": number, "date": session_date(number), "phase": "middle",
            "ties": [{"person": p, "circle": c, "support": s, "conflict": k}
                     for p, (c, s, k) in s_.get("ties", {}).items()],
            "links": [{"a": a, "b": b, "support": s, "conflict": k}
                      for (a, b), (s, k) in s_.get("links", {}).items()],
            "mood": [{"instrument": i, "score": v} for i, v in s_.get("mood", {}).items()],
        } for number, s_ in enumerate(sessions, 1)],
    })


rating = st.integers(0, 10)


@st.composite
def documents(draw, max_people: int = 7, max_sessions: int = 4) -> Document:
    """Any valid client: people come and go, some die, links among those tied, random ratings."""
    ids = [f"p{i}" for i in range(draw(st.integers(0, max_people)))]
    count = draw(st.integers(1, max_sessions))
    sessions = []
    for _ in range(count):
        tied = [p for p in ids if draw(st.booleans())]
        ties = {p: (draw(st.integers(1, 3)), draw(rating), draw(rating)) for p in tied}
        pairs = [(a, b) for i, a in enumerate(tied) for b in tied[i + 1:]]
        links = {pair: (draw(rating), draw(rating)) for pair in pairs if draw(st.booleans())}
        sessions.append({"ties": ties, "links": links})
    deceased = {p: session_date(draw(st.integers(1, count + 1))) for p in ids if draw(st.integers(0, 4)) == 0}
    return build(*sessions, deceased=deceased)
