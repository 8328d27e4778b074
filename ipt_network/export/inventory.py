"""The printable interpersonal inventory: one entry per person of the client's map, for the therapist to
take into the initial sessions or keep with the record.

Each entry gives what the map holds at the session (circle, support and conflict, or not rated that
session, or remembered when the person has died) and the inventory of DESIGN section 9 (what is good
and hard, expectations, what the client wants changed, which way care flows, confiding, whether they
know about the depression, as of which session). A question with no answer yet is printed with room to
write it in. People are ordered as on the circle: inner circle first, then middle, outer, and those
not rated that session.

With names hidden it is made from ``hidden.without_names(doc)``: people by role and no typed words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ipt_network.case import FLOW_WORDS
from ipt_network.change import CIRCLES
from ipt_network.figures.names import ROLE_WORDS
from ipt_network.figures.style import day
from ipt_network.graph import find_session
from ipt_network.model import Document, Person, Tie

from .note import latest_session, namer, prepared

QUESTIONS = (
    ("good", "What is good in it"),
    ("hard", "What is hard in it"),
    ("expectations", "What each expects of the other"),
    ("wants_changed", "What the client would like to change"),
)
YES_NO = {True: "yes", False: "no"}


@dataclass(frozen=True)
class InventoryEntry:
    """One person: a title, what the map says of them, and each inventory question with its answer
    ("" when not answered yet, printed as room to write)."""

    title: str
    map_words: str
    answers: tuple[tuple[str, str], ...]
    as_of: int | None


@dataclass(frozen=True)
class InventorySheet:
    client_label: str
    session: int
    date: dt.date
    entries: tuple[InventoryEntry, ...]

    @property
    def date_text(self) -> str:
        return day(self.date)

    @property
    def heading(self) -> str:
        return f"{self.client_label} · Interpersonal inventory · Session {self.session}"


def _map_words(person: Person, tie: Tie | None, date: dt.date) -> str:
    if tie is None:
        text = "not rated at this session"
    else:
        text = f"{CIRCLES[tie.circle]}, support {tie.support}, conflict {tie.conflict}"
    if not person.alive_on(date):
        text += f"; died {day(person.deceased_on)} (remembered)"
    return text


def _entry(person: Person, tie: Tie | None, date: dt.date, name: str, hide_names: bool) -> InventoryEntry:
    inventory = person.inventory
    answers = [(words, getattr(inventory, field) if inventory else "") for field, words in QUESTIONS]
    flow = inventory.support_flow if inventory else None
    answers += [
        ("Which way care flows", FLOW_WORDS[flow.value].removeprefix("care flows ") if flow else ""),
        ("Does the client confide in them", YES_NO.get(inventory.confides, "") if inventory else ""),
        ("Do they know about the depression", YES_NO.get(inventory.knows_about_depression, "") if inventory else ""),
    ]
    title = name if hide_names else f"{name} · {ROLE_WORDS[person.role].lower()}"  # hidden: the name is the role
    return InventoryEntry(title, _map_words(person, tie, date), tuple(answers), inventory.as_of if inventory else None)


def inventory_sheet(doc: Document, number: int | None = None, *, hide_names: bool = False) -> InventorySheet:
    """The inventory of every person of the course as of session ``number`` (default: the last held)."""
    doc = prepared(doc, hide_names)
    number = latest_session(doc) if number is None else number
    session = find_session(doc, number)
    ties = {tie.person: tie for tie in session.ties}
    name_of = namer(doc, "therapist")
    ordered = sorted(doc.people, key=lambda p: (ties[p.id].circle if p.id in ties else 4, name_of(p.id)))
    return InventorySheet(doc.client.label, number, session.date,
                          tuple(_entry(p, ties.get(p.id), session.date, name_of(p.id), hide_names) for p in ordered))
