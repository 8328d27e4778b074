"""Linking a life event of the session on show to the people it involved and to how mood went.

Events are typed one per line with the session's details; this says, for one of them, with whom it
happened and whether the client felt better or worse with it (DESIGN.md section 9), which puts it on
the mood chart and lights its people on the circle. The event is chosen by its place in the session,
so its people and mood stay with it when its words are edited. Nothing here knows about Dash.
"""

from __future__ import annotations

from ipt_network.errors import ValidationError
from ipt_network.model import Document, EventMood, event_text
from ipt_network.ui.editing import Change, Edit, save_session_record, saved_session

NOT_SAID = ""
"""The mood choice for an event the client did not link to feeling better or worse."""


def event_choices(doc: Document, number: int, *, hidden: bool) -> list[dict]:
    """The session's events as options (value: the event's place), by their words; "Event 2" while
    names are hidden, as their words may name people."""
    events = doc.session(number).events
    return [{"label": f"Event {i}" if hidden else event_text(event), "value": i - 1}
            for i, event in enumerate(events, 1)]


def event_link(doc: Document, number: int, index: int) -> tuple[list[str], str]:
    """The people and the mood (``NOT_SAID`` when none) stored with event ``index`` of the session."""
    event = doc.session(number).events[index]
    if isinstance(event, str):
        return [], NOT_SAID
    return list(event.people), event.mood.value if event.mood else NOT_SAID


def link_event(edit: Edit, index: int | None, people: list[str] | None, mood: str | None) -> Change:
    """Save with whom event ``index`` of the session on show happened and how mood went with it."""
    doc = edit.course().document
    events = list(saved_session(doc, edit.number)["events"])
    if index is None or not 0 <= index < len(events):
        raise ValidationError("choose the event (add it under “Life events” and save the details first)")
    known = {person.id for person in doc.people}
    chosen = list(dict.fromkeys(people or []))
    if any(person not in known for person in chosen):
        raise ValidationError("someone chosen is no longer in the record; reload the page")
    if mood not in {NOT_SAID, None, *EventMood}:
        raise ValidationError("choose better, worse, or not said")
    events[index] = {"text": event_text(events[index]), "people": chosen, "mood": mood or None}
    return save_session_record(edit, events=events)
