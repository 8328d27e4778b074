"""How network series moved with mood series: Spearman's rank correlation on levels and on changes.

Two ways (DESIGN section 5, version 2)
--------------------------------------
``levels`` pairs the network and the mood score of the same session, over the sessions that have
both. Over a course in which support rises and symptoms fall, this mostly measures that both
series trended, not that they moved together from week to week.

``changes`` pairs session-to-session changes, which is what IPT links ("what happened with whom
this week, and how was your mood"): over the sessions that have the instrument, in session
order, ΔX = X(this) − X(previous of those sessions) and ΔM likewise; n is the number of pairs.
The words shown to people are built on changes.

Lag 1 pairs the network with the mood one step later: for levels, the network at one session
with the mood at the NEXT session of the course (the next higher session number that exists);
for changes, ΔX of one pair with ΔM of the next pair. ``rho`` is ``None`` when n is below the
minimum (``thresholds.min_n`` for levels, ``thresholds.min_n_changes`` for changes) or when
either series is constant over those pairs (a rank correlation is then undefined).

Over a course of 12–16 sessions a correlation is a conversation starter, not evidence: the
words say the two series "moved together", always give n, never claim that one changed the
other, and say so when both series merely trended over the course (|Spearman with session
number| ≥ ``TREND`` for both).

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
BASES = ("changes", "levels")
"""What is correlated: session-to-session changes (the basis of the words) and levels beside them."""

TREND = 0.8
"""|Spearman with session number| from which a series counts as having trended over the course."""

_TAIL = " A correlation shows how two things moved together, not that one changed the other."


@dataclass(frozen=True)
class Linkage:
    """One network series against one mood instrument at one lag, on levels or on changes."""

    series: str
    instrument: str
    lag: int
    on: str
    rho: float | None
    n: int
    sentence: str
    trended: bool = False
    """Both series drifted over the course (|Spearman with session number| ≥ ``TREND`` for both)."""

    def as_json(self) -> dict:
        """The linkage object of ``metrics --json``."""
        return {"series": self.series, "instrument": self.instrument, "lag": self.lag, "on": self.on,
                "rho": self.rho, "n": self.n}


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


def paired_changes(network: pd.Series, mood: pd.Series, lag: int) -> tuple[np.ndarray, np.ndarray]:
    """Changes of both series between consecutive sessions that have a mood score, ``lag`` pairs apart.

    Examples
    --------
    >>> idx = pd.Index([1, 2, 3, 4], name="session")
    >>> dx, dm = paired_changes(pd.Series([5., 6., 9., 8.], idx), pd.Series([20., None, 14., 15.], idx), lag=0)
    >>> dx.tolist(), dm.tolist()  # session 1 → 3 and 3 → 4 (session 2 has no score)
    ([4.0, -1.0], [-6.0, 1.0])
    """
    scored = mood.reindex(network.index).dropna().index
    x = network.loc[scored].to_numpy(dtype="float64")
    y = mood.loc[scored].to_numpy(dtype="float64")
    dx, dm = np.diff(x), np.diff(y)
    if lag:
        dx, dm = dx[:-lag], dm[lag:]
    keep = ~(np.isnan(dx) | np.isnan(dm))
    return dx[keep], dm[keep]


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


def trended(network: pd.Series, mood: pd.Series, min_n: int) -> bool:
    """True when, over the sessions with both, each series has |Spearman with session number| ≥ ``TREND``."""
    both = pd.concat([network, mood.reindex(network.index)], axis=1).dropna()
    numbers = both.index.to_numpy(dtype="float64")
    rhos = [spearman(numbers, both.iloc[:, i].to_numpy(dtype="float64"), min_n) for i in (0, 1)]
    return all(rho is not None and abs(rho) >= TREND for rho in rhos)


CLEAR_PATTERN = 0.3
"""Below this |rho| the words say "no clear pattern": Cohen's (1988) medium effect size for a correlation."""
CLOSE_PATTERN = 0.5
"""From this |rho| the words say "closely" (Cohen's large effect); between the two, "loosely"."""


def _strength(rho: float) -> str | None:
    if abs(rho) < CLEAR_PATTERN:
        return None
    how = "closely" if abs(rho) >= CLOSE_PATTERN else "loosely"
    return f"moved {how} together {'in the same direction' if rho > 0 else 'in opposite directions'}"


def _meaning(rho: float, better_high: bool) -> str:
    good = (rho > 0) == better_high
    if better_high:
        return "which means better mood" if good else "which means lower mood"
    return "which means fewer symptoms" if good else "which means more symptoms"


def trend_sentence(series: str, instrument: str, levels_rho: float | None, levels_n: int) -> str:
    """Both series drifted over the course: what a level-on-level correlation then mostly shows.

    Examples
    --------
    >>> print(trend_sentence("total_support", "PHQ-9", -0.87, 12))  # doctest: +NORMALIZE_WHITESPACE
    Both total support and PHQ-9 drifted steadily over the course, so their session-by-session
    levels line up (rho = -0.87, n = 12) largely because both trended; the week-to-week changes
    are the better guide.
    """
    levels = f" (rho = {levels_rho:.2f}, n = {levels_n})" if levels_rho is not None else ""
    mood_name = "mood rating" if Instrument(instrument) in HIGHER_IS_BETTER else instrument
    return (f"Both {SERIES_WORDS[series]} and {mood_name} drifted steadily over the course, so their "
            f"session-by-session levels line up{levels} largely because both trended; the week-to-week "
            "changes are the better guide.")


