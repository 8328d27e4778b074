"""Edits of the inventory card: one person's interpersonal inventory (DESIGN section 9), saved as part of
that person's record with the version the page holds, so a second tab that saved first makes the save
refused as stale, and Undo puts the person back from the change log.

A person has one inventory, taken at a session (``as_of``); at an earlier session it was not taken yet.
The typed answers come as ``None`` while names are hidden: the stored words are kept. Nothing here
knows about Dash.
"""

from __future__ import annotations

from typing import Any

from ipt_network.errors import ValidationError
from ipt_network.model import Person, SupportFlow
from ipt_network.ui.case_edits import optional_number
from ipt_network.ui.editing import Change, Edit, checked_record, saved_people

TEXTS = ("good", "hard", "expectations", "wants_changed")
"""The inventory's answers in words, each typed in a box of its own."""
YES_NO = {"yes": True, "no": False}
"""A yes-or-no question's choices in the form, besides ``NOT_KNOWN``."""
NOT_KNOWN = "not_known"
"""The form's choice for a question not answered yet (stored as ``None``)."""


def choice(value: bool | str | None) -> str:
    """A stored answer (yes or no, or which way care flows) as the form's choice; ``NOT_KNOWN`` for none.

    >>> choice(True), choice(None), choice("both_ways")
    ('yes', 'not_known', 'both_ways')
    """
    if value is None:
        return NOT_KNOWN
    return ("yes" if value else "no") if isinstance(value, bool) else value


def save_inventory(edit: Edit, person_id: str | None, texts: dict[str, str] | None, support_flow: str | None,
                   confides: str | None, knows: str | None, as_of: Any) -> Change:
    """Save one person's inventory: the answers in words (``texts`` ``None`` keeps the stored words, as
    while names are hidden), which way care flows, the two yes-or-no questions and the session it was
    taken at. An inventory with no answer at all is no inventory (its session goes with it)."""
    if not person_id:
        raise ValidationError("choose the person first")
    doc = edit.course().document
    before = saved_people(doc).get(person_id)
    if before is None:
        raise ValidationError("this person is no longer in the record; reload the page")
    stored = before["inventory"] or {}
    support_flow, confides, knows = (None if answer in (None, "", NOT_KNOWN) else answer
                                     for answer in (support_flow, confides, knows))
    if support_flow not in (None, *SupportFlow):
        raise ValidationError("choose which way care flows, or not known")
    for answer, label in ((confides, "Confides in them"), (knows, "Knows about the depression")):
        if answer not in (None, *YES_NO):
            raise ValidationError(f"{label} must be yes, no or not known")
    words = {field: stored.get(field, "") for field in TEXTS} if texts is None else \
        {field: (texts.get(field) or "").strip() for field in TEXTS}
    inventory = {**words, "support_flow": support_flow, "confides": YES_NO.get(confides),
                 "knows_about_depression": YES_NO.get(knows),
                 "as_of": optional_number(as_of, "Taken at session", 1000, doc)}
    answered = any(value not in ("", None) for field, value in inventory.items() if field != "as_of")
    after = {**before, "inventory": inventory if answered else None}
    person = checked_record(Person, after, "inventory")
    after = person.model_dump(mode="json")
    if after == before:
        raise ValidationError("nothing was changed in this inventory")
    key = ("person", person_id)
    version = edit.store.save_person(edit.client_id, person, expected_version=edit.expected(key), tab=edit.tab)
    return Change("person", None, key, before, after, version)
