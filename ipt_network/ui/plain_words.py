"""Mood and its link with the network in the client's words, with or without the numbers.

The core tells every mood score and every linkage result in the therapist's words, and a mood
score also in the client's; all of them quote numbers. A client looking at the screen should see
what their answers mean without seeing scores unless they ask for them ("Show scores"): these
sentences keep the meaning (the range, the direction, how many sessions it rests on) and drop the
rest, as the mood chart drawn with ``show_scores=False`` does. Like the core's sentences, they say
things "moved together", never that one caused the other, and always give n.
"""

from __future__ import annotations

import pandas as pd

from ipt_network.figures.mood import Markers, mood_summary
from ipt_network.linkage import CLEAR_PATTERN, CLOSE_PATTERN, Linkage
from ipt_network.model import Instrument
from ipt_network.scales import HIGHER_IS_BETTER, MoodResult, band, mood_sentence, plain_mood
from ipt_network.settings import DEFAULT
from ipt_network.words import VOICES, plural

THERAPIST, CLIENT = VOICES

SERIES_THING = {
    "total_support": "the support you feel",
    "supportive": "the number of people who feel supportive",
    "total_conflict": "the strain in your relationships",
    "conflicted_ties": "the number of relationships with strain",
    "size": "the size of your circle",
    "inner_circle": "the number of people in your inner circle",
}
"""Each network series of ``linkage.SERIES`` as the client would name it."""

SERIES_MORE = {
    "total_support": "you felt more support",
    "supportive": "more people felt supportive",
    "total_conflict": "there was more strain",
    "conflicted_ties": "more of your relationships had strain",
    "size": "your circle was bigger",
    "inner_circle": "more people were in your inner circle",
}
"""Each series going up, to follow "when"."""

def scores_name(instrument: str) -> str:
    """``"PHQ-9 scores"``; the self-rated mood is ``"mood ratings"``."""
    return "mood ratings" if Instrument(instrument) is Instrument.MOOD else f"{instrument} scores"


SERIES_ROSE = {
    "total_support": "you felt more support than the time before",
    "supportive": "more people felt supportive than the time before",
    "total_conflict": "there was more strain than the time before",
    "conflicted_ties": "more of your relationships had strain than the time before",
    "size": "your circle grew",
    "inner_circle": "more people came into your inner circle",
}
"""Each series rising from one session to the next, to follow "when"."""


def client_linkage(link: Linkage, *, numbers: bool = False, min_n: int = DEFAULT.min_n) -> str:
    """One linkage result in the client's words; rho only when ``numbers``, n always.

    Examples
    --------
    >>> link = Linkage("total_support", "PHQ-9", 0, "levels", -0.714, 12, "")
    >>> print(client_linkage(link))  # doctest: +NORMALIZE_WHITESPACE
    Over 12 sessions, when you felt more support, your PHQ-9 scores were usually lower, which means
    you were feeling better (n = 12). This shows how the two moved together, not that one caused the other.
    >>> print(client_linkage(Linkage("total_support", "PHQ-9", 0, "changes", -0.6, 11, ""), min_n=5))
    ... # doctest: +NORMALIZE_WHITESPACE
    From one session to the next, when you felt more support than the time before, your PHQ-9 scores
    usually went down, which means you were feeling better (n = 11). This shows how the two moved
    together, not that one caused the other.
    """
    thing, scores, n = SERIES_THING[link.series], scores_name(link.instrument), link.n
    changes = link.on == "changes"
    counted = f"rho = {link.rho:.2f}, n = {n}" if numbers and link.rho is not None else f"n = {n}"
    drift = " Both have also been moving steadily over the weeks." if link.trended else ""
    if link.rho is None:
        if n < min_n:
            return (f"There are not enough sessions yet to see how {thing} and your {scores} moved together "
                    f"({counted}).{drift}")
        return f"Either {thing} or your {scores} stayed the same, so there is no pattern to see ({counted}).{drift}"
    if changes:
        span = "From one change to the next" if link.lag else "From one session to the next"
    else:
        span = f"Over {plural(n, 'pair')} of sessions in a row" if link.lag else f"Over {plural(n, 'session')}"
    if abs(link.rho) < CLEAR_PATTERN:
        return f"{span}, {thing} and your {scores} did not clearly move together ({counted}).{drift}"
    higher = link.rho > 0
    better = higher == (Instrument(link.instrument) in HIGHER_IS_BETTER)
    how = "usually" if abs(link.rho) >= CLOSE_PATTERN else "often"
    if changes:
        when = f"when {SERIES_ROSE[link.series]}"
        yours = f"your {scores}" + (" the session after" if link.lag else "")
        moved = f"{how} went {'up' if higher else 'down'}"
    else:
        when = f"when {SERIES_MORE[link.series]}" + (" at one session" if link.lag else "")
        yours = f"your {scores}" + (" at the next session" if link.lag else "")
        moved = f"were {how} {'higher' if higher else 'lower'}"
    return (f"{span}, {when}, {yours} {moved}, which means you were feeling {'better' if better else 'worse'} "
            f"({counted}). This shows how the two moved together, not that one caused the other.{drift}")


def linkage_words(link: Linkage, voice: str, *, numbers: bool, min_n: int = DEFAULT.min_n) -> str:
    """The therapist's sentence (rho and n), or the client's."""
    return link.sentence if voice == THERAPIST else client_linkage(link, numbers=numbers, min_n=min_n)


def mood_words(result: MoodResult, voice: str, *, numbers: bool) -> str:
    """A mood score told in ``voice``; the client's words carry the score only when ``numbers``."""
    if voice == THERAPIST:
        return mood_sentence(result)
    return mood_sentence(result, CLIENT) if numbers else plain_mood(result)


def plain_mood_summary(table: pd.DataFrame) -> str:
    """Each instrument's first and latest range in words, without scores.

    >>> table = pd.DataFrame({"PHQ-9": [18.0, 11.0, 9.0]}, index=pd.Index([1, 2, 3], name="session"))
    >>> plain_mood_summary(table)
    'PHQ-9: from the moderately severe range at session 1 to the mild range at session 3.'
    """
    sentences = []
    for name in table.columns:
        scores = table[name].dropna()
        if scores.empty:
            continue
        (first, a), (last, b) = next(scores.items()), list(scores.items())[-1]
        if Instrument(name) is Instrument.MOOD:
            moved = "higher" if b > a else "lower" if b < a else "the same"
            sentences.append(f"Mood rating: {moved} at session {last} than at session {first}." if first != last
                             else f"Mood rating: first given at session {first}.")
        elif first == last:
            sentences.append(f"{name}: in the {band(name, int(a))} range at session {first}.")
        else:
            sentences.append(f"{name}: from the {band(name, int(a))} range at session {first} to the "
                             f"{band(name, int(b))} range at session {last}.")
    return " ".join(sentences) or "No mood scores recorded yet."


def mood_summary_words(table: pd.DataFrame, markers: Markers, voice: str, *, numbers: bool) -> str:
    """The mood chart in a sentence or two: with scores for the therapist or when asked for."""
    return mood_summary(table, markers=markers) if voice == THERAPIST or numbers else plain_mood_summary(table)