def linkage_sentence(series: str, instrument: str, lag: int, rho: float | None, n: int,
                     min_n: int = DEFAULT.min_n, on: str = "levels") -> str:
    """One result in plain words: how the two series (their levels, or their changes) moved together, with n.

    Examples
    --------
    >>> print(linkage_sentence("total_support", "PHQ-9", 0, -0.714, 12))  # doctest: +NORMALIZE_WHITESPACE
    Across 12 sessions, total support and PHQ-9 moved closely together in opposite directions
    (rho = -0.71, n = 12): when total support was higher, PHQ-9 scores tended to be lower,
    which means fewer symptoms. A correlation shows how two things moved together, not that
    one changed the other.
    >>> print(linkage_sentence("total_support", "PHQ-9", 0, -0.6, 11, 5, "changes"))
    ... # doctest: +NORMALIZE_WHITESPACE
    From one session to the next, across 11 changes, total support and PHQ-9 moved closely together
    in opposite directions (rho = -0.60, n = 11): when total support rose, PHQ-9 scores tended to
    fall, which means fewer symptoms. A correlation shows how two things moved together, not that
    one changed the other.
    """
    what = SERIES_WORDS[series]
    better_high = Instrument(instrument) in HIGHER_IS_BETTER
    scores = "mood ratings" if better_high else f"{instrument} scores"
    mood_name = "mood rating" if better_high else instrument
    changes = on == "changes"
    if rho is None:
        if n < min_n:
            counted = {(True, 0): "changes from one session to the next", (True, 1): "pairs of consecutive changes",
                       (False, 0): "sessions", (False, 1): "pairs of consecutive sessions"}[changes, bool(lag)]
            return (f"Too few {counted} have both {what} and {mood_name} to compare them "
                    f"(n = {n}; at least {min_n} are needed).")
        return (f"Either {what} or {mood_name} stayed the same over these sessions, so how they moved "
                f"together cannot be measured (n = {n}).")
    if changes:
        span = (f"From one session to the next, across {n} changes, {what} and {mood_name}" if not lag else
                f"Across {n} pairs of consecutive changes, a change in {what} and the next change in {mood_name}")
    elif lag:
        span = f"Across {n} pairs of consecutive sessions, {what} at one session and {mood_name} at the next"
    else:
        span = f"Across {n} sessions, {what} and {mood_name}"
    strength = _strength(rho)
    if strength is None:
        return f"{span} showed no clear pattern together (rho = {rho:.2f}, n = {n}).{_TAIL}"
    if changes:
        when = f"when {what} rose, {scores}{' the next time' if lag else ''} tended to {'rise' if rho > 0 else 'fall'}"
    else:
        later = " at the next session" if lag else ""
        when = f"when {what} was higher, {scores}{later} tended to be {'higher' if rho > 0 else 'lower'}"
    return f"{span} {strength} (rho = {rho:.2f}, n = {n}): {when}, {_meaning(rho, better_high)}.{_TAIL}"


def linkage_from_tables(measures: pd.DataFrame, mood: pd.DataFrame, thresholds: Thresholds = DEFAULT,
                        series_wanted: Sequence[str] = SERIES) -> list[Linkage]:
    """Every network series (or those of ``series_wanted``) against every instrument in ``mood``,
    at lag 0 and lag 1, on changes and on levels.

    Ordered by instrument (as in ``mood``'s columns), then series (as given), then lag, then
    changes before levels. When both series trended, each sentence says so.
    """
    network = network_series(measures)
    results = []
    for instrument in mood.columns:
        for series in series_wanted:
            drift = trended(network[series], mood[instrument], thresholds.min_n)
            level_x, level_y = paired(network[series], mood[instrument], 0)
            level_rho = spearman(level_x, level_y, thresholds.min_n)
            for lag in LAGS:
                for on in BASES:
                    if on == "changes":
                        x, y = paired_changes(network[series], mood[instrument], lag)
                        least = thresholds.min_n_changes
                    else:
                        x, y = paired(network[series], mood[instrument], lag)
                        least = thresholds.min_n
                    rho = spearman(x, y, least)
                    sentence = linkage_sentence(series, instrument, lag, rho, len(x), least, on)
                    if drift:
                        sentence += " " + trend_sentence(series, instrument, level_rho, len(level_x))
                    results.append(Linkage(series, instrument, lag, on, rho, len(x), sentence, drift))
    return results


def linkage(doc: Document, thresholds: Thresholds = DEFAULT, up_to: int | None = None) -> list[Linkage]:
    """The mood linkage of a course, optionally only over sessions numbered up to ``up_to``."""
    measures, mood = measure_table(doc, thresholds), mood_table(doc)
    if up_to is not None:
        measures, mood = measures.loc[:up_to], mood.loc[:up_to]
    return linkage_from_tables(measures, mood, thresholds)
