"""Edits made in the session: from grid cells and form fields to saved records, and back again.

Every edit here starts from the record as stored now, changes only what the person changed,
and saves it with the version the page was showing (an ``Edit`` carries them, with the page's
name), so the store refuses it when another tab saved first. A grid cell is checked more finely:
refused when the stored cell no longer holds what the page showed (see ``save_cell``). Each saved
edit is returned as a ``Change``: enough to say what happened in plain words and to tell the page
the record's new version. The store's change log keeps every change; Undo names one by number
and the store decides what putting it back means.
Nothing here knows about Dash; the callbacks pass plain values in and show the results.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import pydantic

from ipt_network.errors import StaleEditError, ValidationError
from ipt_network.figures.style import day
from ipt_network.model import (
    INSTRUMENT_ITEMS,
    INSTRUMENT_MAX,
    Attendance,
    Document,
    Instrument,
    Link,
    MoodScore,
    Person,
    Phase,
    Role,
    Session,
    Tie,
    event_text,
    text_problem,
)
from ipt_network.scales import band
from ipt_network.store import STALE_MESSAGE, Course, LoggedChange, Store, undoable
from ipt_network.words import plural

YES, NO = "yes", "no"
"""Values of the grid's "In this session" column."""

NONE = ""
"""The grid's menu value for no contact recorded or no focus."""

NEW_TIE = {"circle": 3, "support": 0, "conflict": 0}
"""Where a person added to a session starts: the outer ring, no support and no conflict yet."""

RINGS = {1: "inner", 2: "middle", 3: "outer"}

TIE_FIELDS = {"circle": "ring", "support": "support", "conflict": "conflict", "rated": "rated this session",
              "contact": "contact", "note": "note", "focus": "focus"}
"""Tie fields in the order they are described, with the word a person reads."""

RATING_FIELDS = ("support", "conflict")

_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Namer = Callable[[str], str]


# --- the versions a page holds ----------------------------------------------------------------


def version_key(key: Iterable) -> str:
    """A store version key as text, for the page's memory store: ``["tie", 3, "p-dan"]``."""
    return json.dumps(list(key), ensure_ascii=False)


def page_versions(course: Course) -> dict[str, int]:
    """Every record version of a loaded client, keyed by ``version_key``."""
    return {version_key(key): version for key, version in course.versions.items()}


def _expected(versions: dict[str, int], key: tuple) -> int | None:
    return versions.get(version_key(key))


# --- reading values typed by a person ---------------------------------------------------------


def _as_typed(value: Any) -> str:
    """A refused value as the person typed it, for the message: ``12``, ``7.5``, or "nothing"."""
    text = "" if value is None else str(value).strip()
    return f"“{text[:40]}”" if text else "nothing"


def parse_rating(value: Any, label: str) -> int:
    """A rating typed in a cell or a box: a whole number 0–10, nothing else.

    The grid may hand over text ("7", " 7 ") or a number; ``7.5``, ``""``, ``True`` and ``"12"``
    are refused rather than rounded or read as something else.

    >>> parse_rating(" 7", "Support")
    7
    """
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        number = None
    if number is None or not 0 <= number <= 10:
        raise ValidationError(f"{label} must be a whole number 0–10 (got {_as_typed(value)})")
    return number


def parse_whole(value: Any, label: str, top: int) -> int:
    """A whole number 0–``top`` typed in a box (a questionnaire total)."""
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not _WHOLE_NUMBER.fullmatch(text) or int(text) > top:
        raise ValidationError(f"{label} must be a whole number 0–{top} (got {_as_typed(value)})")
    return int(text)


def parse_date(value: Any, label: str, *, required: bool = True) -> dt.date | None:
    """A date written ``YYYY-MM-DD``; empty is ``None`` when not ``required``."""
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text and not required:
        return None
    try:
        if _DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValidationError(f"{label} must be a date written YYYY-MM-DD, such as 2026-03-02 (got {_as_typed(value)})")


def event_lines(text: str | None, stored: Iterable[str | dict] = ()) -> list[str | dict]:
    """Life events typed one per line; blank lines are dropped. A line that is the text of a ``stored``
    event (JSON data) keeps that event whole, with the people it names and how mood went: editing the
    other lines loses none of it."""
    kept = {event_text(event): event for event in reversed(list(stored))}
    return [kept.get(line, line) for line in (line.strip() for line in (text or "").splitlines()) if line]


