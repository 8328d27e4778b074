"""Clients for the export tests: Ana over two sessions, worked out by hand, and the sample clients.

Ana's second session (T = 5, DESIGN section 5):

- Mum: circle 1, support 7, conflict 4 → supportive (was 6/8, ambivalent)
- Dan: circle 2, support 4, conflict 8 → aversive (was circle 1, 4/7, aversive)
- Sis (new): circle 2, support 8, conflict 1 → supportive
- link Mum–Dan: support 1, conflict 7 (unchanged)
- PHQ-9 11 (was 18)

Measures, session 1 → session 2 (change):
size 2 → 3 (+1); inner circle 2 → 1 (-1); supportive 0 → 2 (+2); ambivalent 1 → 0 (-1);
aversive 1 → 1 (no change); total support 6+4 = 10 → 7+4+8 = 19 (+9); total conflict 8+7 = 15 →
4+8+1 = 13 (-2); density 1/1 = 1 → 1/3 = 0.33 (-0.67); support concentration 6/10 = 0.6 →
8/19 = 0.42 (0.4211 - 0.6 = -0.18).

Session 2 flags: only Mum (7) and Sis (8) give support ≥ 5, fewer than 3 → ``few_supports``; Mum
is in circle 1 with support 7, so not ``no_close_support``; 8/19 = 0.42 ≤ 0.5, not concentrated.
Hotspots: Dan, conflict 8 ≥ 7 → ``high_conflict`` (circle 2, so not close and conflicted; one
conflicted link, fewer than 2; conflict rose by 1, less than 3).
Mood: PHQ-9 18 → 11 is a drop of 7 ≥ 6 → reliable improvement; 11 > 18 / 2 = 9 → no response;
11 ≥ 5 → not in remission; 10–14 → moderate (Kroenke, Spitzer & Williams 2001).
"""

from __future__ import annotations

import copy
import re

from ipt_network.formats import read_document
from ipt_network.model import Document, event_text, parse_document
from tests.conftest import ANA, SAMPLES

ANA_NAMES = ("Ana", "Mum", "Dan", "Sis")
ANA_FREE_TEXT = ("arguments about money", "Moved in with Sis", "Talked about Dan")


def ana_two_sessions() -> Document:
    data = copy.deepcopy(ANA)
    data["people"].append({"id": "p-sis", "name": "Sis", "role": "sibling"})
    data["sessions"].append({
        "number": 2, "date": "2026-01-12", "phase": "initial", "notes": "Talked about Dan and the flat.",
        "events": ["Moved in with Sis"],
        "ties": [{"person": "p-mum", "circle": 1, "support": 7, "conflict": 4, "contact": "weekly"},
                 {"person": "p-dan", "circle": 2, "support": 4, "conflict": 8, "focus": "role_dispute",
                  "note": "arguments about money"},
                 {"person": "p-sis", "circle": 2, "support": 8, "conflict": 1}],
        "links": [{"a": "p-mum", "b": "p-dan", "support": 1, "conflict": 7}],
        "mood": [{"instrument": "PHQ-9", "score": 11, "items": [2, 2, 1, 1, 1, 1, 1, 1, 1]}],
    })
    return parse_document(data)


def ana_case_frame() -> Document:
    """Ana's two sessions with the case frame of version 2, then a third session she cancelled.

    A plan of 12 sessions; Dan (the focus, role dispute) has an inventory taken at session 1; one goal,
    progressing from session 2; session 2's event names Sis and says mood was better; the episode
    began in 2025-09 and the history holds the move out of the shared flat in 2025-11.
    """
    data = ana_two_sessions().model_dump(mode="json")
    data["client"].update({
        "planned_sessions": 12, "onset": "2025-09-01", "areas_agreed_at": 2, "formulation": "Ana and Dan disagree",
        "goals": [{"id": "g1", "area": "role_dispute", "text": "Talk with Dan about money"}],
        "history": [{"date": "2025-11-15", "text": "Moved out of the flat Dan owns", "people": ["p-dan"]}],
        "relapse_plan": {"warning_signs": ["Sleeping badly for a week"], "actions": ["Call Sis"],
                         "people": ["p-sis"]}})
    dan = next(p for p in data["people"] if p["id"] == "p-dan")
    dan["inventory"] = {"confides": False, "support_flow": "mostly_from_client", "hard": "Dan shouts", "as_of": 1}
    second = data["sessions"][1]
    second["events"] = [{"text": "Moved in with Sis", "people": ["p-sis"], "mood": "better"}]
    second["goal_progress"] = [{"goal": "g1", "status": "progressing"}]
    data["sessions"].append({"number": 3, "date": "2026-01-19", "phase": "initial", "attendance": "cancelled"})
    return parse_document(data)


def sample(stem: str) -> Document:
    """A sample client by the start of its file name: ``sample("rosa")``."""
    return read_document(next(path for path in SAMPLES if path.name.startswith(stem)))


def identifying_words(doc: Document) -> list[str]:
    """Everything in ``doc`` that could name someone: the label, people's names, and typed text."""
    client = doc.client
    texts = [client.label, client.notes, *(p.name for p in doc.people), *(p.notes for p in doc.people),
             client.formulation, *(goal.text for goal in client.goals), *(goal.id for goal in client.goals),
             *(event.text for event in client.history)]
    if client.relapse_plan:
        texts += [*client.relapse_plan.warning_signs, *client.relapse_plan.actions]
    for person in doc.people:
        if person.inventory:
            texts += [person.inventory.good, person.inventory.hard, person.inventory.expectations,
                      person.inventory.wants_changed]
    for session in doc.sessions:
        texts += [session.notes, *map(event_text, session.events), *(tie.note for tie in session.ties),
                  session.risk.note if session.risk else ""]
    return sorted({t for t in texts if t.strip()})


def found_in(text: str, words: list[str]) -> list[str]:
    """The words that occur in ``text`` as whole words (so "Sam" is not found in "Same")."""
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
