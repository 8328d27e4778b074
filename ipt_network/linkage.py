"""How network series moved with mood series: Spearman's rank correlation at lag 0 and lag 1.

Pairing
-------
Lag 0 pairs the network and the mood score of the same session. Lag 1 pairs the network at one
session with the mood score at the NEXT session of the course (the next higher session number
that exists, whether or not it has a score): "network one session ahead of mood". Only pairs
with both values count; ``n`` is their number. ``rho`` is ``None`` when n < ``thresholds.min_n``
or when either series is constant over those pairs (a rank correlation is then undefined).

Over a course of 12–16 sessions a correlation is a conversation starter, not evidence: the
words shown say the two series "moved together", always give n, and never claim that one
changed the other.

References
----------
.. [1] Spearman, C. (1904). The proof and measurement of association between two things.
       *American Journal of Psychology*, 15(1), 72–101.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ipt_network.metrics import measure_table
from ipt_network.model import Document, Instrument
from ipt_network.scales import HIGHER_IS_BETTER, mood_table
from ipt_network.settings import DEFAULT, Thresholds

SERIES = ("total_support", "supportive", "total_conflict", "conflicted_ties", "size", "inner_circle")
"""Network series compared with mood (DESIGN section 5)."""

SERIES_WORDS = {
    "total_support": "total support",
    "supportive": "the number of supportive ties",
    "total_conflict": "total conflict",
    "conflicted_ties": "the number of conflicted ties",
    "size": "the number of people in the network",
    "inner_circle": "the number of people in the inner circle",
}

LAGS = (0, 1)

_TAIL = " A correlation shows how two things moved together, not that one changed the other."


@dataclass(frozen=True)
class Linkage:
    """One network series against one mood instrument at one lag."""

    series: str
    instrument: str
    lag: int
    rho: float | None
    n: int
    sentence: str

    def as_json(self) -> dict:
        """The linkage object of ``metrics --json``."""
        return {"series": self.series, "instrument": self.instrument, "lag": self.lag, "rho": self.rho,
                "n": self.n}


def network_series(measures: pd.DataFrame) -> pd.DataFrame:
    """The series of ``SERIES`` from a ``metrics.measure_table``; conflicted ties = aversive + ambivalent."""
    table = measures.assign(conflicted_ties=measures["aversive"] + measures["ambivalent"])
    return table[list(SERIES)]


def paired(network: pd.Series, mood: pd.Series, lag: int) -> tuple[np.ndarray, np.ndarray]:
    """Network values and mood values ``lag`` sessions apart, complete pairs only.

    Both series share one index of session numbers in course order; NaN marks a missing value.

    Examples
    --------
    >>> idx = pd.Index([1, 2, 3], name="session")
    >>> x, y = paired(pd.Series([5., 6., 7.], idx), pd.Series([20., None, 10.], idx), lag=1)
    >>> x.tolist(), y.tolist()  # network at session 2 with mood at session 3
    ([6.0], [10.0])
    """
    x = network.to_numpy(dtype="float64")
    y = mood.reindex(network.index).to_numpy(dtype="float64")
    if lag:
        x, y = x[:-lag], y[lag:]
    keep = ~(np.isnan(x) | np.isnan(y))
    return x[keep], y[keep]


def spearman(x: np.ndarray, y: np.ndarray, min_n: int) -> float | None:
    """Spearman's rho (ties get average ranks); ``None`` when n < ``min_n`` or a series is constant.

    Examples
    --------
    >>> round(spearman(np.array([1, 2, 3, 4]), np.array([10, 8, 9, 1]), min_n=4), 6)
    -0.8
    """
    if len(x) < min_n or np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    return float(stats.spearmanr(x, y).statistic)


CLEAR_PATTERN = 0.3
"""Below this |rho| the words say "no clear pattern": Cohen's (1988) medium effect size for a correlation."""
CLOSE_PATTERN = 0.5
"""From this |rho| the words say "closely" (Cohen's large effect); between the two, "loosely"."""


def linkage_sentence(series: str, instrument: str, lag: int, rho: float | None, n: int,
                     min_n: int = DEFAULT.min_n) -> str:
    """One result in plain words: how the two series moved together, with n.

    Examples
    --------
    >>> print(linkage_sentence("total_support", "PHQ-9", 0, -0.714, 12))  # doctest: +NORMALIZE_WHITESPACE
    Across 12 sessions, total support and PHQ-9 moved closely together in opposite directions
    (rho = -0.71, n = 12): when total support was higher, PHQ-9 scores tended to be lower,
    which means fewer symptoms. A correlation shows how two things moved together, not that
    one changed the other.
    """
    what = SERIES_WORDS[series]
    better_high = Instrument(instrument) in HIGHER_IS_BETTER
    scores = "mood ratings" if better_high else f"{instrument} scores"
    mood_name = "mood rating" if better_high else instrument
    if rho is None:
        if n < min_n:
            return (f"Too few sessions have both {what} and {mood_name} to compare them "
                    f"(n = {n}; at least {min_n} are needed).")
        return (f"Either {what} or {mood_name} stayed the same over these sessions, so how they moved "
                f"together cannot be measured (n = {n}).")
    if lag:
        span = f"Across {n} pairs of consecutive sessions, {what} at one session and {mood_name} at the next"
        scores += " at the next session"
    else:
        span = f"Across {n} sessions, {what} and {mood_name}"
    if abs(rho) < CLEAR_PATTERN:
        return f"{span} showed no clear pattern together (rho = {rho:.2f}, n = {n}).{_TAIL}"
    same = rho > 0
    tended = "higher" if same else "lower"
    good = same == better_high
    meaning = ("which means better mood" if better_high else "which means fewer symptoms") if good else \
        ("which means lower mood" if better_high else "which means more symptoms")
    how = "closely" if abs(rho) >= CLOSE_PATTERN else "loosely"
    return (f"{span} moved {how} together {'in the same direction' if same else 'in opposite directions'} "
            f"(rho = {rho:.2f}, n = {n}): when {what} was higher, {scores} tended to be {tended}, "
            f"{meaning}.{_TAIL}")


def linkage_from_tables(measures: pd.DataFrame, mood: pd.DataFrame, thresholds: Thresholds = DEFAULT,
                        series_wanted: Sequence[str] = SERIES) -> list[Linkage]:
    """Every network series (or those of ``series_wanted``) against every instrument in ``mood``,
    at lag 0 and lag 1.

    Ordered by instrument (as in ``mood``'s columns), then series (as given), then lag.
    """
    network = network_series(measures)
    results = []
    for instrument in mood.columns:
        for series in series_wanted:
            for lag in LAGS:
                x, y = paired(network[series], mood[instrument], lag)
                rho = spearman(x, y, thresholds.min_n)
                results.append(Linkage(series, instrument, lag, rho, len(x),
                                       linkage_sentence(series, instrument, lag, rho, len(x), thresholds.min_n)))
    return results


def linkage(doc: Document, thresholds: Thresholds = DEFAULT, up_to: int | None = None) -> list[Linkage]:
    """The mood linkage of a course, optionally only over sessions numbered up to ``up_to``."""
    measures, mood = measure_table(doc, thresholds), mood_table(doc)
    if up_to is not None:
        measures, mood = measures.loc[:up_to], mood.loc[:up_to]
    return linkage_from_tables(measures, mood, thresholds)
