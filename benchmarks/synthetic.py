"""A large, valid synthetic client for benchmarks: many people, many sessions, seeded."""

from __future__ import annotations

import datetime as dt
import random

from ipt_network.model import Document, parse_document

ROLES = ["partner", "parent", "child", "sibling", "other_family", "friend", "colleague", "neighbour",
         "professional", "other"]


def make_document(people: int = 60, sessions: int = 16, seed: int = 0, client_id: str = "c-bench") -> Document:
    """A client with ``people`` people and ``sessions`` weekly sessions whose ratings drift slowly.

    About 90% of people have a tie in any session, links join about 10% of tied pairs, and every
    session has a PHQ-9 with items (GAD-7 every 4th), so every code path has work to do.
    """
    rng = random.Random(seed)
    start = dt.date(2026, 1, 5)
    person_ids = [f"p{i:03d}" for i in range(people)]
    state = {p: [rng.randint(1, 3), rng.randint(0, 10), rng.randint(0, 10)] for p in person_ids}
    pairs = [(a, b) for i, a in enumerate(person_ids) for b in person_ids[i + 1:] if rng.random() < 0.1]
    session_list = []
    for number in range(1, sessions + 1):
        tied = [p for p in person_ids if rng.random() < 0.9]
        for values in state.values():
            values[1] = min(10, max(0, values[1] + rng.choice((-1, 0, 0, 1))))
            values[2] = min(10, max(0, values[2] + rng.choice((-1, 0, 0, 1))))
        tied_set = set(tied)
        items = [rng.randint(0, 3) for _ in range(9)]
        mood = [{"instrument": "PHQ-9", "score": sum(items), "items": items}]
        if number % 4 == 1:
            gad = [rng.randint(0, 3) for _ in range(7)]
            mood.append({"instrument": "GAD-7", "score": sum(gad), "items": gad})
        session_list.append({
            "number": number,
            "date": (start + dt.timedelta(weeks=number - 1)).isoformat(),
            "phase": "initial" if number <= 3 else "termination" if number > sessions - 3 else "middle",
            "notes": f"Session {number}.",
            "events": ["moved flat"] if number == 6 else [],
            "ties": [{"person": p, "circle": state[p][0], "support": state[p][1], "conflict": state[p][2],
                      "contact": "weekly", "note": ""} for p in tied],
            "links": [{"a": a, "b": b, "support": rng.randint(0, 10), "conflict": rng.randint(0, 10)}
                      for a, b in pairs if a in tied_set and b in tied_set],
            "mood": mood,
        })
    return parse_document({
        "format": "ipt-network", "version": 1,
        "client": {"id": client_id, "label": "Benchmark client", "problem_areas": ["role_dispute"],
                   "start_date": start.isoformat(), "notes": ""},
        "people": [{"id": p, "name": f"Person {i}", "role": ROLES[i % len(ROLES)],
                    "deceased_on": "2026-03-01" if i == 7 else None, "notes": ""}
                   for i, p in enumerate(person_ids)],
        "sessions": session_list,
    })