def checked_record(model: type[pydantic.BaseModel], data: dict, what: str) -> Any:
    """``data`` as a model record; the model's refusal as a ``ValidationError`` naming the field."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError([f"{what}: {_problem(e)}" for e in exc.errors()]) from None


def _problem(error: dict) -> str:
    field = ".".join(map(str, error["loc"]))
    if error["type"] == "string_pattern_mismatch":
        return text_problem(field, error["input"])
    return f"{field} {error['msg'][:1].lower()}{error['msg'][1:]}"


# --- one change, and how to put it back ---------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Edit:
    """Who edits what: the store, the client, the session on show, the versions the page holds, the page.

    One value instead of the same five arguments to every edit.
    """

    store: Store
    client_id: str
    number: int | None = None
    versions: dict[str, int] = dataclasses.field(default_factory=dict)
    tab: str | None = None

    def expected(self, key: tuple) -> int | None:
        return _expected(self.versions, key)

    def course(self) -> Course:
        return self.store.load(self.client_id)


@dataclasses.dataclass(frozen=True)
class Change:
    """One saved edit: the record before and after (JSON data, ``None`` when absent) and its new version.

    ``removed_links`` are the links that went with a person taken out of a session; ``undoes`` the
    number of the change an undo undid.
    """

    kind: str
    session: int | None
    key: tuple
    before: dict | None
    after: dict | None
    version: int | None
    removed_links: tuple[dict, ...] = ()
    undoes: int | None = None

    def to_data(self) -> dict:
        """Plain JSON data for the page's memory store."""
        return {**dataclasses.asdict(self), "key": list(self.key), "removed_links": list(self.removed_links)}

    @classmethod
    def from_data(cls, data: dict) -> Change:
        return cls(**{**data, "key": tuple(data["key"]), "removed_links": tuple(data["removed_links"])})

    @classmethod
    def logged(cls, logged: LoggedChange) -> Change:
        """A change as the change log holds it."""
        key = logged.change.record
        removed = tuple(c.before for c in logged.related if c.record[0] == "link" and c.after is None)
        session = key[1] if key[0] in ("tie", "link", "mood", "session") else None
        return cls(key[0], session, key, logged.change.before, logged.change.after, logged.revision, removed,
                   logged.undoes)


def _write(edit: Edit, kind: str, key: tuple, before: dict | None, record: dict | None) -> int | None:
    """Save ``record`` (or remove the record under ``key`` when it is ``None``); returns the new version.
    A person already stored is saved as the fields that differ from ``before``, merged in the store's
    transaction, so a quick second save from the page cannot put back a field the first one changed."""
    store, client_id, session, expected, tab = edit.store, edit.client_id, edit.number, edit.expected(key), edit.tab
    if kind == "tie":
        if record is None:
            store.remove_tie(client_id, session, key[2], expected, tab=tab)
            return None
        return store.save_tie(client_id, session, Tie.model_validate(record), expected_version=expected, tab=tab)
    if kind == "link":
        if record is None:
            store.remove_link(client_id, session, key[2], key[3], expected, tab=tab)
            return None
        return store.save_link(client_id, session, Link.model_validate(record), expected_version=expected, tab=tab)
    if kind == "mood":
        return store.save_mood(client_id, session, MoodScore.model_validate(record), expected_version=expected,
                               tab=tab)
    if kind == "person":
        if before is None:
            return store.save_person(client_id, Person.model_validate(record), expected_version=expected, tab=tab)
        changed = {field: value for field, value in record.items() if before.get(field) != value}
        return store.change_person(client_id, key[1], changed, expected_version=expected, tab=tab)
    return store.update_session(client_id, session, date=dt.date.fromisoformat(record["date"]),
                                phase=record["phase"], notes=record["notes"], events=record["events"],
                                attendance=record["attendance"], expected_version=expected, tab=tab)


def _save(edit: Edit, key: tuple, before: dict | None, after: dict | None,
          removed_links: tuple[dict, ...] = ()) -> Change:
    kind = key[0]
    version = _write(edit, kind, key, before, after)
    return Change(kind, edit.number if kind != "person" else None, key, before, after, version, removed_links)


