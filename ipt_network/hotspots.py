"""Isolation flags and conflict hotspots of DESIGN section 5, each with its reasons in words.

Every finding carries a reason code (for JSON and tests) and one sentence in each voice: the
therapist's (clinical terms, ratings) and the client's (plain words, no numbers that shame).
Sentences use the person's name through ``name_of`` (person id → display name), so a caller
that hides names can pass initials or roles; they never use gendered pronouns.

Only people counted that session (alive on its date) can raise a flag or be a hotspot, and only
links between such people count. The comparisons with "the previous session" (``shrinking``,
``rising_conflict``) use the session with the highest lower number; on the first session they
never fire.

Ranking
-------
Isolation flags come in the fixed order of DESIGN section 5: ``no_close_support``,
``few_supports``, ``concentrated_support``, ``shrinking``. Each hotspot lists its reasons in the
fixed order ``high_conflict``, ``close_and_conflicted``, ``conflict_among_others``,
``rising_conflict``. Hotspots are ranked most severe first by: more reasons; then higher
conflict on the client's tie; then a closer circle; then more conflicted links; then person id
(so the order is always the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import networkx as nx

from ipt_network.graph import NameOf, links, name_lookup, previous_session, session_graph, ties
from ipt_network.metrics import support_concentration, valence, valence_counts
from ipt_network.model import Document
from ipt_network.settings import DEFAULT, Thresholds
from ipt_network.words import TwoVoices, list_in_words, plural, sentence

FLAGS = ("no_close_support", "few_supports", "concentrated_support", "shrinking")
REASONS = ("high_conflict", "close_and_conflicted", "conflict_among_others", "rising_conflict")


@dataclass(frozen=True)
class Flag:
    """An isolation flag: its code and the reason in each voice."""

    code: str
    therapist: str
    client: str


@dataclass(frozen=True)
class Hotspot(TwoVoices):
    """A person at the centre of conflict, with the reason codes; ``therapist`` and ``client``
    give the reasons in words."""

    person: str
    reasons: tuple[str, ...]

    def as_json(self) -> dict:
        return {"person": self.person, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Findings:
    """One session's flags and hotspots, in their reporting order."""

    flags: tuple[Flag, ...]
    hotspots: tuple[Hotspot, ...]


def _strong_supports(G: nx.Graph, thresholds: Thresholds) -> dict[str, dict]:
    return {p: t for p, t in ties(G).items() if t["support"] >= thresholds.high}


def isolation_flags(G: nx.Graph, previous: nx.Graph | None = None, thresholds: Thresholds = DEFAULT,
                    name_of: NameOf | None = None) -> list[Flag]:
    """The isolation flags raised by one session, each with its reason in both voices.

    Parameters
    ----------
    G : nx.Graph
        The session, from ``graph.session_graph``.
    previous : nx.Graph or None
        The previous session, for ``shrinking``; ``None`` on the first session.
    thresholds : Thresholds
    name_of : callable, optional
        Person id → name shown; defaults to the names in the graphs.

    Examples
    --------
    >>> G = nx.Graph(client="c", session=1)
    >>> G.add_node("mum", name="Mum")
    >>> G.add_edge("c", "mum", kind="tie", circle=2, support=8, conflict=1)
    >>> [f.code for f in isolation_flags(G)]
    ['no_close_support', 'few_supports']
    >>> isolation_flags(G)[1].client
    'Only one person feels like a strong support right now.'
    """
    name_of = name_of or name_lookup(G)
    T = thresholds.high
    current = ties(G)
    strong = _strong_supports(G, thresholds)
    flags = []
    if not any(t["circle"] == 1 for t in strong.values()):
        empty = "" if any(t["circle"] == 1 for t in current.values()) else " (the inner circle is empty)"
        flags.append(Flag("no_close_support", f"No one in the inner circle gives support ≥ {T}/10{empty}.",
                          "Nobody in your inner circle feels like a strong support right now."))
    if len(strong) < thresholds.few_supports:
        k = len(strong)
        people = {0: "Nobody feels", 1: "Only one person feels"}.get(k, f"Only {k} people feel")
        flags.append(Flag(
            "few_supports",
            f"{'Only ' + plural(k, 'tie') if k else 'No tie'} with support ≥ {T}/10 "
            f"(fewer than {thresholds.few_supports}).",
            f"{people} like a strong support right now."))
    share = support_concentration(G)
    if share is not None and share > thresholds.concentration and len(current) >= 2:
        top = max(current, key=lambda p: (current[p]["support"], p))
        total = sum(t["support"] for t in current.values())
        flags.append(Flag(
            "concentrated_support",
            f"{share:.0%} of all support comes from {name_of(top)} ({current[top]['support']} of {total}).",
            f"Most of your support comes from {name_of(top)}."))
    if previous is not None:
        flag = _shrinking(G, previous, thresholds)
        if flag:
            flags.append(flag)
    return flags


