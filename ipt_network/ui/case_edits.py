"""Edits of the case card: from its fields to the saved case frame and a session's goal progress.

The case frame is one record (``Store.save_case``), saved with the version the page holds, so a
second tab that saved first makes this save refused as stale; the store checks it against the whole
course with the model's rules, so a refusal reads as it would on import (an onset or an event before
therapy dated after the start, a person no longer in the map). A goal's status is part of the
session on show (its ``goal_progress``). Typed text (the formulation, a goal's words, an event's
words, the relapse plan's lines) comes as ``None`` while names are hidden: the stored text is kept.
Nothing here knows about Dash.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ipt_network.case import goal_states
from ipt_network.errors import ValidationError
from ipt_network.figures.style import day
from ipt_network.model import Document, GoalProgress, GoalStatus, ProblemArea
from ipt_network.store import CASE_KEY, case_fields
from ipt_network.ui.editing import Change, Edit, parse_date, parse_whole, saved_session

NEW = "new"
"""The choice that adds a goal, or an event before therapy."""


def optional_number(value: Any, label: str, top: int, recorded: Document | None = None) -> int | None:
    """A whole number 1–``top`` typed in a box (a number box sends ``3.0`` for 3), ``None`` when it is empty;
    with ``recorded``, one of that course's sessions (what was agreed or taken happened at one of them)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        number = parse_whole(value, label, top)
    except ValidationError:
        number = None
    if not number:
        raise ValidationError(f"{label} must be a whole number 1–{top}, or empty (got “{str(value).strip()[:40]}”)")
    numbers = {session.number for session in recorded.sessions} if recorded else None
    if numbers is not None and number not in numbers:
        last = f"the last is session {max(numbers)}" if numbers else "none is recorded yet"
        raise ValidationError(f"{label} {number}: there is no such session in the record ({last})")
    return number


def save_frame(edit: Edit, planned: Any, areas: list[str] | None, agreed_at: Any, formulation: str | None,
               shared_at: Any, onset: Any) -> Change:
    """Save the planned sessions, the problem areas (one or two) with the session they were agreed at,
    the formulation with the session it was shared at, and the onset (empty clears it).
    ``formulation`` ``None`` keeps the stored one."""
    areas = list(areas or [])
    if not 1 <= len(areas) <= 2:
        raise ValidationError("choose one or two problem areas")
    doc = edit.course().document
    fields = {"planned_sessions": optional_number(planned, "Planned sessions", 52),
              "problem_areas": [ProblemArea(area).value for area in areas],
              "areas_agreed_at": optional_number(agreed_at, "Agreed at session", 999, doc),
              "formulation_shared_at": optional_number(shared_at, "Shared at session", 999, doc)}
    when = parse_date(onset, "The onset", required=False)
    fields["onset"] = when.isoformat() if when else None
    if formulation is not None:
        fields["formulation"] = formulation.strip()
    return _save_case(edit, doc, fields, unchanged="nothing was changed in the focus, plan and formulation")


def save_goal(edit: Edit, goal_id: str | None, area: str | None, text: str | None, status: str | None) -> list[Change]:
    """Add a goal (``goal_id`` ``NEW``) or change one's area and words, and record its status at the
    session on show (there is none before the first session); returns the changes made. ``text`` ``None``
    keeps the stored words."""
    if not goal_id:
        raise ValidationError("choose a goal, or add a new one")
    if not area:
        raise ValidationError("choose the goal's area, one of the agreed problem areas")
    doc = edit.course().document
    goals = [goal.model_dump(mode="json") for goal in doc.client.goals]
    if goal_id == NEW:
        if not (text or "").strip():
            raise ValidationError("write the goal in words to add it (show names to type it)")
        goal_id = _new_goal_id(goals)
        goals.append({"id": goal_id, "area": area, "text": text.strip()})
    else:
        goal = next((g for g in goals if g["id"] == goal_id), None)
        if goal is None:
            raise ValidationError("this goal is no longer in the record; reload the page")
        goal.update(area=area, text=goal["text"] if text is None else text.strip())
    made = []
    if goals != [goal.model_dump(mode="json") for goal in doc.client.goals]:
        made.append(_save_case(edit, doc, {"goals": goals}))
        doc = edit.course().document
    if status is not None and edit.number is not None:
        progress = _save_status(edit, doc, goal_id, GoalStatus(status))
        if progress is not None:
            made.append(progress)
    if not made:
        raise ValidationError("nothing was changed in this goal")
    return made