def undo(edit: Edit, number: int) -> Change:
    """Undo change ``number`` of the client, as the store decides; returns the change the undo made."""
    return Change.logged(edit.store.undo(edit.client_id, number, tab=edit.tab))


def offered_undo(changes: list[LoggedChange]) -> LoggedChange | None:
    """The change Undo offers, from the client's latest changes (newest first): the latest one, when it
    can be undone (an undo itself cannot, so it was not undone yet). Read from the store's log, so
    Undo survives a reload."""
    return changes[0] if changes and undoable(changes[0]) else None


# --- the grid of this session's ties ----------------------------------------------------------


def grid_rows(doc: Document, number: int, display_name: Namer, *, notes: bool = True) -> list[dict]:
    """One row per person of the course, in the order they were recorded; people not tied this session
    have ``in_session`` "no" and empty ratings. ``notes`` ``False`` leaves the notes out (they may name
    people, so they stay off screen while names are hidden)."""
    ties = {tie.person: tie for tie in doc.session(number).ties}
    rows = []
    for person in doc.people:
        name = display_name(person.id)
        if person.deceased_on:
            name += f" (died {day(person.deceased_on)})"
        cells = tie_cells(ties.get(person.id))
        if not notes:
            del cells["note"]
        rows.append({"id": person.id, "name": name, **cells})
    return rows


def tie_cells(tie: Tie | None) -> dict[str, Any]:
    """A tie as its grid row shows it (``None``: the person is not in this session)."""
    values = tie.model_dump(mode="json") if tie else {}
    return {"in_session": YES if tie else NO,
            **{field: values.get(field) for field in ("circle", "support", "conflict")},
            "rated": (YES if tie.rated else NO) if tie else None,
            **{field: values.get(field) for field in ("contact", "focus")},
            "note": values.get("note", "")}


Cell = tuple[str, str, Any, Any]
"""A grid cell to save: ``(person id, column, value, value shown before)``."""


def grid_edits(changed: list[dict], drawn: list[dict], showing: list[dict]) -> list[Cell]:
    """The cells to save after an edit in the grid: each cell just ``changed`` (the grid's
    ``cellValueChanged``: ``rowId``, ``colId``, ``value``, ``oldValue``), then any other cell the grid
    ``showing`` holds differently from the grid as the server ``drawn`` it, so an edit whose own save
    never reached the server is saved with the next rather than left on screen unsaved."""
    edited = [(change["rowId"], change["colId"], change["value"], change["oldValue"]) for change in changed]
    seen = {(person, column) for person, column, _, _ in edited}
    return edited + [cell for cell in changed_cells(drawn, showing) if cell[:2] not in seen]


def changed_cells(drawn: list[dict], current: list[dict]) -> list[Cell]:
    """Every cell ``current`` holds differently from the grid as the server drew it (``drawn``), as
    ``(person id, column, value, value drawn)``."""
    rows = {row["id"]: row for row in drawn}
    return [(row["id"], column, value, rows[row["id"]][column]) for row in current if row["id"] in rows
            for column, value in row.items()
            if column in rows[row["id"]] and _as_cell(value) != _as_cell(rows[row["id"]][column])]


def redrawn_cells(rows: list[dict], drawn: list[dict], showing: list[dict], *,
                  refused: bool = False) -> dict[str, dict[str, Any]] | None:
    """The cells to set so a grid drawn as ``drawn`` and now ``showing`` what was typed shows the stored
    ``rows``, as ``{person id: {column: value}}``: each cell whose stored value moved since it was drawn
    (someone else's change, or defaults filled in) or, after a ``refused`` save, was typed over, and
    that does not show it already; ``None`` when the grid must be drawn whole (other people or other
    columns). A cell saved as typed is left alone, so a redraw never touches a cell being typed in."""
    def shape(table: list[dict]) -> list[tuple[str, list[str]]]:
        return [(row["id"], sorted(row)) for row in table]
    if shape(rows) != shape(drawn) or [row["id"] for row in showing] != [row["id"] for row in rows]:
        return None
    cells = {}
    for row, before, now in zip(rows, drawn, showing, strict=True):
        moved = {column: value for column, value in row.items()
                 if (refused or _as_cell(value) != _as_cell(before[column]))
                 and _as_cell(value) != _as_cell(now.get(column))}
        if moved:
            cells[row["id"]] = moved
    return cells


