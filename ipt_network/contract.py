"""The time-limited contract of IPT: where a session stands in the planned course, the phase the plan
suggests, and a calm prompt at about the midpoint when the mood measure has not reliably improved.

IPT is agreed as a fixed number of weekly sessions (usually 12–16) in three phases: an initial phase
of about three sessions (the inventory, the problem area, the formulation), a middle phase working on
the problem area, and an ending of the last three or four sessions (review of gains, relapse plan)
(Weissman, Markowitz & Klerman 2018 [1]_). The time limit is part of the treatment, so the note and
the review say where the course stands: "Session 9 of 16 · 7 left".

The numbers are the session numbers: a session cancelled or not attended still used its slot in the
contract (it is counted as missed, and left out of every series, see ``graph.held_sessions``).

References
----------
.. [1] Weissman, M. M., Markowitz, J. C., & Klerman, G. L. (2018). *The Guide to Interpersonal
       Psychotherapy* (updated and expanded edition). Oxford University Press.
.. [2] National Collaborating Centre for Mental Health (2018, updated 2023). *The NHS Talking
       Therapies for Anxiety and Depression Manual*: reliable improvement PHQ-9 ≥ 6, GAD-7 ≥ 4 points.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_network.graph import find_session, previous_session
from ipt_network.model import Document, Instrument, Phase
from ipt_network.scales import RELIABLE_CHANGE, mood_results
from ipt_network.words import plural

INITIAL_SESSIONS = 3
"""Sessions of the initial phase in a course of 12 or more [1]_."""
LONG_COURSE = 15
"""From this many planned sessions the ending takes four sessions, below it three [1]_ (the samples'
courses of 12–14 end over three sessions, those of 15–16 over four)."""
MIDPOINT_WINDOW = 1
"""A session is "about the midpoint" when its number is within this many sessions of half the plan."""


def phase_lengths(planned: int) -> tuple[int, int]:
    """Sessions in the initial phase and in the ending, for a plan of ``planned`` sessions.

    A short course shrinks both to a quarter of the plan (at least one session each).

    Examples
    --------
    >>> phase_lengths(16), phase_lengths(14), phase_lengths(12), phase_lengths(8), phase_lengths(2)
    ((3, 4), (3, 3), (3, 3), (2, 2), (1, 1))
    """
    quarter = max(1, planned // 4)
    return min(INITIAL_SESSIONS, quarter), min(4 if planned >= LONG_COURSE else 3, quarter)


def suggested_phase(number: int, planned: int | None) -> Phase | None:
    """The phase the plan suggests for session ``number``; ``None`` without a plan.

    Sessions past the plan are in the ending.

    Examples
    --------
    >>> [suggested_phase(n, 16).value[0] for n in range(1, 18)]
    ['i', 'i', 'i', 'm', 'm', 'm', 'm', 'm', 'm', 'm', 'm', 'm', 't', 't', 't', 't', 't']
    >>> suggested_phase(4, None) is None
    True
    """
    if planned is None:
        return None
    initial, ending = phase_lengths(planned)
    if number <= initial:
        return Phase.INITIAL
    if number > planned - ending:
        return Phase.TERMINATION
    return Phase.MIDDLE


def new_session_phase(doc: Document, number: int) -> Phase:
    """The phase to offer for a new session ``number``: the plan's suggestion, else the phase of the
    session held before it (initial for the first). A phase once stored is never recomputed."""
    suggested = suggested_phase(number, doc.client.planned_sessions)
    if suggested is not None:
        return suggested
    before = previous_session(doc, number)
    return before.phase if before else Phase.INITIAL


@dataclass(frozen=True)
class Contract:
    """Where session ``number`` stands in a plan of ``planned`` sessions, ``missed`` of them not held."""

    number: int
    planned: int
    missed: int = 0

    @property
    def left(self) -> int:
        """Planned sessions after this one (0 at and past the last)."""
        return max(self.planned - self.number, 0)

    @property
    def words(self) -> str:
        """``"Session 9 of 16 · 7 left"``, with the missed sessions counted when there are any.

        Examples
        --------
        >>> Contract(9, 16).words, Contract(16, 16).words, Contract(15, 16, missed=1).words
        ('Session 9 of 16 · 7 left', 'Session 16 of 16 · the last', 'Session 15 of 16 · 1 left · 1 missed')
        >>> Contract(18, 16).words
        'Session 18 · 2 past the 16 planned'
        """
        if self.number > self.planned:
            text = f"Session {self.number} · {self.number - self.planned} past the {self.planned} planned"
        else:
            text = f"Session {self.number} of {self.planned} · " + (f"{self.left} left" if self.left else "the last")
        return text + (f" · {self.missed} missed" if self.missed else "")


def contract(doc: Document, number: int) -> Contract | None:
    """Where session ``number`` stands in the client's plan; ``None`` when no number of sessions is planned."""
    planned = doc.client.planned_sessions
    if planned is None:
        return None
    find_session(doc, number)
    missed = sum(1 for s in doc.sessions if s.number <= number and not s.attended)
    return Contract(number, planned, missed)


def about_midpoint(number: int, planned: int) -> bool:
    """Whether session ``number`` is within ``MIDPOINT_WINDOW`` of half the plan.

    Examples
    --------
    >>> [n for n in range(1, 17) if about_midpoint(n, 16)], [n for n in range(1, 16) if about_midpoint(n, 15)]
    ([7, 8, 9], [7, 8])
    """
    return abs(number - planned / 2) <= MIDPOINT_WINDOW


def midpoint_prompt(doc: Document, number: int) -> str | None:
    """A calm sentence for the therapist at about the midpoint of the plan when the mood measure shows
    no reliable improvement yet; ``None`` otherwise.

    The mood measure is the first instrument, in the order of ``Instrument`` (PHQ-9, then GAD-7), that
    has a reliable-change figure and a score at or before this session after its baseline. Reliable
    improvement is ``scales.reliable_change`` against the first score: PHQ-9 6 points, GAD-7 4 points,
    the NHS Talking Therapies rule [2]_. Without a plan, away from the midpoint, or with only a
    baseline there is nothing to say, and the prompt says nothing.
    """
    planned = doc.client.planned_sessions
    if planned is None or not about_midpoint(number, planned):
        return None
    results = mood_results(doc)
    for instrument in (i for i in Instrument if i in RELIABLE_CHANGE):
        scored = [by[instrument.value] for n, by in sorted(results.items())
                  if n <= number and instrument.value in by]
        if len(scored) < 2:
            continue
        latest = scored[-1]
        if latest.reliable_change == "improved":
            return None
        needed = RELIABLE_CHANGE[instrument]
        how = "is reliably worse than" if latest.reliable_change == "worsened" else "has not yet reliably improved on"
        return (f"About halfway through the {plural(planned, 'planned session')}, {instrument.value} "
                f"{how} its first score ({latest.first_score} at session {latest.first_session}, "
                f"{latest.score} at session {latest.session}; a reliable change is {needed} points). "
                "A good moment to review the focus, the goals and the formulation together.")
    return None