def _shrinking(G: nx.Graph, previous: nx.Graph, thresholds: Thresholds) -> Flag | None:
    since = previous.graph["session"]
    before_n, now_n = len(ties(previous)), len(ties(G))
    before_s = valence_counts(previous, thresholds)["supportive"]
    now_s = valence_counts(G, thresholds)["supportive"]
    therapist, client = [], []
    if before_n - now_n >= thresholds.shrinking:
        therapist.append(f"network fell from {before_n} to {now_n} people")
        client.append("your circle is smaller than last time")
    if before_s - now_s >= thresholds.shrinking:
        therapist.append(f"supportive ties fell from {before_s} to {now_s}")
        client.append("fewer people feel supportive than last time")
    if not therapist:
        return None
    return Flag("shrinking", sentence([" and ".join(therapist) + f" since session {since}"]),
                sentence(client, ", and "))


def conflict_hotspots(G: nx.Graph, previous: nx.Graph | None = None, thresholds: Thresholds = DEFAULT,
                      name_of: NameOf | None = None) -> list[Hotspot]:
    """The people at the centre of conflict in one session, most severe first.

    A person is a hotspot for any of: conflict ≥ ``high_conflict`` (``high_conflict``); an
    ambivalent tie in circle 1 (``close_and_conflicted``); in ``conflicted_links`` or more links
    with conflict ≥ T (``conflict_among_others``); conflict up by ``rising`` or more since the
    previous session (``rising_conflict``).

    Examples
    --------
    >>> G = nx.Graph(client="c", session=1)
    >>> G.add_node("mum", name="Mum")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> [h] = conflict_hotspots(G)
    >>> h.reasons
    ('high_conflict', 'close_and_conflicted')
    >>> h.therapist
    'Conflict with Mum 8/10; Mum is in the inner circle with support 6/10 (ambivalent).'
    >>> h.client
    'Things with Mum are very hard right now. Mum is very close, and brings both support and strain.'
    """
    name_of = name_of or name_lookup(G)
    T = thresholds.high
    current = ties(G)
    before = ties(previous) if previous is not None else {}
    others: dict[str, list[str]] = {p: [] for p in current}
    for a, b, link in links(G):
        if link["conflict"] >= T:
            others[a].append(b)
            others[b].append(a)
    found = []
    for person, tie in current.items():
        reasons = []
        if tie["conflict"] >= thresholds.high_conflict:
            reasons.append("high_conflict")
        if tie["circle"] == 1 and valence(tie["support"], tie["conflict"], thresholds) == "ambivalent":
            reasons.append("close_and_conflicted")
        if len(others[person]) >= thresholds.conflicted_links:
            reasons.append("conflict_among_others")
        rise_from = before[person]["conflict"] if person in before else None
        if rise_from is not None and tie["conflict"] - rise_from >= thresholds.rising:
            reasons.append("rising_conflict")
        if reasons:
            rank = (-len(reasons), -tie["conflict"], tie["circle"], -len(others[person]), person)
            words = partial(_hotspot_words, person, tie, reasons, others[person], rise_from, previous,
                            thresholds, name_of)
            found.append((rank, Hotspot(person, tuple(reasons), words=words)))
    return [hotspot for _, hotspot in sorted(found, key=lambda pair: pair[0])]


def _hotspot_words(person: str, tie: dict, reasons: list[str], others: list[str], rise_from: int | None,
                   previous: nx.Graph | None, thresholds: Thresholds, name_of: NameOf) -> tuple[str, str]:
    name = name_of(person)
    other_names = list_in_words(name_of(p) for p in sorted(others))
    therapist, client = [], []
    if "high_conflict" in reasons:
        therapist.append(f"conflict with {name} {tie['conflict']}/10")
        client.append(f"things with {name} are very hard right now")
    if "close_and_conflicted" in reasons:
        rated = f"support {tie['support']}/10"
        if "high_conflict" not in reasons:
            rated += f" and conflict {tie['conflict']}/10"
        therapist.append(f"{name} is in the inner circle with {rated} (ambivalent)")
        client.append(f"{name} is very close, and brings both support and strain")
    if "conflict_among_others" in reasons:
        therapist.append(f"{name} is in {len(others)} links with conflict ≥ {thresholds.high}/10 "
                         f"(with {other_names})")
        client.append(f"there is tension between {name} and others in your circle ({other_names})")
    if "rising_conflict" in reasons:
        therapist.append(f"conflict with {name} rose from {rise_from} to {tie['conflict']} "
                         f"since session {previous.graph['session']}")
        client.append(f"things with {name} have got harder since last time")
    return sentence(therapist), " ".join(sentence([c]) for c in client)


def session_findings(doc: Document, number: int, thresholds: Thresholds = DEFAULT,
                     name_of: NameOf | None = None) -> Findings:
    """Flags and hotspots of session ``number``, compared with the session before it."""
    G = session_graph(doc, number)
    before = previous_session(doc, number)
    previous = session_graph(doc, before.number) if before else None
    return Findings(tuple(isolation_flags(G, previous, thresholds, name_of)),
                    tuple(conflict_hotspots(G, previous, thresholds, name_of)))