def _as_cell(value: Any) -> str:
    """A cell's value as text, so a typed "7" and a stored 7 (or an empty cell and no value) compare equal."""
    return "" if value is None else str(value).strip()


def tie_after_cell(tie: Tie | None, person_id: str, column: str, value: Any) -> dict | None:
    """The tie as it becomes when one grid cell is set: JSON data, or ``None`` for "not in this session"."""
    if column == "in_session":
        if value not in (YES, NO):
            raise ValidationError("choose Yes or No under “In this session”")
        if value == NO:
            return None
        return tie.model_dump(mode="json") if tie else {"person": person_id, **NEW_TIE}
    if tie is None:
        raise ValidationError("this person is not in this session; choose Yes under “In this session” first")
    data = tie.model_dump(mode="json")
    if column in RATING_FIELDS:
        data[column] = parse_rating(value, column.capitalize())
        data["rated"] = True  # a rating given this session: no longer a copy carried forward
    elif column == "rated":  # kept as they were, now said to be this session's own ratings (or not)
        if value not in (YES, NO):
            raise ValidationError("choose This session or Carried forward under “Rated”")
        data[column] = value == YES
    elif column == "circle":
        if value not in RINGS:
            raise ValidationError("Ring must be 1 (inner), 2 (middle) or 3 (outer)")
        data[column] = value
    elif column in ("contact", "focus"):
        data[column] = value or None
    elif column == "note":
        data[column] = value if isinstance(value, str) else ""
    else:
        raise ValidationError(f"the column “{column}” cannot be changed here")
    checked_record(Tie, data, "tie")
    return data


def save_cells(edit: Edit, cells: list[Cell]) -> list[Change]:
    """Save each changed grid cell (``save_cell``); the changes made, none for a cell already stored as
    typed (an earlier request carried it)."""
    return [change for change in (save_cell(edit, *cell) for cell in cells) if change is not None]


def save_cell(edit: Edit, person_id: str, column: str, value: Any, shown: Any) -> Change | None:
    """Save one changed grid cell as the tie it describes (added, changed or taken out of the session);
    ``None`` when the tie already holds it.

    ``shown`` is what the cell showed before the change. The edit is stale, and refused, exactly when
    the stored cell no longer holds it and not what was typed either: someone changed this cell
    elsewhere. A save of another cell of the same tie since the page was drawn is no reason to refuse
    (ratings typed one after another reach the store before the page hears back), and only this cell
    is written.
    """
    course = edit.course()
    session = course.document.session(edit.number)
    tie = next((t for t in session.ties if t.person == person_id), None)
    before = tie.model_dump(mode="json") if tie else None
    if _as_cell(tie_cells(tie).get(column)) != _as_cell(shown):
        if _holds(tie, person_id, column, value):
            return None
        raise StaleEditError(STALE_MESSAGE)
    after = tie_after_cell(tie, person_id, column, value)
    if after == before:
        return None
    key = ("tie", edit.number, person_id)
    # The version just read, not the page's: still refused if the tie moves on before the write.
    edit = dataclasses.replace(edit, versions={version_key(key): course.versions.get(key)})
    removed = ()
    if after is None and tie is not None:
        removed = tuple(link.model_dump(mode="json") for link in session.links if person_id in (link.a, link.b))
    return _save(edit, key, before, after, removed)


def _holds(tie: Tie | None, person_id: str, column: str, value: Any) -> bool:
    """Whether the stored tie already is what setting this cell would make it."""
    try:
        return tie_after_cell(tie, person_id, column, value) == (tie.model_dump(mode="json") if tie else None)
    except ValidationError:
        return False


# --- links between two people ----------------------------------------------------------------


def link_pairs(doc: Document, number: int) -> list[tuple[str, str, int, int]]:
    """This session's links as ``(a, b, support, conflict)`` with ``a < b``, in a stable order."""
    pairs = [(*sorted((link.a, link.b)), link.support, link.conflict) for link in doc.session(number).links]
    return sorted(pairs)


