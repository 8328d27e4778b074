"""A copy of a client's record with nothing in it that names anyone, for exports with names hidden.

Hiding names must reach every byte of an export: labels in pictures, sentences in the note,
attributes in GraphML, cells in CSV. Rather than trusting every renderer to remember, exports
with names hidden are made from this copy, in which

- each person is called by their role, as on screen ("Partner", "Friend 1", "Friend 2"),
- the client is called "Client",
- ids are replaced by neutral ones (``client``, ``p01``, ``p02``, …, goals ``g01``, …), since ids are
  often made from names (``c-ana``, ``p-mum``, ``g-asha``),
- every free text a person typed (client, person, session and tie notes, life events, the risk
  record's note, the formulation, the inventory's words) is left empty, as it may name people;
  texts that must have words are replaced by neutral ones ("Goal 1", "An event before therapy",
  "Left out with names hidden" for each warning sign and action of the relapse plan), so the copy
  is still a valid record and counts stay right; a goal keeps its area and progress,
- a life event linked to people or to mood keeps its people (by their new ids) and whether mood was
  better or worse, without its words: the mood chart can still mark it.

Dates, roles, rings, ratings, mood scores, attendance, the contract and the inventory's yes-or-no
answers stay: they are what the export is for. So does every
safety signal: PHQ-9 item 9 and the risk record (assessed, level, plan in place); hiding names
never drops one.
"""

from __future__ import annotations

from ipt_network.figures import display_namer
from ipt_network.model import Client, Document, Event, Person, Session

CLIENT_LABEL = "Client"
CLIENT_ID = "client"
LEFT_OUT = "Left out with names hidden"


def without_names(doc: Document) -> Document:
    """``doc`` with names, ids and free text replaced as the module describes."""
    shown = display_namer(doc, "roles")
    new_id = {doc.client.id: CLIENT_ID}
    new_id.update({person.id: f"p{index:02d}" for index, person in enumerate(doc.people, start=1)})
    goal_id = {goal.id: f"g{index:02d}" for index, goal in enumerate(doc.client.goals, start=1)}
    people = [_person(person, new_id[person.id], shown(person.id)) for person in doc.people]
    sessions = [_session(session, new_id, goal_id) for session in doc.sessions]
    return doc.model_copy(update={"client": _client(doc.client, new_id, goal_id), "people": people,
                                  "sessions": sessions})


def _client(client: Client, new_id: dict[str, str], goal_id: dict[str, str]) -> Client:
    goals = [goal.model_copy(update={"id": goal_id[goal.id], "text": f"Goal {index}"})
             for index, goal in enumerate(client.goals, start=1)]
    history = [event.model_copy(update={"text": "An event before therapy", "people": [new_id[p] for p in event.people]})
               for event in client.history]
    plan = client.relapse_plan
    if plan is not None:
        plan = plan.model_copy(update={"warning_signs": [LEFT_OUT] * len(plan.warning_signs),
                                       "actions": [LEFT_OUT] * len(plan.actions),
                                       "people": [new_id[p] for p in plan.people]})
    return client.model_copy(update={"id": CLIENT_ID, "label": CLIENT_LABEL, "notes": "", "formulation": "",
                                     "goals": goals, "history": history, "relapse_plan": plan})


def _person(person: Person, new_id: str, name: str) -> Person:
    inventory = person.inventory
    if inventory is not None:
        inventory = inventory.model_copy(update={"good": "", "hard": "", "expectations": "", "wants_changed": ""})
    return person.model_copy(update={"id": new_id, "name": name, "notes": "", "inventory": inventory})


def _session(session: Session, new_id: dict[str, str], goal_id: dict[str, str]) -> Session:
    ties = [tie.model_copy(update={"person": new_id[tie.person], "note": ""}) for tie in session.ties]
    links = [link.model_copy(update={"a": new_id[link.a], "b": new_id[link.b]}) for link in session.links]
    risk = session.risk.model_copy(update={"note": ""}) if session.risk else None
    events = [event.model_copy(update={"text": "", "people": [new_id[p] for p in event.people]})
              for event in session.events if isinstance(event, Event)]
    progress = [p.model_copy(update={"goal": goal_id[p.goal]}) for p in session.goal_progress]
    return session.model_copy(update={"notes": "", "events": events, "ties": ties, "links": links, "risk": risk,
                                      "goal_progress": progress})
