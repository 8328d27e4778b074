"""What changed between two sessions, item by item and as a short summary in both voices.

Compares the people counted in each session (alive on its date). Someone counted in the first
session and not in the second has ``died`` when they had died by the second session's date,
otherwise ``left``. Support or conflict changes are named when a rating moved by at least
``thresholds.change`` points, and so is a change of valence only when one of its two ratings
moved that much (a one-point change that happens to cross a threshold is noise, not news). The
links that went with a person who left or died are told in that person's line, as are the links
that came with a person who joined. Either session may come first: comparing b with a mirrors
comparing a with b (joined ↔ left or died, added ↔ removed, every before/after and delta swapped).

``remembered_ties`` gives what the counted network leaves out: the ratings of people who have
died, from one session to another ("Luis 10/0 → 8/2"), for the review of gains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial

import networkx as nx

from ipt_network.graph import NameOf, deceased_by, find_session, held_sessions, links, name_lookup, session_graph, ties
from ipt_network.metrics import MEASURES, measures, valence
from ipt_network.model import Document
from ipt_network.settings import DEFAULT, Thresholds
from ipt_network.words import TwoVoices, check_voice, list_in_words, plural

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
    with_links: tuple[str, ...] = ()
    """For joined, left and died: the people whose links to this person came or went with them."""


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
    old_links, new_links = _link_pairs(before), _link_pairs(after)
    came, went = new.keys() - old.keys(), old.keys() - new.keys()
    added = _fold(new_links - old_links, came)
    removed = _fold(old_links - new_links, went)

    def add(kind, person, was, now, pair=None, day=None, with_links=()):
        words = partial(_change_words, kind, person, pair, was, now, name_of, day, with_links)
        items.append(ChangeItem(kind, person, pair, was, now, with_links, words=words))

    for person in sorted(came):
        add("joined", person, None, new[person]["circle"], with_links=added.pop(person, ()))
    for person in sorted(went):
        if person in deceased:
            add("died", person, old[person]["circle"], None, day=before.nodes[person].get("deceased_on"),
                with_links=removed.pop(person, ()))
        else:
            add("left", person, old[person]["circle"], None, with_links=removed.pop(person, ()))
    both = sorted(old.keys() & new.keys())
    for person in both:
        if old[person]["circle"] != new[person]["circle"]:
            add("ring", person, old[person]["circle"], new[person]["circle"])
    moved = {person: {rating: abs(new[person][rating] - old[person][rating]) >= thresholds.change
                      for rating in ("support", "conflict")} for person in both}
    for rating in ("support", "conflict"):
        for person in both:
            if moved[person][rating]:
                add(rating, person, old[person][rating], new[person][rating])
    for person in both:
        was = valence(old[person]["support"], old[person]["conflict"], thresholds)
        now = valence(new[person]["support"], new[person]["conflict"], thresholds)
        if was != now and any(moved[person].values()):
            add("valence", person, was, now)
    for pair in sorted(added.pop(None, ())):
        add("link_added", None, None, None, pair=pair)
    for pair in sorted(removed.pop(None, ())):
        add("link_removed", None, None, None, pair=pair)
    return tuple(sorted(items, key=lambda item: KINDS.index(item.kind)))


def _fold(pairs: set[tuple[str, str]], people: set[str]) -> dict:
    """Links that came or went with a person: person id → the other ends (sorted); ``None`` → the
    pairs of links between people on both sides. A link between two such people goes with the
    first of them in id order."""
    folded: dict = {}
    for pair in sorted(pairs):
        owner = next((end for end in pair if end in people), None)
        if owner is None:
            folded.setdefault(None, []).append(pair)
        else:
            folded.setdefault(owner, []).append(pair[1] if pair[0] == owner else pair[0])
    return {key: tuple(value) for key, value in folded.items()}


def _change_words(kind: str, person: str | None, pair: tuple[str, str] | None, was, now, name_of: NameOf,
                  day: dt.date | None, with_links: tuple[str, ...] = ()) -> tuple[str, str]:
    """One change as ``(therapist, client)`` sentences."""
    therapist, client = _person_words(kind, person, pair, was, now, name_of, day)
    if not with_links:
        return therapist, client
    others = list_in_words(name_of(other) for other in with_links)
    if kind == "joined":
        return f"{therapist}, linked to {others}", f"{client}, knowing {others}"
    links = "the link" if len(with_links) == 1 else "the links"
    return (f"{therapist}, with {links} to {others}",
            f"{client}, so {links} with {others} {'is' if len(with_links) == 1 else 'are'} no longer shown")


def _person_words(kind: str, person: str | None, pair: tuple[str, str] | None, was, now, name_of: NameOf,
                  day: dt.date | None) -> tuple[str, str]:
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


@dataclass(frozen=True)
class RememberedTie(TwoVoices):
    """The ratings of a person who has died, at two sessions: out of every number, kept in the review."""

    person: str
    before: tuple[int, int]
    after: tuple[int, int]
    since: int


def remembered_ties(doc: Document, before: int, after: int, name_of: NameOf) -> tuple[RememberedTie, ...]:
    """People rated at both sessions who had died by the later one, with support/conflict then and now.

    Examples
    --------
    >>> from ipt_network.model import parse_document
    >>> doc = parse_document({"format": "ipt-network", "version": 2,
    ...     "client": {"id": "c", "label": "R", "start_date": "2026-01-05"},
    ...     "people": [{"id": "luis", "name": "Luis", "role": "partner", "deceased_on": "2025-03-14"}],
    ...     "sessions": [{"number": n, "date": d, "phase": "middle",
    ...                   "ties": [{"person": "luis", "circle": 1, "support": s, "conflict": k}]}
    ...                  for n, d, s, k in [(1, "2026-01-05", 10, 0), (16, "2026-04-20", 8, 2)]]})
    >>> [t.therapist for t in remembered_ties(doc, 1, 16, lambda p: "Luis")]
    ['Luis 10/0 → 8/2 since session 1 (support/conflict; has died)']
    """
    first, last = find_session(doc, before), find_session(doc, after)
    rated_then = {tie.person: (tie.support, tie.conflict) for tie in first.ties}
    gone = deceased_by(doc, after)
    found = []
    for tie in last.ties:
        if tie.person in gone and tie.person in rated_then:
            was, now = rated_then[tie.person], (tie.support, tie.conflict)
            name = name_of(tie.person)
            words = partial(lambda n, w, v: (
                f"{n} {w[0]}/{w[1]} → {v[0]}/{v[1]} since session {before} (support/conflict; has died)",
                f"{n} (in memory): support {w[0]} → {v[0]}, strain {w[1]} → {v[1]} since the first session"
                if before == held_sessions(doc)[0].number else
                f"{n} (in memory): support {w[0]} → {v[0]}, strain {w[1]} → {v[1]} since session {before}"),
                name, was, now)
            found.append(RememberedTie(tie.person, was, now, before, words=words))
    return tuple(found)


def session_change(doc: Document, before: int, after: int, thresholds: Thresholds = DEFAULT,
                   name_of: NameOf | None = None) -> SessionChange:
    """The change from session ``before`` to session ``after`` of one client (either order)."""
    return diff(session_graph(doc, before), session_graph(doc, after), thresholds, name_of,
                deceased_by(doc, after))