def save_link(edit: Edit, a: str | None, b: str | None, support: Any, conflict: Any) -> Change:
    """Add or change how two people of this session get on."""
    if not a or not b:
        raise ValidationError("choose two people for the link")
    if a == b:
        raise ValidationError("choose two different people for the link")
    a, b = sorted((a, b))
    record = {"a": a, "b": b, "support": parse_rating(support, "Support"),
              "conflict": parse_rating(conflict, "Conflict")}
    session = edit.course().document.session(edit.number)
    old = next((link for link in session.links if link.pair == {a, b}), None)
    before = {**old.model_dump(mode="json"), "a": a, "b": b} if old else None
    return _save(edit, ("link", edit.number, a, b), before, record)


def remove_link(edit: Edit, a: str, b: str) -> Change:
    """Remove the link between two people in this session."""
    a, b = sorted((a, b))
    session = edit.course().document.session(edit.number)
    old = next((link for link in session.links if link.pair == {a, b}), None)
    if old is None:
        raise ValidationError("this link is no longer there")
    before = {**old.model_dump(mode="json"), "a": a, "b": b}
    return _save(edit, ("link", edit.number, a, b), before, None)


# --- mood --------------------------------------------------------------------------------------


ITEMS, TOTAL = "items", "total"
"""The two ways of recording a questionnaire: answer by answer, or the total only."""


def mood_after(instrument: str, mode: str, items: list[Any], total: Any) -> dict:
    """The mood score a form describes, as JSON data; every item must be answered in item mode."""
    kind = Instrument(instrument)
    count = INSTRUMENT_ITEMS.get(kind)
    if count and mode == ITEMS:
        answers = list(items[:count])
        missing = sum(answer is None for answer in answers)
        if missing:
            raise ValidationError(f"{plural(missing, 'item')} of {kind.value} not answered yet; "
                                  "answer every item, or choose “Total only”")
        if any(answer not in (0, 1, 2, 3) for answer in answers):
            raise ValidationError(f"{kind.value} answers must each be 0, 1, 2 or 3")
        return {"instrument": kind.value, "score": sum(answers), "items": answers}
    score = parse_whole(total, f"The {kind.value} total", INSTRUMENT_MAX[kind])
    return {"instrument": kind.value, "score": score, "items": None}


def live_total(instrument: str, items: list[Any]) -> str:
    """The running total of a questionnaire as it is answered, with its band once every item is in."""
    kind = Instrument(instrument)
    count = INSTRUMENT_ITEMS[kind]
    answers = [answer for answer in items[:count] if answer is not None]
    total = sum(answers)
    if len(answers) < count:
        return f"{len(answers)} of {count} answered · total so far {total}"
    return describe_total(kind, total)


def describe_total(instrument: str, total: Any) -> str:
    """``"Total 14 of 27 · moderate"``; the band is left out where the instrument has none."""
    kind = Instrument(instrument)
    score = parse_whole(total, f"The {kind.value} total", INSTRUMENT_MAX[kind])
    rated = band(kind, score)
    return f"Total {score} of {INSTRUMENT_MAX[kind]}" + (f" · {rated}" if rated else "")


def save_mood(edit: Edit, instrument: str, mode: str, items: list[Any], total: Any) -> Change:
    after = mood_after(instrument, mode, items, total)
    session = edit.course().document.session(edit.number)
    old = next((m for m in session.mood if m.instrument == after["instrument"]), None)
    before = old.model_dump(mode="json") if old else None
    return _save(edit, ("mood", edit.number, after["instrument"]), before, after)


def saved_mood(doc: Document, number: int) -> dict[str, dict]:
    """This session's scores by instrument name, as JSON data for the mood form."""
    return {m.instrument.value: m.model_dump(mode="json") for m in doc.session(number).mood}


# --- people ----------------------------------------------------------------------------------


def saved_people(doc: Document) -> dict[str, dict]:
    """Every person of the course by id, as JSON data for the person form."""
    return {person.id: person.model_dump(mode="json") for person in doc.people}


