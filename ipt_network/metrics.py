"""The per-session measures of DESIGN section 5, as plain functions over a session graph.

Every function takes a graph built by ``graph.session_graph`` (people who had died by the
session's date are left out, even from a graph that shows them) and returns plain data:
``int``, ``float``, ``str`` or ``None`` where a measure is not defined. ``measure_table``
gives the whole course as a pandas table for figures and the mood linkage.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
       Harvard University Press.
.. [2] Burt, R. S. (2004). Structural holes and good ideas. *American Journal of
       Sociology*, 110(2), 349–399.
.. [3] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       *Connections*, 20(1), 35–38.
.. [4] Uchino, B. N., Holt-Lunstad, J., Smith, T. W., & Bloor, L. (2004). Heterogeneity in
       social networks: a comparison of different models linking relationships to
       psychological outcomes. *Journal of Social and Clinical Psychology*, 23(2), 123–139.
.. [5] Campo, R. A., Uchino, B. N., Holt-Lunstad, J., Vaughn, A., Reblin, M., & Smith, T. W.
       (2009). The assessment of positivity and negativity in social networks: the
       reliability and validity of the Social Relationships Index. *Journal of Community
       Psychology*, 37(4), 471–486.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import pandas as pd

from ipt_network.graph import client_node, counted_graph, held_sessions, links, session_graph, ties
from ipt_network.model import Document
from ipt_network.settings import DEFAULT, Thresholds

VALENCES = ("supportive", "ambivalent", "aversive", "indifferent")
"""The four kinds of tie, in the order they are reported."""

MEASURES = ("size", "inner_circle", "total_support", "total_conflict", "mean_support", "mean_conflict",
            *VALENCES, "density", "effective_size", "constraint", "support_concentration")
"""Every measure of DESIGN section 5, in the order of the ``metrics --json`` session object."""


def valence(support: int, conflict: int, thresholds: Thresholds = DEFAULT) -> str:
    """The kind of a tie from its two ratings, after the Social Relationships Index idea.

    A tie can be supportive and conflicted at once; the SRI's point is that such
    *ambivalent* ties behave differently from purely supportive or purely aversive ones [4]_ [5]_.
    With T = ``thresholds.high``: supportive (support ≥ T, conflict < T), ambivalent (both ≥ T),
    aversive (conflict ≥ T, support < T), indifferent (both < T).

    Examples
    --------
    >>> valence(6, 8), valence(6, 4), valence(4, 7), valence(4, 4)
    ('ambivalent', 'supportive', 'aversive', 'indifferent')

    References
    ----------
    .. [4] Uchino et al. (2004), J. Soc. Clin. Psychol. 23(2), 123–139.
    .. [5] Campo et al. (2009), J. Community Psychol. 37(4), 471–486.
    """
    high_support = support >= thresholds.high
    high_conflict = conflict >= thresholds.high
    if high_support:
        return "ambivalent" if high_conflict else "supportive"
    return "aversive" if high_conflict else "indifferent"


def size(G: nx.Graph) -> int:
    """Number of people with a tie that session (n).

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> size(G)
    1
    """
    return len(ties(G))


def inner_circle(G: nx.Graph) -> int:
    """Number of people placed in circle 1 ("hard to imagine life without them").

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> G.add_edge("c", "dan", kind="tie", circle=2, support=4, conflict=7)
    >>> inner_circle(G)
    1
    """
    return _inner_circle(ties(G))


def total_support(G: nx.Graph) -> int:
    """Sum of the support ratings of the client's ties.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> G.add_edge("c", "dan", kind="tie", circle=1, support=4, conflict=7)
    >>> total_support(G)
    10
    """
    return _total(ties(G), "support")


def total_conflict(G: nx.Graph) -> int:
    """Sum of the conflict ratings of the client's ties.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> G.add_edge("c", "dan", kind="tie", circle=1, support=4, conflict=7)
    >>> total_conflict(G)
    15
    """
    return _total(ties(G), "conflict")


def mean_support(G: nx.Graph) -> float | None:
    """Total support / n; ``None`` when nobody is in the network.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> G.add_edge("c", "dan", kind="tie", circle=1, support=4, conflict=7)
    >>> mean_support(G)
    5.0
    """
    people = ties(G)
    return _mean(_total(people, "support"), len(people))


def mean_conflict(G: nx.Graph) -> float | None:
    """Total conflict / n; ``None`` when nobody is in the network.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> G.add_edge("c", "dan", kind="tie", circle=1, support=4, conflict=7)
    >>> mean_conflict(G)
    7.5
    """
    people = ties(G)
    return _mean(_total(people, "conflict"), len(people))


def tie_valences(G: nx.Graph, thresholds: Thresholds = DEFAULT) -> dict[str, str]:
    """Person id → valence of the client's tie with them.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> tie_valences(G)
    {'mum': 'ambivalent'}
    """
    return _valences(ties(G), thresholds)


def valence_counts(G: nx.Graph, thresholds: Thresholds = DEFAULT) -> dict[str, int]:
    """How many ties are supportive, ambivalent, aversive and indifferent; they add up to n.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> G.add_edge("c", "dan", kind="tie", circle=1, support=4, conflict=7)
    >>> valence_counts(G)
    {'supportive': 0, 'ambivalent': 1, 'aversive': 1, 'indifferent': 0}
    """
    return _valence_counts(ties(G), thresholds)


def density(G: nx.Graph) -> float | None:
    """Links / possible links, n(n−1)/2: how far the client's people know one another.

    ``None`` when n < 2 (no pair exists).

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edges_from([("c", p) for p in "pqr"], kind="tie", circle=2, support=5, conflict=0)
    >>> G.add_edge("p", "q", kind="link", support=5, conflict=0)
    >>> density(G)  # 1 link of 3*2/2 = 3 possible
    0.3333333333333333
    """
    return _density(len(ties(G)), len(links(G)))


def _burt(G: nx.Graph, measure) -> float | None:
    """Run a networkx structural-holes measure for the client node; ``None`` for n = 0."""
    H = counted_graph(G)
    client = client_node(H)
    if H.degree(client) == 0:
        return None
    value = measure(H)[client]
    return None if math.isnan(value) else value


def effective_size(G: nx.Graph) -> float | None:
    """Burt's effective size of the client's network: people minus their redundancy.

    Computed by ``networkx.effective_size`` on the unweighted graph of ties and links; for an
    undirected unweighted graph this is Borgatti's n − 2t/n, t = links among the people [1]_ [3]_.
    It counts how many separate "worlds" the client reaches. ``None`` when n = 0.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edges_from([("c", p) for p in "pqrs"], kind="tie", circle=2, support=5, conflict=0)
    >>> effective_size(G)  # a star of 4: nobody knows anybody, 4 - 0/4
    4.0

    References
    ----------
    .. [1] Burt (1992), *Structural Holes*, Harvard University Press.
    .. [3] Borgatti (1997), *Connections* 20(1), 35–38.
    """
    return _burt(G, nx.effective_size)


def constraint(G: nx.Graph) -> float | None:
    """Burt's constraint on the client: how far their contacts are tied up with one another.

    Computed by ``networkx.constraint`` on the unweighted graph of ties and links [2]_. It runs
    from 1/n (nobody knows anybody) up to about 1.1 (a closed group, or a single person);
    high constraint means few independent sources of help. ``None`` when n = 0.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edges_from([("c", p) for p in "pqrs"], kind="tie", circle=2, support=5, conflict=0)
    >>> constraint(G)  # a star of 4: 4 * (1/4)**2
    0.25

    References
    ----------
    .. [2] Burt (2004), *American Journal of Sociology* 110(2), 349–399.
    """
    return _burt(G, nx.constraint)


def support_concentration(G: nx.Graph) -> float | None:
    """Largest single support rating / total support; ``None`` when total support is 0.

    Near 1 means one person carries almost all the client's support.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> G.add_edge("c", "dan", kind="tie", circle=1, support=2, conflict=7)
    >>> support_concentration(G)  # 6 / (6 + 2)
    0.75
    """
    return _concentration(ties(G))


def measures(G: nx.Graph, thresholds: Thresholds = DEFAULT) -> dict[str, int | float | None]:
    """Every measure of DESIGN section 5 for one session, keyed and ordered as ``MEASURES``.

    Examples
    --------
    >>> G = nx.Graph(client="c")
    >>> G.add_edge("c", "mum", kind="tie", circle=1, support=6, conflict=8)
    >>> G.add_edge("c", "dan", kind="tie", circle=1, support=4, conflict=7)
    >>> G.add_edge("mum", "dan", kind="link", support=1, conflict=7)
    >>> m = measures(G)
    >>> m["size"], m["density"], m["effective_size"], m["constraint"]
    (2, 1.0, 1.0, 1.125)
    """
    H = counted_graph(G)
    people = ties(H)
    n, support, conflict = len(people), _total(people, "support"), _total(people, "conflict")
    return {
        "size": n,
        "inner_circle": _inner_circle(people),
        "total_support": support,
        "total_conflict": conflict,
        "mean_support": _mean(support, n),
        "mean_conflict": _mean(conflict, n),
        **_valence_counts(people, thresholds),
        "density": _density(n, len(links(H))),
        "effective_size": effective_size(H),
        "constraint": constraint(H),
        "support_concentration": _concentration(people),
    }


def measure_table(doc: Document, thresholds: Thresholds = DEFAULT) -> pd.DataFrame:
    """The course as a table: one row per session held (index ``session``), one float column per measure.

    Undefined values are NaN; a session not attended has no row. Feeds the trend figures and the mood linkage.
    """
    return as_table({s.number: measures(session_graph(doc, s.number), thresholds) for s in held_sessions(doc)})


def as_table(by_session: Mapping[int, Mapping[str, int | float | None]]) -> pd.DataFrame:
    """Session number → ``measures`` result, as the ``measure_table`` frame (rows in the given order)."""
    return pd.DataFrame(list(by_session.values()), index=pd.Index(list(by_session), name="session"),
                        columns=list(MEASURES), dtype="float64")


# --- the arithmetic, over a person id -> tie attributes mapping (``graph.ties``) ---------------


def _total(people: dict[str, dict], rating: str) -> int:
    return sum(tie[rating] for tie in people.values())


def _mean(total: int, n: int) -> float | None:
    return total / n if n else None


def _inner_circle(people: dict[str, dict]) -> int:
    return sum(1 for tie in people.values() if tie["circle"] == 1)


def _valences(people: dict[str, dict], thresholds: Thresholds) -> dict[str, str]:
    return {p: valence(t["support"], t["conflict"], thresholds) for p, t in people.items()}


def _valence_counts(people: dict[str, dict], thresholds: Thresholds) -> dict[str, int]:
    counts = dict.fromkeys(VALENCES, 0)
    for kind in _valences(people, thresholds).values():
        counts[kind] += 1
    return counts


def _density(n: int, link_count: int) -> float | None:
    return link_count / (n * (n - 1) / 2) if n >= 2 else None


def _concentration(people: dict[str, dict]) -> float | None:
    total = _total(people, "support")
    return max(tie["support"] for tie in people.values()) / total if total else None
