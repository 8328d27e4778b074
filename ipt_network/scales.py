"""Mood instruments: item scoring, severity bands, reliable change, response and remission.

Every number here is a property of a published instrument, not a local choice, and each
cites its source. Direction matters: for PHQ-9, GAD-7 and HAM-D-17 higher is worse; for the
self-rated mood-0-10 higher is better.

Change is always measured against the client's FIRST score on that instrument (the lowest
session number that has it). That first score is the baseline, so its own ``reliable_change``,
``response`` and ``remission`` are ``None``: nothing has changed yet. Outcomes are given only
where they mean something (DESIGN section 5, version 2): when the baseline is below caseness
(``CASENESS``), ``response`` and ``remission`` are ``None`` at every session, since nobody
responds to or remits from a score that was never in the clinical range.

PHQ-9 item 9 (thoughts of being better off dead or of hurting oneself) is carried with every
PHQ-9: its answer 0–3 when the items were entered, ``None`` ("not recorded") when only a total was.

References
----------
.. [1] Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: validity of a brief
       depression severity measure. *Journal of General Internal Medicine*, 16(9), 606–613.
.. [2] Spitzer, R. L., Kroenke, K., Williams, J. B. W., & Löwe, B. (2006). A brief measure for
       assessing generalized anxiety disorder: the GAD-7. *Archives of Internal Medicine*,
       166(10), 1092–1097.
.. [3] Zimmerman, M., Martinez, J. H., Young, D., Chelminski, I., & Dalrymple, K. (2013).
       Severity classification on the Hamilton Depression Rating Scale. *Journal of Affective
       Disorders*, 150(2), 384–388.
.. [4] Jacobson, N. S., & Truax, P. (1991). Clinical significance: a statistical approach to
       defining meaningful change in psychotherapy research. *Journal of Consulting and
       Clinical Psychology*, 59(1), 12–19.
.. [5] National Collaborating Centre for Mental Health (2018, updated 2023). *The NHS Talking
       Therapies for Anxiety and Depression Manual* (formerly the IAPT Manual): caseness PHQ-9
       ≥ 10 and GAD-7 ≥ 8; reliable improvement PHQ-9 change ≥ 6, GAD-7 change ≥ 4.
.. [6] Frank, E., Prien, R. F., Jarrett, R. B., Keller, M. B., Kupfer, D. J., Lavori, P. W.,
       Rush, A. J., & Weissman, M. M. (1991). Conceptualization and rationale for consensus
       definitions of terms in major depressive disorder: remission, recovery, relapse, and
       recurrence. *Archives of General Psychiatry*, 48(9), 851–855.
.. [7] Nierenberg, A. A., & DeCecco, L. M. (2001). Definitions of antidepressant treatment
       response, remission, nonresponse, partial response, and other relevant outcomes.
       *Journal of Clinical Psychiatry*, 62(Suppl 16), 5–9.
.. [8] Kroenke, K., Spitzer, R. L., Williams, J. B. W., & Löwe, B. (2010). The Patient Health
       Questionnaire Somatic, Anxiety, and Depressive Symptom Scales: a systematic review.
       *General Hospital Psychiatry*, 32(4), 345–359.
.. [9] Simon, G. E., Rutter, C. M., Peterson, D., Oliver, M., Whiteside, U., Operskalski, B., &
       Ludman, E. J. (2013). Does response on the PHQ-9 Depression Questionnaire predict
       subsequent suicide attempt or suicide death? *Psychiatric Services*, 64(12), 1195–1202.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ipt_network.errors import ValidationError
from ipt_network.graph import held_sessions
from ipt_network.model import INSTRUMENT_ITEMS, INSTRUMENT_MAX, ITEM_MAX, Document, Instrument

HIGHER_IS_BETTER = frozenset({Instrument.MOOD})
"""Instruments on which a higher score means the client is doing better."""

BANDS: dict[Instrument, tuple[tuple[int, str], ...]] = {
    Instrument.PHQ9: ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately severe"),
                      (20, "severe")),
    Instrument.GAD7: ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")),
    Instrument.HAMD17: ((0, "none"), (8, "mild"), (17, "moderate"), (24, "severe")),
}
"""Severity bands as (lowest score in the band, name). PHQ-9: Kroenke et al. 2001 [1]_;
GAD-7: Spitzer et al. 2006 [2]_; HAM-D-17: Zimmerman et al. 2013 [3]_. mood-0-10 has none."""

RELIABLE_CHANGE = {Instrument.PHQ9: 6, Instrument.GAD7: 4}
"""Smallest change from the first score that counts as reliable: PHQ-9 6, GAD-7 4 points, as the
NHS Talking Therapies manual [5]_ sets them (the source). For comparison only: a Jacobson &
Truax [4]_ reliable change index for PHQ-9 with SD 5.5 and reliability 0.89 (inputs chosen here,
not the manual's) gives 1.96 × 5.5 × √(2 × (1 − 0.89)) ≈ 5.06, i.e. 6 on the integer scale.
HAM-D-17 has no agreed figure and mood-0-10 none."""

CASENESS = {Instrument.PHQ9: 10, Instrument.GAD7: 8, Instrument.HAMD17: 8}
"""Lowest baseline in the clinical range: PHQ-9 ≥ 10 and GAD-7 ≥ 8 (NHS Talking Therapies
caseness [5]_), HAM-D-17 ≥ 8 (above the "no depression" band, Zimmerman et al. 2013 [3]_). From a
baseline below it, ``response`` and ``remission`` are not defined."""

RESPONSE_DROP = {Instrument.PHQ9: 0.5, Instrument.HAMD17: 0.5}
"""Response: a fall of at least this fraction of the first score, ≥ 50% (Frank et al. 1991 [6]_;
Nierenberg & DeCecco 2001 [7]_; for PHQ-9, Kroenke et al. 2010 [8]_)."""

REMISSION_AT_MOST = {Instrument.PHQ9: 4, Instrument.HAMD17: 7}
"""Remission: score at most this. PHQ-9 < 5 (Kroenke et al. 2010 [8]_); HAM-D-17 ≤ 7 (Frank et
al. 1991 [6]_)."""


def instrument_of(name: str | Instrument) -> Instrument:
    """The instrument called ``name``; ``ValidationError`` naming the known ones otherwise."""
    try:
        return Instrument(name)
    except ValueError:
        known = ", ".join(i.value for i in Instrument)
        raise ValidationError(f"instrument must be one of {known}, got {name!r}") from None


def check_score(instrument: str | Instrument, score: int) -> Instrument:
    """Refuse a score that is not a whole number in the instrument's range; return the instrument."""
    kind = instrument_of(instrument)
    top = INSTRUMENT_MAX[kind]
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= top:
        raise ValidationError(f"{kind.value} score must be a whole number 0–{top}, got {score!r}")
    return kind


def score_items(instrument: str | Instrument, items: list[int]) -> int:
    """The total of a questionnaire's item answers, each 0–3 (PHQ-9: 9 items, GAD-7: 7).

    Examples
    --------
    >>> score_items("PHQ-9", [2, 2, 2, 2, 2, 2, 2, 2, 2])
    18
    """
    kind = instrument_of(instrument)
    count = INSTRUMENT_ITEMS.get(kind)
    if count is None:
        raise ValidationError(f"items are not recorded for {kind.value}; give only the score")
    if len(items) != count:
        raise ValidationError(f"{kind.value} has {count} items, got {len(items)}")
    problems = [f"{kind.value} item {i} must be a whole number 0–{ITEM_MAX}, got {value!r}"
                for i, value in enumerate(items, 1)
                if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= ITEM_MAX]
    if problems:
        raise ValidationError(problems)
    return sum(items)


def band(instrument: str | Instrument, score: int) -> str | None:
    """The severity band of a score, in lower case; ``None`` for mood-0-10 (no bands).

    Examples
    --------
    >>> band("PHQ-9", 4), band("PHQ-9", 5), band("PHQ-9", 15), band("HAM-D-17", 7)
    ('minimal', 'mild', 'moderately severe', 'none')
    """
    kind = check_score(instrument, score)
    bands = BANDS.get(kind)
    if bands is None:
        return None
    return next(name for lowest, name in reversed(bands) if score >= lowest)


def improvement(instrument: str | Instrument, first: int, score: int) -> int:
    """Points of improvement from ``first`` to ``score``: positive is better, whatever the direction.

    Examples
    --------
    >>> improvement("PHQ-9", 18, 12), improvement("mood-0-10", 3, 7)
    (6, 4)
    """
    kind = check_score(instrument, score)
    check_score(kind, first)
    return score - first if kind in HIGHER_IS_BETTER else first - score


def reliable_change(instrument: str | Instrument, first: int, score: int) -> str | None:
    """``"improved"``, ``"worsened"`` or ``"none"`` against the first score; ``None`` where no
    reliable-change figure exists (HAM-D-17, mood-0-10).

    Examples
    --------
    >>> reliable_change("PHQ-9", 18, 12), reliable_change("PHQ-9", 18, 13), reliable_change("GAD-7", 8, 12)
    ('improved', 'none', 'worsened')

    References
    ----------
    .. [4] Jacobson & Truax (1991); .. [5] NHS Talking Therapies manual.
    """
    kind = instrument_of(instrument)
    points = improvement(kind, first, score)
    needed = RELIABLE_CHANGE.get(kind)
    if needed is None:
        return None
    if points >= needed:
        return "improved"
    if -points >= needed:
        return "worsened"
    return "none"


def is_case(instrument: str | Instrument, first: int) -> bool | None:
    """True when a baseline is in the clinical range (``CASENESS``); ``None`` for mood-0-10.

    Examples
    --------
    >>> is_case("PHQ-9", 9), is_case("PHQ-9", 10), is_case("HAM-D-17", 8), is_case("mood-0-10", 2)
    (False, True, True, None)
    """
    kind = check_score(instrument, first)
    lowest = CASENESS.get(kind)
    return None if lowest is None else first >= lowest


def response(instrument: str | Instrument, first: int, score: int) -> bool | None:
    """True when the score fell by at least half of the first score (PHQ-9 and HAM-D-17).

    ``None`` for other instruments and when the first score is below caseness.

    Examples
    --------
    >>> response("PHQ-9", 18, 9), response("PHQ-9", 18, 10), response("HAM-D-17", 20, 10)
    (True, False, True)
    >>> response("PHQ-9", 9, 2), response("GAD-7", 18, 9)
    (None, None)
    """
    kind = instrument_of(instrument)
    drop = improvement(kind, first, score)
    fraction = RESPONSE_DROP.get(kind)
    if fraction is None or not is_case(kind, first):
        return None
    return drop >= fraction * first


def remission(instrument: str | Instrument, first: int, score: int) -> bool | None:
    """True when the score is in the remission range (PHQ-9 < 5, HAM-D-17 ≤ 7).

    ``None`` for other instruments and when the first score is below caseness.

    Examples
    --------
    >>> remission("PHQ-9", 18, 4), remission("PHQ-9", 18, 5), remission("HAM-D-17", 20, 7)
    (True, False, True)
    >>> remission("PHQ-9", 9, 2), remission("GAD-7", 12, 2)
    (None, None)
    """
    kind = check_score(instrument, score)
    top = REMISSION_AT_MOST.get(kind)
    if top is None or not is_case(kind, first):
        return None
    return score <= top


@dataclass(frozen=True)
class MoodResult:
    """One mood score with everything DESIGN section 5 says about it."""

    session: int
    instrument: Instrument
    score: int
    first_session: int
    first_score: int
    band: str | None
    reliable_change: str | None
    response: bool | None
    remission: bool | None
    self_harm_item: int | None = None
    """PHQ-9 item 9 (thoughts of being better off dead or of self-harm), 0–3, when the items were
    entered; ``None`` otherwise (for a PHQ-9 entered as a total only: not recorded).

    Any answer above 0 calls for a safety check whatever the total (Kroenke et al. 2001 [1]_;
    Simon et al. 2013 [9]_ found it predicts later suicide attempts). It prompts an assessment
    and replaces none."""

    @property
    def is_phq9(self) -> bool:
        return self.instrument is Instrument.PHQ9

    @property
    def needs_safety_check(self) -> bool:
        """Item 9 answered above 0."""
        return bool(self.self_harm_item)

    @property
    def item9_not_recorded(self) -> bool:
        """A PHQ-9 entered as a total only: nobody knows how item 9 was answered."""
        return self.is_phq9 and self.self_harm_item is None

    @property
    def is_baseline(self) -> bool:
        return self.session == self.first_session

    def as_json(self) -> dict:
        """The ``mood`` entry of the ``metrics --json`` session object (``item9`` on PHQ-9 only)."""
        data = {"score": self.score, "band": self.band, "reliable_change": self.reliable_change,
                "response": self.response, "remission": self.remission}
        return data | {"item9": self.self_harm_item} if self.is_phq9 else data


SELF_HARM_ITEM = 8
"""Index of PHQ-9 item 9, "thoughts that you would be better off dead or of hurting yourself"."""


def mood_results(doc: Document) -> dict[int, dict[str, MoodResult]]:
    """Session number → instrument name → ``MoodResult``, for every recorded score (sessions held only)."""
    first: dict[Instrument, tuple[int, int]] = {}
    results: dict[int, dict[str, MoodResult]] = {}
    for session in held_sessions(doc):
        results[session.number] = {}
        for mood in session.mood:
            start_session, start = first.setdefault(mood.instrument, (session.number, mood.score))
            baseline = start_session == session.number
            results[session.number][mood.instrument.value] = MoodResult(
                session=session.number, instrument=mood.instrument, score=mood.score,
                first_session=start_session, first_score=start,
                band=band(mood.instrument, mood.score),
                reliable_change=None if baseline else reliable_change(mood.instrument, start, mood.score),
                response=None if baseline else response(mood.instrument, start, mood.score),
                remission=None if baseline else remission(mood.instrument, start, mood.score),
                self_harm_item=mood.items[SELF_HARM_ITEM] if mood.instrument is Instrument.PHQ9 and mood.items
                else None)
    return results


def mood_table(doc: Document) -> pd.DataFrame:
    """Scores as a table: one row per session held (index ``session``; a session not attended has none),
    one column per instrument recorded anywhere in the course (in the order of ``Instrument``), NaN
    where not recorded."""
    sessions = held_sessions(doc)
    present = {m.instrument for s in sessions for m in s.mood}
    columns = [i.value for i in Instrument if i in present]
    table = pd.DataFrame(index=pd.Index([s.number for s in sessions], name="session"), columns=columns,
                         dtype="float64")
    for session in sessions:
        for mood in session.mood:
            table.loc[session.number, mood.instrument.value] = mood.score
    return table


_CHANGE_WORDS = {
    "therapist": {"improved": "reliable improvement", "worsened": "reliable deterioration",
                  "none": "no reliable change"},
    "client": {"improved": "it has improved by more than everyday ups and downs",
               "worsened": "it is worse by more than everyday ups and downs",
               "none": "the change is within everyday ups and downs"},
}


def item9_sentence(result: MoodResult) -> str | None:
    """The safety sentence of a PHQ-9 for the therapist: item 9 above 0, or not recorded; else ``None``.

    Examples
    --------
    >>> item9_sentence(MoodResult(1, Instrument.PHQ9, 12, 1, 12, "moderate", None, None, None, 1))
    'PHQ-9 item 9 answered 1 at this session: check safety'
    >>> item9_sentence(MoodResult(1, Instrument.PHQ9, 12, 1, 12, "moderate", None, None, None))
    'PHQ-9 item 9 not recorded (total only): ask directly'
    """
    if result.needs_safety_check:
        return f"PHQ-9 item 9 answered {result.self_harm_item} at this session: check safety"
    if result.item9_not_recorded:
        return "PHQ-9 item 9 not recorded (total only): ask directly"
    return None


def mood_sentence(result: MoodResult, voice: str = "therapist") -> str:
    """One score in words, for the therapist (clinical terms) or the client (plain words).

    The therapist's sentence ends with item 9 of a PHQ-9 (``item9_sentence``, or its answer 0);
    the client's never mentions it.

    Examples
    --------
    >>> r = MoodResult(3, Instrument.PHQ9, 12, 1, 18, "moderate", "improved", False, False, 0)
    >>> print(mood_sentence(r))  # doctest: +NORMALIZE_WHITESPACE
    PHQ-9 12 (moderate); reliable improvement since session 1 (18 → 12); no response yet;
    not in remission; item 9 answered 0.
    >>> print(mood_sentence(r, "client"))  # doctest: +NORMALIZE_WHITESPACE
    Your PHQ-9 score is 12, in the moderate range. Since the first session (18 → 12),
    it has improved by more than everyday ups and downs.
    """
    name = result.instrument.value
    if voice == "client":
        scale = " out of 10" if result.instrument is Instrument.MOOD else ""
        text = f"Your {'mood rating' if scale else name + ' score'} is {result.score}{scale}"
        text += f", in the {result.band} range." if result.band else "."
        if result.reliable_change:
            text += (f" Since the first session ({result.first_score} → {result.score}), "
                     f"{_CHANGE_WORDS['client'][result.reliable_change]}.")
        if result.remission:
            text += " That is in the range where symptoms have eased."
        return text
    head = f"{name} {result.score}" + (f" ({result.band})" if result.band else "")
    return f"{head}; {mood_status(result)}."


def mood_status(result: MoodResult) -> str:
    """What a score means for the therapist, without the score: change against the first score,
    response and remission where they mean something, and PHQ-9 item 9.

    Examples
    --------
    >>> mood_status(MoodResult(5, Instrument.HAMD17, 9, 1, 20, "mild", None, True, False))
    'no reliable-change figure for this scale (first score 20 at session 1); response (≥ 50% drop); not in remission'
    """
    since = f"since session {result.first_session} ({result.first_score} → {result.score})"
    if result.is_baseline:
        parts = ["first score (baseline)"]
    elif result.reliable_change:
        parts = [f"{_CHANGE_WORDS['therapist'][result.reliable_change]} {since}"]
    else:
        parts = [f"no reliable-change figure for this scale (first score {result.first_score} "
                 f"at session {result.first_session})"]
    parts += outcome_words(result)
    safety = item9_sentence(result)
    if safety:
        parts.append(safety)
    elif result.is_phq9:
        parts.append("item 9 answered 0")
    return "; ".join(parts)


def outcome_words(result: MoodResult) -> list[str]:
    """Response and remission in the therapist's words, or why they are not given (below caseness)."""
    if result.is_baseline:
        return []
    if result.instrument in RESPONSE_DROP and not is_case(result.instrument, result.first_score):
        return [f"baseline {result.first_score} below caseness ({CASENESS[result.instrument]}): "
                "no response or remission figure"]
    parts = []
    if result.response is not None:
        parts.append("response (≥ 50% drop)" if result.response else "no response yet")
    if result.remission is not None:
        parts.append("in remission" if result.remission else "not in remission")
    return parts


_PLAIN_CHANGE_WORDS = {
    "improved": "this is a real improvement, bigger than everyday ups and downs",
    "worsened": "this is a real change for the worse, bigger than everyday ups and downs",
    "none": "any change so far is within everyday ups and downs",
}
"""Reliable change against the first score, without the scores."""


def plain_mood(result: MoodResult) -> str:
    """One mood score in the client's words without the score (what a client sees unless they ask for scores).

    Examples
    --------
    >>> r = MoodResult(3, Instrument.PHQ9, 12, 1, 18, "moderate", "improved", False, False)
    >>> print(plain_mood(r))  # doctest: +NORMALIZE_WHITESPACE
    Your PHQ-9 score is in the moderate range. Since the first session, this is a real improvement,
    bigger than everyday ups and downs.
    """
    if result.band is None:  # the self-rated mood: no ranges, higher is better
        if result.is_baseline:
            return "This is your first mood rating."
        if result.score == result.first_score:
            return "Your mood rating is the same as at the first session."
        moved = "higher" if result.score > result.first_score else "lower"
        return f"Your mood rating is {moved} than at the first session."
    text = f"Your {result.instrument.value} score is in the {result.band} range."
    if result.reliable_change:
        text += f" Since the first session, {_PLAIN_CHANGE_WORDS[result.reliable_change]}."
    if result.remission:
        text += " That is the range where symptoms have eased."
    return text