def save_person(edit: Edit, person_id: str | None, name: str | None, role: str | None,
                notes: str | None) -> Change | list[Change]:
    """Add a person (``person_id`` ``None``) or change one's name, role and notes.

    ``name`` and ``notes`` ``None`` keep the stored text (those fields are empty while names are hidden).
    Someone new is added to the session on show too (when there is one and it took place), in the
    outer ring (``NEW_TIE``): they were named because they matter now, and can be rated at once.
    """
    doc = edit.course().document
    people = saved_people(doc)
    before = people.get(person_id) if person_id else None
    if person_id and before is None:
        raise ValidationError("this person is no longer in the record; reload the page")
    if name is None and before is None:
        raise ValidationError("show names to add someone new")
    name = before["name"] if name is None else name.strip()
    if not name:
        raise ValidationError("Name must not be empty")
    if role not in set(Role):
        raise ValidationError("choose a role")
    new_id = person_id or _new_person_id(people)
    if notes is None:
        notes = before["notes"] if before else ""
    after = {**(before or {"deceased_on": None}), "id": new_id, "name": name, "role": role, "notes": notes}
    checked_record(Person, after, "person")
    added = _save(edit, ("person", new_id), before, after)
    held = next((session for session in doc.sessions if session.number == edit.number), None)
    if before is not None or held is None or not held.attended:
        return added
    return [added, _save(edit, ("tie", edit.number, new_id), None, {"person": new_id, **NEW_TIE})]


def _new_person_id(people: dict[str, dict]) -> str:
    """A new opaque id: stable forever, unrelated to the name (which may change)."""
    while (candidate := f"p-{uuid.uuid4().hex[:8]}") in people:
        pass
    return candidate


def mark_died(edit: Edit, person_id: str | None, on: Any) -> Change:
    """Record the date a person died; they stay in every session, marked, and out of the numbers."""
    if not person_id:
        raise ValidationError("choose the person first")
    date = parse_date(on, "The date")
    before = saved_people(edit.course().document).get(person_id)
    if before is None:
        raise ValidationError("this person is no longer in the record; reload the page")
    after = {**before, "deceased_on": date.isoformat()}
    return _save(edit, ("person", person_id), before, after)


# --- the session itself -----------------------------------------------------------------------


def saved_session(doc: Document, number: int) -> dict:
    """The session's own fields as JSON data: date, phase, attendance, notes, events."""
    data = doc.session(number).model_dump(mode="json")
    return {field: data[field] for field in ("date", "phase", "attendance", "notes", "events")}


def save_session(edit: Edit, date: Any, phase: str | None, notes: str | None, events: str | None,
                 attendance: str | None = None) -> Change:
    """Change the session's date, phase, notes and life events (one per line), and whether it took place
    (``None`` keeps the stored attendance).

    ``notes`` and ``events`` ``None`` keep the stored text (those fields are empty while names are hidden).
    A session that did not take place keeps its date and is left out of every series; it must hold no
    ratings or mood, except the unrated copy "start next session" made, which goes with it.
    """
    if phase not in set(Phase):
        raise ValidationError("choose the phase")
    if attendance not in (None, *Attendance):
        raise ValidationError("choose whether the session took place")
    doc = edit.course().document
    before = saved_session(doc, edit.number)
    after = {"date": parse_date(date, "The session date").isoformat(), "phase": phase,
             "attendance": attendance or before["attendance"],
             "notes": before["notes"] if notes is None else notes,
             "events": before["events"] if events is None else event_lines(events, before["events"])}
    if after["attendance"] != Attendance.ATTENDED:
        _check_nothing_rated(doc.session(edit.number))
    return _save(edit, ("session", edit.number), before, after)


def delete_session(edit: Edit) -> Change:
    """Delete the session on show with everything recorded in it, as the page showed it: refused as
    stale when any of its records moved on since the page read them."""
    before = saved_session(edit.course().document, edit.number)
    versions = {tuple(json.loads(key)): version for key, version in edit.versions.items()}
    edit.store.delete_session(edit.client_id, edit.number, expected_versions=versions, tab=edit.tab)
    return Change("session", edit.number, ("session", edit.number), before, None, None)


def save_session_record(edit: Edit, **fields: Any) -> Change:
    """Save some of the session's own fields (``saved_session``), the others as stored."""
    before = saved_session(edit.course().document, edit.number)
    return _save(edit, ("session", edit.number), before, {**before, **fields})


def _check_nothing_rated(session: Session) -> None:
    """Refuse to mark a session not held while it holds a rating or a score: they would be lost."""
    rated = [what for what, held in (("ratings", any(tie.rated for tie in session.ties)),
                                     ("mood scores", bool(session.mood))) if held]
    if rated:
        raise ValidationError(f"session {session.number} holds {' and '.join(rated)}; a session that did not take "
                              "place has none, so take them out first (or keep it as attended)")


