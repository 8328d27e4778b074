"""One session's network as GraphML, for networkx, igraph, Gephi and other network tools.

The client is a node, like every person; ties (client–person) and links (person–person) are
edges told apart by ``kind``:

- graph: ``format`` ("ipt-network"), ``client``, ``start_date``, ``session``, ``date``, ``phase``
- client node: ``kind="client"``, ``label``
- person node: ``kind="person"``, ``label`` and ``name`` (the name, Gephi shows ``label``),
  ``role``, ``circle`` (1 inner, 2 middle, 3 outer), ``valence`` (supportive, ambivalent, aversive,
  indifferent), ``deceased`` (true when they had died by the session's date) and, when known,
  ``deceased_on``
- edge: ``kind`` ("tie" or "link"), ``support``, ``conflict``; ties also ``circle`` and, when
  recorded, ``contact``, ``focus``, ``note``, and ``rated`` false for a tie carried forward unrated

It carries the network only: the case frame of version 2 (goals, formulation, inventories, history,
relapse plan), mood, notes, events and risk stay in JSON and CSV.

Dates are ``YYYY-MM-DD`` text. GraphML cannot hold a missing value, so absent optional fields are
absent attributes. People who have died stay in the file, marked, as they stay in the picture.

Reading (DESIGN section 8): XML is parsed only after ``defusedxml`` has refused any DTD or entity
(a "billion laughs" file would otherwise expand to gigabytes); networkx then reads the graph,
and the result passes through ``model.parse_document`` like any JSON import, since networkx
itself accepts dangling edges, NaN ratings and duplicates without a word.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import defusedxml.ElementTree
import networkx as nx
from defusedxml import DefusedXmlException

from ipt_network.errors import ValidationError
from ipt_network.formats.atomic import write_atomic
from ipt_network.formats.limits import read_capped
from ipt_network.graph import find_session
from ipt_network.metrics import valence
from ipt_network.model import FORMAT_NAME, FORMAT_VERSION, Document, parse_document

_TIE_OPTIONAL = ("contact", "focus", "note")


def session_network(doc: Document, number: int) -> nx.Graph:
    """Session ``number`` as a graph holding only GraphML-safe values (text, integers, booleans)."""
    session = find_session(doc, number)
    people = {p.id: p for p in doc.people}
    client = doc.client
    G = nx.Graph(format=FORMAT_NAME, client=client.id, start_date=client.start_date.isoformat(),
                 session=session.number, date=session.date.isoformat(), phase=session.phase.value)
    G.add_node(client.id, kind="client", label=client.label)
    for tie in session.ties:
        person = people[tie.person]
        attrs = {"kind": "person", "label": person.name, "name": person.name, "role": person.role.value,
                 "circle": tie.circle, "valence": valence(tie.support, tie.conflict),
                 "deceased": not person.alive_on(session.date)}
        if person.deceased_on is not None:
            attrs["deceased_on"] = person.deceased_on.isoformat()
        G.add_node(person.id, **attrs)
        edge = {"kind": "tie", "support": tie.support, "conflict": tie.conflict, "circle": tie.circle}
        for name in _TIE_OPTIONAL:
            value = getattr(tie, name)
            if value not in (None, ""):
                edge[name] = getattr(value, "value", value)
        if not tie.rated:
            edge["rated"] = False
        G.add_edge(client.id, person.id, **edge)
    for link in session.links:
        G.add_edge(link.a, link.b, kind="link", support=link.support, conflict=link.conflict)
    return G


def dumps(doc: Document, number: int) -> bytes:
    """The GraphML bytes (UTF-8) of session ``number``."""
    buffer = io.BytesIO()
    nx.write_graphml(session_network(doc, number), buffer, encoding="utf-8")
    return buffer.getvalue()


def write(doc: Document, number: int, path: str | Path) -> None:
    """Write session ``number`` as GraphML, all at once (see ``write_atomic``)."""
    write_atomic(Path(path), dumps(doc, number))


# --- reading ---------------------------------------------------------------------------------


def loads(data: bytes, source: str | None = None) -> Document:
    """A one-session ``Document`` from GraphML written by ``dumps``, checked like a JSON import.

    Raises ``ValidationError`` for a DTD or entity, XML that is not well formed, GraphML that is
    not an ipt-network session, or any rule of the data model the graph breaks.
    """
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ValidationError("contains a DTD or entity declarations, which are refused for safety",
                              source) from None
    except defusedxml.ElementTree.ParseError as exc:
        raise ValidationError(f"is not well-formed XML ({exc})", source) from None
    try:
        G = nx.parse_graphml(data)
    except (nx.NetworkXError, ValueError, TypeError, KeyError) as exc:
        raise ValidationError(f"is not GraphML that can be read ({exc})", source) from None
    return parse_document(_document_data(G, source), source)


def read(path: str | Path) -> Document:
    """Read a GraphML file (at most ``limits.MAX_FILE_BYTES``); see ``loads``."""
    path = Path(path)
    try:
        data = read_capped(path)
    except ValidationError as exc:
        raise exc.with_source(str(path)) from None
    return loads(data, str(path))


def _document_data(G: nx.Graph, source: str | None) -> dict[str, Any]:
    """The JSON v1 shape of the graph, for ``parse_document`` to judge; only layout is checked here."""
    graph = G.graph
    if graph.get("format") != FORMAT_NAME:
        raise ValidationError("is not an ipt-network session (the graph has no format=\"ipt-network\")", source)
    clients = [v for v, kind in G.nodes(data="kind") if kind == "client"]
    if len(clients) != 1 or clients[0] != graph.get("client"):
        raise ValidationError(f"must have exactly one client node, the graph's client; found {len(clients)}",
                              source)
    client = clients[0]
    people, ties, links = [], [], []
    for node, attrs in G.nodes(data=True):
        if node == client:
            continue
        person = {"id": node, "name": attrs.get("name"), "role": attrs.get("role")}
        if "deceased_on" in attrs:
            person["deceased_on"] = attrs["deceased_on"]
        people.append(person)
    for a, b, attrs in G.edges(data=True):
        fields = {k: v for k, v in attrs.items() if k not in ("kind", "id")}
        if attrs.get("kind") == "tie" and client in (a, b):
            ties.append({"person": b if a == client else a, **fields})
        elif attrs.get("kind") == "link" and client not in (a, b):
            links.append({"a": a, "b": b, **fields})
        else:
            raise ValidationError(f"edge '{a}'–'{b}': kind must be \"tie\" (with the client) or \"link\" "
                                  f"(between two people), got {attrs.get('kind')!r}", source)
    return {
        "format": FORMAT_NAME, "version": FORMAT_VERSION,
        "client": {"id": client, "label": G.nodes[client].get("label"), "start_date": graph.get("start_date")},
        "people": people,
        "sessions": [{"number": graph.get("session"), "date": graph.get("date"), "phase": graph.get("phase"),
                      "ties": ties, "links": links}],
    }
