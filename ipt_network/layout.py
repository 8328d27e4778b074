"""Where each person sits in the picture, stable across the whole course of therapy.

The closeness circle of IPT puts the client in the centre and each person on one of three
rings. Here a person's *angle* is fixed for the whole course, so people stay put from one
session to the next and only move in or out between rings; the *radius* is their ring in that
session. Angles are dealt out once over everybody in the course, grouped by role (partner,
family, friends, colleagues, neighbours, professionals, other) with a small gap between groups
and a free wedge at the top where the rings carry their labels.

``force_positions`` offers a second, force-directed view for seeing clusters, started from
the ring positions and seeded, so it too is the same every time it is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

from ipt_network.graph import find_session, session_graph
from ipt_network.model import Document, Role

RING_RADIUS = {1: 1.2, 2: 2.1, 3: 3.0}
"""Radius of each closeness ring (1 inner, 2 middle, 3 outer) in drawing units; the inner ring is a
little wider than a third so that the people closest to the client have room."""

OUTER_RADIUS = RING_RADIUS[3]

ROLE_GROUPS: tuple[tuple[Role, ...], ...] = (
    (Role.PARTNER,),
    (Role.PARENT, Role.CHILD, Role.SIBLING, Role.OTHER_FAMILY),
    (Role.FRIEND,),
    (Role.COLLEAGUE,),
    (Role.NEIGHBOUR,),
    (Role.PROFESSIONAL,),
    (Role.OTHER,),
)
"""Roles that sit together, in the order they are dealt round the circle (clockwise from the top)."""

LABEL_WEDGE = math.radians(48)
"""Free angle centred on the top of the circle, kept for the ring labels."""

GROUP_GAP = 1.0
"""Empty slots left between two role groups, so that groups read as groups."""

Point = tuple[float, float]

_GROUP_OF_ROLE = {role: index for index, group in enumerate(ROLE_GROUPS) for role in group}


def seating_order(doc: Document) -> list[list[str]]:
    """Person ids of the whole course, grouped by role group, each group in seating order.

    Within a group people sit in order of the first session they appear in (people never tied
    come last), then by id. Empty groups are left out.
    """
    first_seen: dict[str, int] = {}
    for session in sorted(doc.sessions, key=lambda s: s.number):
        for tie in session.ties:
            first_seen.setdefault(tie.person, session.number)
    groups: list[list[str]] = [[] for _ in ROLE_GROUPS]
    for person in doc.people:
        groups[_GROUP_OF_ROLE[person.role]].append(person.id)
    for group in groups:
        group.sort(key=lambda pid: (first_seen.get(pid, math.inf), pid))
    return [group for group in groups if group]


def angles(doc: Document) -> dict[str, float]:
    """Each person's angle in radians (0 = right, counter-clockwise), fixed for the whole course.

    Every person of the course gets a slot, whether or not they are tied in a given session, so
    nobody moves round the circle when someone else joins or leaves. Slots run clockwise from
    the top, after the label wedge, with ``GROUP_GAP`` empty slots between role groups.

    Examples
    --------
    Two people in two groups share the circle with a one-slot gap: three slots over 312°,
    so the partner sits at 90° − 24° − 52° = 14° and the parent 2 × 104° further on.

    >>> from ipt_network.model import parse_document
    >>> doc = parse_document({"format": "ipt-network", "version": 1,
    ...     "client": {"id": "c", "label": "A", "start_date": "2026-01-05"},
    ...     "people": [{"id": "mum", "name": "Mum", "role": "parent"},
    ...                {"id": "dan", "name": "Dan", "role": "partner"}], "sessions": []})
    >>> {pid: round(math.degrees(a), 1) for pid, a in angles(doc).items()}
    {'dan': 14.0, 'mum': -194.0}
    """
    groups = seating_order(doc)
    slots = sum(len(group) for group in groups) + GROUP_GAP * (len(groups) - 1)
    step = (2 * math.pi - LABEL_WEDGE) / slots if slots else 0.0
    start = math.pi / 2 - LABEL_WEDGE / 2
    result: dict[str, float] = {}
    cursor = 0.0
    for group in groups:
        for person_id in group:
            result[person_id] = start - (cursor + 0.5) * step
            cursor += 1
        cursor += GROUP_GAP
    return result


def ring_positions(doc: Document, session_number: int) -> dict[str, Point]:
    """The closeness circle of one session: the client at (0, 0), each tied person on their ring.

    Only people with a tie that session are placed (people who have died included: they stay
    in the picture). Keys are person ids plus the client's id.
    """
    session = find_session(doc, session_number)
    angle = angles(doc)
    positions: dict[str, Point] = {doc.client.id: (0.0, 0.0)}
    for tie in session.ties:
        radius, theta = RING_RADIUS[tie.circle], angle[tie.person]
        positions[tie.person] = (radius * math.cos(theta), radius * math.sin(theta))
    return positions


def force_positions(doc: Document, sessions: int | Iterable[int], seed: int = 7) -> dict[str, Point]:
    """A force-directed layout (client fixed in the centre) for seeing clusters among people.

    ``sessions`` is one session number, or several whose networks are laid out together so
    that two sessions can be compared with the same positions. The springs start from the
    ring positions and are seeded, so the result is the same on every call and close to the
    closeness circle; it is scaled so the farthest person sits on the outer ring.
    """
    numbers = [sessions] if isinstance(sessions, int) else list(sessions)
    union = nx.Graph()
    start: dict[str, Point] = {}
    for number in numbers:
        union.update(session_graph(doc, number, include_deceased=True))
        start.update(ring_positions(doc, number))
    client = doc.client.id
    if len(union) < 2:
        return {client: (0.0, 0.0)}
    # spring_layout's spring length suits a unit-sized drawing: lay out at 1/3 scale, then stretch.
    unit_start = {node: (x / OUTER_RADIUS, y / OUTER_RADIUS) for node, (x, y) in start.items()}
    raw = nx.spring_layout(union, pos=unit_start, fixed=[client], seed=seed, weight=None)
    reach = max(math.hypot(*raw[node]) for node in union if node != client) or 1.0
    scale = OUTER_RADIUS / reach
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in raw.items()}
