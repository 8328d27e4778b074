"""A copy of a client's record with nothing in it that names anyone, for exports with names hidden.

Hiding names must reach every byte of an export: labels in pictures, sentences in the note,
attributes in GraphML, cells in CSV. Rather than trusting every renderer to remember, exports
with names hidden are made from this copy, in which

- each person is called by their role, as on screen ("Partner", "Friend 1", "Friend 2"),
- the client is called "Client",
- ids are replaced by neutral ones (``client``, ``p01``, ``p02``, …), since ids are often made from
  names (``c-ana``, ``p-mum``),
- every free text a person typed (client, person, session and tie notes, life events, the risk
  record's note) is left empty, as it may name people.

Dates, roles, rings, ratings and mood scores stay: they are what the export is for. So does every
safety signal: PHQ-9 item 9 and the risk record (assessed, level, plan in place); hiding names
never drops one.
"""

from __future__ import annotations

from ipt_network.figures import display_namer
from ipt_network.model import Document, Session

CLIENT_LABEL = "Client"
CLIENT_ID = "client"


def without_names(doc: Document) -> Document:
    """``doc`` with names, ids and free text replaced as the module describes."""
    shown = display_namer(doc, "roles")
    new_id = {doc.client.id: CLIENT_ID}
    new_id.update({person.id: f"p{index:02d}" for index, person in enumerate(doc.people, start=1)})
    people = [person.model_copy(update={"id": new_id[person.id], "name": shown(person.id), "notes": ""})
              for person in doc.people]
    client = doc.client.model_copy(update={"id": CLIENT_ID, "label": CLIENT_LABEL, "notes": ""})
    sessions = [_session(session, new_id) for session in doc.sessions]
    return doc.model_copy(update={"client": client, "people": people, "sessions": sessions})


def _session(session: Session, new_id: dict[str, str]) -> Session:
    ties = [tie.model_copy(update={"person": new_id[tie.person], "note": ""}) for tie in session.ties]
    links = [link.model_copy(update={"a": new_id[link.a], "b": new_id[link.b]}) for link in session.links]
    risk = session.risk.model_copy(update={"note": ""}) if session.risk else None
    return session.model_copy(update={"notes": "", "events": [], "ties": ties, "links": links, "risk": risk})