def history_choices(doc: Document, *, hidden: bool) -> list[dict]:
    """The events before therapy by date, as options (value: the event's place in the record), then the
    choice that adds one: "14 Mar 2025 · Luis died", or "14 Mar 2025 · Event 1" while names are hidden
    (the words may name people)."""
    by_date = sorted(enumerate(doc.client.history), key=lambda placed: placed[1].date)
    return [{"label": f"{day(event.date)} · {f'Event {n}' if hidden else event.text}", "value": index}
            for n, (index, event) in enumerate(by_date, 1)] + [{"label": "Add an event before therapy", "value": NEW}]


def save_history(edit: Edit, index: int | str | None, date: Any, text: str | None,
                 people: list[str] | None) -> Change:
    """Add an event before therapy (``index`` ``NEW``) or change the one at ``index``: its date, words and
    the people it involved. The history is kept in date order. ``text`` ``None`` keeps the stored words."""
    doc = edit.course().document
    history = [event.model_dump(mode="json") for event in doc.client.history]
    when = parse_date(date, "The date of the event")
    if index == NEW:
        if not (text or "").strip():
            raise ValidationError("write what happened to add it (show names to type it)")
        entry = {}
        history.append(entry)
    else:
        entry = _history_entry(history, index)
    entry.update(date=when.isoformat(), text=entry["text"] if text is None else text.strip(),
                 people=list(dict.fromkeys(people or [])))
    return _save_case(edit, doc, {"history": sorted(history, key=lambda event: event["date"])},
                      unchanged="nothing was changed in this event")


def remove_history(edit: Edit, index: int | str | None) -> Change:
    """Take the event before therapy at ``index`` out of the history."""
    doc = edit.course().document
    history = [event.model_dump(mode="json") for event in doc.client.history]
    history.remove(_history_entry(history, index))
    return _save_case(edit, doc, {"history": history})


def save_relapse_plan(edit: Edit, warning_signs: str | None, actions: str | None, people: list[str] | None) -> Change:
    """Save the relapse plan: warning signs and actions one per line (``None`` keeps the stored ones,
    while names are hidden) and the people to turn to, chosen from the map. A plan emptied is no plan."""
    doc = edit.course().document
    stored = case_fields(doc.client)["relapse_plan"] or {"warning_signs": [], "actions": []}
    plan = {"warning_signs": stored["warning_signs"] if warning_signs is None else _lines(warning_signs),
            "actions": stored["actions"] if actions is None else _lines(actions),
            "people": list(dict.fromkeys(people or []))}
    return _save_case(edit, doc, {"relapse_plan": plan if any(plan.values()) else None},
                      unchanged="nothing was changed in the relapse plan")


def goal_status(doc: Document, number: int, goal_id: str) -> str:
    """The goal's status at session ``number`` (``not_started`` before any session recorded one)."""
    return next((state.status.value for state in goal_states(doc, number) if state.goal.id == goal_id),
                GoalStatus.NOT_STARTED.value)


def _save_case(edit: Edit, doc: Document, fields: dict, unchanged: str = "nothing was changed") -> Change:
    before = case_fields(doc.client)
    after = {**before, **fields}
    if after == before:
        raise ValidationError(unchanged)
    version = edit.store.save_case(edit.client_id, fields, expected_version=edit.expected(CASE_KEY), tab=edit.tab)
    return Change("case", None, CASE_KEY, before, after, version)


def _save_status(edit: Edit, doc: Document, goal_id: str, status: GoalStatus) -> Change | None:
    """Record the goal's status in the session on show; ``None`` when that is its status there already."""
    number = edit.number
    if goal_status(doc, number, goal_id) == status.value:
        return None
    session = doc.session(number)
    progress = [p for p in session.goal_progress if p.goal != goal_id] + [GoalProgress(goal=goal_id, status=status)]
    before = {**saved_session(doc, number), "goal_progress": [p.model_dump(mode="json") for p in session.goal_progress]}
    after = {**before, "goal_progress": [p.model_dump(mode="json") for p in progress]}
    key = ("session", number)
    version = edit.store.update_session(
        edit.client_id, number, date=dt.date.fromisoformat(before["date"]), phase=before["phase"],
        notes=before["notes"], events=before["events"], goal_progress=progress,
        expected_version=edit.expected(key), tab=edit.tab)
    return Change("session", number, key, before, after, version)


def _history_entry(history: list[dict], index: Any) -> dict:
    if index is None:
        raise ValidationError("choose an event before therapy, or add one")
    if not isinstance(index, int) or not 0 <= index < len(history):
        raise ValidationError("choose an event before therapy (this one is no longer in the record; reload the page)")
    return history[index]


def _lines(text: str) -> list[str]:
    """Text typed one entry per line; blank lines are dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _new_goal_id(goals: list[dict]) -> str:
    taken = {goal["id"] for goal in goals}
    return next(f"g-{n}" for n in range(1, len(taken) + 2) if f"g-{n}" not in taken)