# --- saying what happened --------------------------------------------------------------------


def _shown(field: str, value: Any) -> str:
    if value is None or value == "":
        return "not set"
    if field == "circle":
        return RINGS.get(value, str(value))
    if field == "date":
        return day(dt.date.fromisoformat(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def _differences(before: dict, after: dict, fields: dict[str, str], quiet: Iterable[str] = ()) -> list[
        tuple[str, str]]:
    """``("support", "6 → 7")`` for each field that differs; ``quiet`` fields come without values."""
    return [(word, "" if field in quiet else f"{_shown(field, before.get(field))} → {_shown(field, after.get(field))}")
            for field, word in fields.items() if before.get(field) != after.get(field)]


def _listed(differences: list[tuple[str, str]]) -> str:
    return ", ".join(f"{word} {values}".strip() for word, values in differences) or "no change"


CASE_WORDS = {"problem_areas": "problem areas", "planned_sessions": "planned sessions", "onset": "onset",
              "formulation": "formulation", "formulation_shared_at": "formulation shared at",
              "areas_agreed_at": "areas agreed at", "goals": "goals", "history": "history",
              "relapse_plan": "relapse plan"}
"""The case frame's fields as a change names them (without values: they may name people)."""


def describe(change: Change, display_name: Namer) -> str:
    """What a change did, as a short phrase ("support for Dan 6 → 7"); the caller puts "Saved:" or
    "Undone:" before it. People are named by ``display_name``, so hidden names stay hidden."""
    before, after, n = change.before, change.after, change.session
    if change.kind == "tie":
        name = display_name(change.key[2])
        if before is None:
            return (f"{name} is in session {n}: {RINGS[after['circle']]} ring, support {after['support']}, "
                    f"conflict {after['conflict']}")
        if after is None:
            count = len(change.removed_links)
            links = f", along with {plural(count, 'link')} to others" if count else ""
            return f"{name} is out of session {n}{links}"
        return "; ".join(f"{word} for {name} {values}".strip()
                         for word, values in _differences(before, after, TIE_FIELDS, quiet=("note",))) or "no change"
    if change.kind == "link":
        a, b = (display_name(end) for end in change.key[2:])
        if after is None:
            return f"link {a}–{b} removed"
        if before is None:
            return f"link {a}–{b}, support {after['support']}, conflict {after['conflict']}"
        return f"link {a}–{b}: {_listed(_differences(before, after, {'support': 'support', 'conflict': 'conflict'}))}"
    if change.kind == "mood":
        instrument = change.key[2]
        if after is None:
            return f"{instrument} score removed"
        rated = band(instrument, after["score"])
        then = f"{before['score']} → " if before else ""
        return f"{instrument} {then}{after['score']}" + (f" ({rated})" if rated else "")
    if change.kind == "client":
        if after.get("imported"):
            replaced = "replaced by an import" if before else "imported"
            return f"the whole record {replaced}: {plural(after['people'], 'person', 'people')}, " \
                   f"{plural(after['sessions'], 'session')}"
        return "the client was added"
    if change.kind == "session" and before is None:
        return f"session {n} back, with everything recorded in it" if change.undoes else f"session {n} started"
    if change.kind == "session" and after is None:
        return f"session {n} taken away" if change.undoes else f"session {n} deleted, with everything recorded in it"
    if change.kind == "person":
        name = display_name(change.key[1])
        if before is None:
            return f"{name} added"
        if before.get("deceased_on") != after.get("deceased_on"):
            died = after.get("deceased_on")
            return f"{name}, died on {_shown('date', died)}" if died else f"{name}, no date of death"
        fields = {"name": "name", "role": "role", "notes": "notes", "inventory": "inventory"}
        return f"details of {name}: {_listed(_differences(before, after, fields, quiet=fields))}"
    if change.kind == "case":
        return f"case frame: {_listed(_differences(before, after, CASE_WORDS, quiet=CASE_WORDS))}"
    fields = {"date": "date", "phase": "phase", "attendance": "attendance", "notes": "notes", "events": "events",
              "goal_progress": "goal progress"}
    quiet = ("notes", "events", "goal_progress")
    return f"session {n}: {_listed(_differences(before, after, fields, quiet=quiet))}"
