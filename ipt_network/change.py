"""What changed between two sessions, item by item and as a short summary in both voices.

Compares the people counted in each session (alive on its date). Someone counted in the first
session and not in the second has ``died`` when they had died by the second session's date,
otherwise ``left``. Support or conflict changes are named when a rating moved by at least
``thresholds.change`` points. Either session may come first: comparing b with a mirrors
comparing a with b (joined ↔ left or died, added ↔ removed, every before/after and delta swapped).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial

import networkx as nx

from ipt_network.graph import NameOf, deceased_by, links, name_lookup, session_graph, ties
from ipt_network.metrics import MEASURES, measures, valence
from ipt_network.model import Document
from ipt_network.settings import DEFAULT, Thresholds
from ipt_network.words import TwoVoices, check_voice, plural

KINDS = ("joined", "left", "died", "ring", "support", "conflict", "valence", "link_added", "link_removed")
"""Kinds of change, in the order they are reported."""

CIRCLES = {1: "inner circle", 2: "middle circle", 3: "outer circle"}

_VALENCE_FOR_CLIENT = {
    "supportive": "mostly supportive",
    "ambivalent": "both supportive and difficult",
    "aversive": "mostly difficult",
    "indifferent": "neither very supportive nor very difficult",
}


@dataclass(frozen=True)
class ChangeItem(TwoVoices):
    """One change. ``person`` is set for people, ``pair`` (sorted ids) for links; ``before`` and
    ``after`` hold the circle, rating or valence on each side (``None`` where it does not apply).
    ``therapist`` and ``client`` give it in words."""

    kind: str
    person: str | None
    pair: tuple[str, str] | None
    before: int | str | None
    after: int | str | None


@dataclass(frozen=True)
class SessionChange:
    """Everything that changed from session ``before`` to session ``after``."""

    before: int
    after: int
    items: tuple[ChangeItem, ...]
    deltas: dict[str, int | float | None]
    """Measure name → value after minus value before; ``None`` where either is undefined."""

    def of_kind(self, kind: str) -> tuple[ChangeItem, ...]:
        return tuple(item for item in self.items if item.kind == kind)

    @property
    def is_empty(self) -> bool:
        return not self.items and all(not delta for delta in self.deltas.values())

    def summary(self, voice: str = "therapist", limit: int | None = 6) -> str:
        """``"Since session 5: Book club joined (outer circle); conflict with Dan fell from 7 to 4."``

        At most ``limit`` items are named; the rest are counted.
        """
        check_voice(voice)
        head = f"Since session {self.before}: "
        if not self.items:
            return head + ("no changes in the network." if voice == "therapist" else "your circle is the same.")
        shown = self.items if limit is None else self.items[:limit]
        clauses = [getattr(item, voice) for item in shown]
        hidden = len(self.items) - len(shown)
        if hidden:
            clauses.append(f"and {plural(hidden, 'more change')}")
        return head + "; ".join(clauses) + "."


def diff(before: nx.Graph, after: nx.Graph, thresholds: Thresholds = DEFAULT,
         name_of: NameOf | None = None, deceased: Collection[str] = ()) -> SessionChange:
    """The change from one session graph to another: ``change_items`` plus ``measure_deltas``.

    Parameters
    ----------
    before, after : nx.Graph
        Sessions from ``graph.session_graph``.
    thresholds : Thresholds
    name_of : callable, optional
        Person id → name shown; defaults to the names in the graphs.
    deceased : collection of str
        People who had died by the ``after`` session's date: those counted before are reported
        as ``died`` rather than ``left``.

    Examples
    --------
    >>> a = nx.Graph(client="c", session=5)
    >>> a.add_node("dan", name="Dan")
    >>> a.add_edge("c", "dan", kind="tie", circle=1, support=4, conflict=7)
    >>> b = nx.Graph(client="c", session=6)
    >>> b.add_node("dan", name="Dan"); b.add_node("club", name="Book club")
    >>> b.add_edge("c", "dan", kind="tie", circle=1, support=4, conflict=4)
    >>> b.add_edge("c", "club", kind="tie", circle=3, support=6, conflict=0)
    >>> print(diff(a, b).summary())  # doctest: +NORMALIZE_WHITESPACE
    Since session 5: Book club joined (outer circle); conflict with Dan fell from 7 to 4;
    tie with Dan went from aversive to indifferent.
    """
    return SessionChange(before.graph["session"], after.graph["session"],
                         change_items(before, after, thresholds, name_of, deceased),
                         measure_deltas(measures(before, thresholds), measures(after, thresholds)))


def change_items(before: nx.Graph, after: nx.Graph, thresholds: Thresholds = DEFAULT,
                 name_of: NameOf | None = None, deceased: Collection[str] = ()) -> tuple[ChangeItem, ...]:
    """Every change from ``before`` to ``after`` in the order of ``KINDS`` (see ``diff``)."""
    name_of = name_of or name_lookup(after, before)
    old, new = ties(before), ties(after)
    items: list[ChangeItem] = []

    def add(kind, person, was, now, pair=None, day=None):
        words = partial(_change_words, kind, person, pair, was, now, name_of, day)
        items.append(ChangeItem(kind, person, pair, was, now, words=words))

    for person in sorted(new.keys() - old.keys()):
        add("joined", person, None, new[person]["circle"])
    for person in sorted(old.keys() - new.keys()):
        if person in deceased:
            add("died", person, old[person]["circle"], None, day=before.nodes[person].get("deceased_on"))
        else:
            add("left", person, old[person]["circle"], None)
    both = sorted(old.keys() & new.keys())
    for person in both:
        if old[person]["circle"] != new[person]["circle"]:
            add("ring", person, old[person]["circle"], new[person]["circle"])
    for rating in ("support", "conflict"):
        for person in both:
            if abs(new[person][rating] - old[person][rating]) >= thresholds.change:
                add(rating, person, old[person][rating], new[person][rating])
    for person in both:
        was = valence(old[person]["support"], old[person]["conflict"], thresholds)
        now = valence(new[person]["support"], new[person]["conflict"], thresholds)
        if was != now:
            add("valence", person, was, now)
    old_links, new_links = _link_pairs(before), _link_pairs(after)
    for pair in sorted(new_links - old_links):
        add("link_added", None, None, None, pair=pair)
    for pair in sorted(old_links - new_links):
        add("link_removed", None, None, None, pair=pair)
    return tuple(sorted(items, key=lambda item: KINDS.index(item.kind)))


def _change_words(kind: str, person: str | None, pair: tuple[str, str] | None, was, now, name_of: NameOf,
                  day: dt.date | None) -> tuple[str, str]:
    """One change as ``(therapist, client)`` sentences."""
    if pair is not None:
        a, b = name_of(pair[0]), name_of(pair[1])
        if kind == "link_added":
            return f"link {a}–{b} added", f"{a} and {b} are now shown as knowing each other"
        return f"link {a}–{b} removed", f"{a} and {b} are no longer shown as knowing each other"
    name = name_of(person)
    if kind == "joined":
        return f"{name} joined ({CIRCLES[now]})", f"{name} joined your {CIRCLES[now]}"
    if kind == "died":
        return f"{name} died" + (f" (on {day.isoformat()})" if day else ""), f"{name} has died"
    if kind == "left":
        return f"{name} left the network (was in the {CIRCLES[was]})", f"{name} is no longer in the picture"
    if kind == "ring":
        direction = "closer" if now < was else "further away"
        return (f"{name} moved from the {CIRCLES[was]} to the {CIRCLES[now]}",
                f"{name} feels {direction} now ({CIRCLES[now]})")
    if kind == "valence":
        return f"tie with {name} went from {was} to {now}", f"{name} now feels {_VALENCE_FOR_CLIENT[now]}"
    went = "rose" if now > was else "fell"
    if kind == "support":
        return (f"support from {name} {went} from {was} to {now}",
                f"{name} feels {'more' if now > was else 'less'} supportive")
    return (f"conflict with {name} {went} from {was} to {now}",
            f"things with {name} feel {'harder' if now > was else 'easier'}")


def _link_pairs(G: nx.Graph) -> set[tuple[str, str]]:
    return {tuple(sorted((a, b))) for a, b, _ in links(G)}


def measure_deltas(before: dict, after: dict) -> dict[str, int | float | None]:
    """Measure name → ``after`` minus ``before`` (two ``metrics.measures`` results); ``None`` where
    either is undefined."""
    return {name: None if before[name] is None or after[name] is None else after[name] - before[name]
            for name in MEASURES}


def session_change(doc: Document, before: int, after: int, thresholds: Thresholds = DEFAULT,
                   name_of: NameOf | None = None) -> SessionChange:
    """The change from session ``before`` to session ``after`` of one client (either order)."""
    return diff(session_graph(doc, before), session_graph(doc, after), thresholds, name_of,
                deceased_by(doc, after))
