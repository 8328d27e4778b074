"""Closeness-circle positions: fixed angles grouped by role, radius from the ring, stable and seeded."""

from __future__ import annotations

import copy
import math

import pytest

from ipt_network.layout import (
    GROUP_GAP,
    OUTER_RADIUS,
    RING_RADIUS,
    ROLE_GROUPS,
    angles,
    force_positions,
    ring_positions,
)
from ipt_network.model import Role, parse_document

PEOPLE = [  # listed out of seating order on purpose
    {"id": "p-jo", "name": "Jo", "role": "friend"},
    {"id": "p-mum", "name": "Mum", "role": "parent"},
    {"id": "p-boss", "name": "Boss", "role": "colleague"},
    {"id": "p-dan", "name": "Dan", "role": "partner"},
    {"id": "p-amy", "name": "Amy", "role": "friend"},      # first tied in session 2
    {"id": "p-sis", "name": "Sis", "role": "sibling"},
    {"id": "p-gp", "name": "Dr Lee", "role": "professional"},
]


def tie(person: str, circle: int, support: int = 6, conflict: int = 2) -> dict:
    return {"person": person, "circle": circle, "support": support, "conflict": conflict}


def course(sessions: list[dict]) -> dict:
    return {"format": "ipt-network", "version": 1,
            "client": {"id": "c-ana", "label": "Ana", "start_date": "2026-01-05"},
            "people": copy.deepcopy(PEOPLE), "sessions": sessions}


SESSIONS = [
    {"number": 1, "date": "2026-01-05", "phase": "initial",
     "ties": [tie("p-jo", 2), tie("p-mum", 1), tie("p-boss", 3), tie("p-dan", 1), tie("p-sis", 2)],
     "links": [{"a": "p-mum", "b": "p-sis", "support": 7, "conflict": 1}]},
    {"number": 2, "date": "2026-01-12", "phase": "initial",
     "ties": [tie("p-jo", 1), tie("p-mum", 2), tie("p-dan", 1), tie("p-amy", 3), tie("p-sis", 2),
              tie("p-gp", 3)],
     "links": [{"a": "p-jo", "b": "p-amy", "support": 8, "conflict": 0}]},
    {"number": 3, "date": "2026-01-19", "phase": "middle",
     "ties": [tie("p-jo", 3), tie("p-dan", 2), tie("p-amy", 2)], "links": []},
]


@pytest.fixture
def doc():
    return parse_document(course(copy.deepcopy(SESSIONS)))


def clockwise_order(angle: dict[str, float]) -> list[str]:
    """Ids in the order they are dealt: clockwise from the top, i.e. by falling angle."""
    return sorted(angle, key=lambda pid: -angle[pid])


def test_people_are_dealt_by_role_group_then_first_session_then_id(doc):
    # partner | parent, sibling (family, both from session 1: by id) | friends: Jo (S1) before
    # Amy (S2) although "p-amy" < "p-jo" | colleague | professional
    assert clockwise_order(angles(doc)) == ["p-dan", "p-mum", "p-sis", "p-jo", "p-amy", "p-boss", "p-gp"]


def test_role_groups_are_contiguous(doc):
    group_of = {role: i for i, group in enumerate(ROLE_GROUPS) for role in group}
    roles = {p.id: p.role for p in doc.people}
    groups = [group_of[roles[pid]] for pid in clockwise_order(angles(doc))]
    assert groups == sorted(groups)


def test_angles_by_hand(doc):
    # 7 people in 5 groups: 7 + 4 gaps = 11 slots over 360° − 48° = 312°, 28.36° each,
    # starting at 90° − 24° = 66°. Dan (slot 0): 66 − 0.5 × 28.36 = 51.82°.
    # Jo: after Dan, gap, Mum, Sis, gap → cursor 5: 66 − 5.5 × 28.36 = −90.0°.
    # Dr Lee: cursor 10: 66 − 10.5 × 28.36 = −231.82°.
    assert GROUP_GAP == 1.0
    degrees = {pid: math.degrees(a) for pid, a in angles(doc).items()}
    assert degrees["p-dan"] == pytest.approx(51.818, abs=1e-3)
    assert degrees["p-jo"] == pytest.approx(-90.0, abs=1e-9)
    assert degrees["p-gp"] == pytest.approx(-231.818, abs=1e-3)


def test_a_person_keeps_their_angle_in_every_session_and_sits_on_their_ring(doc):
    angle = angles(doc)
    for session in doc.sessions:
        positions = ring_positions(doc, session.number)
        assert positions.pop("c-ana") == (0.0, 0.0)
        assert set(positions) == {t.person for t in session.ties}
        for t in session.ties:
            x, y = positions[t.person]
            assert math.hypot(x, y) == pytest.approx(RING_RADIUS[t.circle])
            assert math.atan2(y, x) == pytest.approx(math.remainder(angle[t.person], 2 * math.pi))


def test_same_input_same_positions(doc):
    again = parse_document(course(copy.deepcopy(SESSIONS)))
    assert angles(doc) == angles(again)
    assert ring_positions(doc, 2) == ring_positions(again, 2)
    assert force_positions(doc, 2) == force_positions(again, 2)


def test_angles_do_not_move_when_a_session_is_added(doc):
    fourth = {**copy.deepcopy(SESSIONS[2]), "number": 4, "date": "2026-01-26"}
    longer = parse_document(course([*copy.deepcopy(SESSIONS), fourth]))
    assert angles(longer) == angles(doc)


def test_every_person_has_a_slot_even_when_absent(doc):
    # Boss is tied only in session 1 and the GP only in session 2, yet both keep a slot, so
    # nobody else moves round the circle between those sessions.
    assert set(angles(doc)) == {p["id"] for p in PEOPLE}
    assert ring_positions(doc, 1)["p-jo"] != ring_positions(doc, 3)["p-jo"]  # ring 2 → ring 3
    assert math.atan2(*reversed(ring_positions(doc, 1)["p-jo"])) == pytest.approx(
        math.atan2(*reversed(ring_positions(doc, 3)["p-jo"])))


def test_force_layout_is_centred_seeded_and_scaled_to_the_outer_ring(doc):
    positions = force_positions(doc, 2)
    assert positions["c-ana"] == (0.0, 0.0)
    assert set(positions) == {"c-ana"} | {t.person for t in doc.session(2).ties}
    reach = max(math.hypot(x, y) for pid, (x, y) in positions.items() if pid != "c-ana")
    assert reach == pytest.approx(OUTER_RADIUS)
    assert force_positions(doc, 2, seed=7) == positions


def test_force_layout_of_two_sessions_places_everyone_of_both(doc):
    both = force_positions(doc, (1, 3))
    assert set(both) == {"c-ana"} | {t.person for n in (1, 3) for t in doc.session(n).ties}


def test_roles_cover_every_role():
    assert sorted(role for group in ROLE_GROUPS for role in group) == sorted(Role)
