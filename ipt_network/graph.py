"""The only bridge between the model and networkx: one session as an ``nx.Graph``, and back.

The client is a node (id ``doc.client.id``, which no person may share). Each client tie is an
edge client–person, each link an edge person–person; ratings are edge attributes:

- client node: ``kind="client"``, ``label``
- person node: ``kind="person"``, ``name``, ``role``, ``deceased`` (bool) and, when known,
  ``deceased_on``
- tie edge: ``kind="tie"``, ``circle``, ``support``, ``conflict``, and when recorded
  ``contact``, ``focus``, ``note``
- link edge: ``kind="link"``, ``support``, ``conflict``
- graph: ``client``, ``session``, ``date``, ``phase``

By default the graph holds only the people counted that day (DESIGN section 5: alive on the
session's date), so every measure over it is right by construction. The picture needs the
people who have died as well, marked: ``include_deceased=True`` keeps them with
``deceased=True`` and their links. ``counted_graph`` strips them again, and every function in
``metrics`` and ``hotspots`` goes through it, so numbers never include them whichever graph
they are given. Absent optional fields are absent attributes (GraphML cannot hold None).
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from ipt_network.errors import NotFoundError
from ipt_network.model import Document, Link, Session, Tie

_TIE_OPTIONAL = ("contact", "focus", "note")

NameOf = Callable[[str], str]
"""Person id → the name shown in sentences (the real name, initials or a role)."""


def find_session(doc: Document, number: int) -> Session:
    """The session numbered ``number``; ``NotFoundError`` when the client has none."""
    for session in doc.sessions:
        if session.number == number:
            return session
    raise NotFoundError(f"client '{doc.client.id}' has no session {number}")


def held_sessions(doc: Document) -> list[Session]:
    """The sessions that took place, in session order: the one walk every series of the course
    (measures, mood, linkage, change since last time) is made over. A session cancelled or not
    attended keeps its date on the timeline and is left out of every series (DESIGN section 9)."""
    return sorted((s for s in doc.sessions if s.attended), key=lambda s: s.number)


def previous_session(doc: Document, number: int) -> Session | None:
    """The session that took place last before ``number`` (the highest lower number attended), if any:
    "since last time" skips a session that was missed."""
    earlier = [s for s in held_sessions(doc) if s.number < number]
    return earlier[-1] if earlier else None


def deceased_by(doc: Document, number: int) -> set[str]:
    """Ids of the people who had died by the date of session ``number`` (not counted from then)."""
    day = find_session(doc, number).date
    return {p.id for p in doc.people if not p.alive_on(day)}


def session_graph(doc: Document, number: int, *, include_deceased: bool = False) -> nx.Graph:
    """One session's network: the client, the people tied that session, ties and links.

    Parameters
    ----------
    doc : Document
    number : int
        The session number.
    include_deceased : bool
        Keep people who had died by the session's date, marked ``deceased=True``, with their
        links (for the picture). Measures ignore them either way.

    Examples
    --------
    >>> from ipt_network.model import parse_document
    >>> doc = parse_document({"format": "ipt-network", "version": 1,
    ...     "client": {"id": "c", "label": "A", "start_date": "2026-01-05"},
    ...     "people": [{"id": "mum", "name": "Mum", "role": "parent"}],
    ...     "sessions": [{"number": 1, "date": "2026-01-05", "phase": "initial",
    ...                   "ties": [{"person": "mum", "circle": 1, "support": 6, "conflict": 8}]}]})
    >>> G = session_graph(doc, 1)
    >>> sorted(G.nodes), G.edges["c", "mum"]["conflict"]
    (['c', 'mum'], 8)
    """
    session = find_session(doc, number)
    people = {p.id: p for p in doc.people}
    G = nx.Graph(client=doc.client.id, session=session.number, date=session.date, phase=session.phase.value)
    G.add_node(doc.client.id, kind="client", label=doc.client.label)
    shown: set[str] = set()
    for tie in session.ties:
        person = people[tie.person]
        deceased = not person.alive_on(session.date)
        if deceased and not include_deceased:
            continue
        shown.add(person.id)
        attrs = {"kind": "person", "name": person.name, "role": person.role.value, "deceased": deceased}
        if person.deceased_on is not None:
            attrs["deceased_on"] = person.deceased_on
        G.add_node(person.id, **attrs)
        G.add_edge(doc.client.id, person.id, **_tie_attributes(tie))
    for link in session.links:
        if link.a in shown and link.b in shown:
            G.add_edge(link.a, link.b, kind="link", support=link.support, conflict=link.conflict)
    return G


def _tie_attributes(tie: Tie) -> dict:
    attrs = {"kind": "tie", "circle": tie.circle, "support": tie.support, "conflict": tie.conflict}
    for name in _TIE_OPTIONAL:
        value = getattr(tie, name)
        if value not in (None, ""):
            attrs[name] = getattr(value, "value", value)
    return attrs


def client_node(G: nx.Graph) -> str:
    """The client's node id, stored on the graph by ``session_graph``."""
    return G.graph["client"]


def counted_graph(G: nx.Graph) -> nx.Graph:
    """``G`` without the people marked deceased (and so without their ties and links)."""
    gone = [v for v, dead in G.nodes(data="deceased") if dead]
    return G.subgraph(set(G) - set(gone)) if gone else G


def ties(G: nx.Graph) -> dict[str, dict]:
    """Person id → tie attributes, for the people counted in ``G``."""
    H = counted_graph(G)
    return dict(H[client_node(H)])


def links(G: nx.Graph) -> list[tuple[str, str, dict]]:
    """Links between people counted in ``G``, as ``(a, b, attributes)``."""
    H = counted_graph(G)
    return [(a, b, d) for a, b, d in H.edges(data=True) if d["kind"] == "link"]


def graph_to_session(G: nx.Graph, session: Session) -> Session:
    """``session`` with its ties and links replaced by those drawn in ``G``; mood, notes kept.

    The result is validated, so a graph with an out-of-range rating raises pydantic's error;
    use ``model.parse_document`` on the whole document for messages a person can act on.
    """
    client = client_node(G)
    new_ties, new_links = [], []
    for a, b, data in G.edges(data=True):
        fields = {k: v for k, v in data.items() if k != "kind"}
        if data["kind"] == "tie":
            person = b if a == client else a
            new_ties.append(Tie(person=person, **fields))
        else:
            new_links.append(Link(a=a, b=b, **fields))
    return Session.model_validate({**dict(session), "ties": new_ties, "links": new_links})


def name_lookup(*graphs: nx.Graph) -> NameOf:
    """A ``name_of`` function reading each person's name from the first graph that has them.

    Sentence builders take ``name_of`` (person id → display name) so that callers hiding names
    can pass initials or roles instead; this is the default.
    """

    def name_of(person: str) -> str:
        for G in graphs:
            if person in G:
                return G.nodes[person]["name"]
        return person

    return name_of
