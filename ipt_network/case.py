"""The IPT case frame in words: goals with their status at a session, the focus people, and what the
interpersonal inventory says about a person.

Plain functions over a ``Document`` for the session note and the end-of-therapy review. Goals are
told in two voices: the therapist's (with the problem area) and the client's (the goal in their own
words and a plain status, no formulation terms).
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_network.graph import find_session, held_sessions
from ipt_network.model import Document, Goal, GoalStatus, Inventory, Person, ProblemArea, Tie

AREA_WORDS = {
    ProblemArea.GRIEF: "grief",
    ProblemArea.ROLE_DISPUTE: "role dispute",
    ProblemArea.ROLE_TRANSITION: "role transition",
    ProblemArea.INTERPERSONAL_DEFICITS: "interpersonal deficits",
}
STATUS_WORDS = {
    "therapist": {GoalStatus.NOT_STARTED: "not started", GoalStatus.PROGRESSING: "progressing",
                  GoalStatus.MET: "met"},
    "client": {GoalStatus.NOT_STARTED: "not started yet", GoalStatus.PROGRESSING: "under way",
               GoalStatus.MET: "done"},
}
FLOW_WORDS = {
    "both_ways": "care flows both ways",
    "mostly_to_client": "care flows mostly to the client",
    "mostly_from_client": "care flows mostly from the client",
}


@dataclass(frozen=True)
class GoalState:
    """A goal at a session: its latest status and the session that status was first recorded
    (``None`` when no session has recorded any)."""

    goal: Goal
    status: GoalStatus
    since: int | None

    def words(self, voice: str = "therapist") -> str:
        """``"Agree a rota with Arjun (role dispute): progressing since session 6"``, or for the client
        ``"Agree a rota with Arjun: under way"``."""
        status = STATUS_WORDS[voice][self.status]
        if voice == "client":
            return f"{self.goal.text}: {status}"
        when = f" since session {self.since}" if self.since is not None else ""
        return f"{self.goal.text} ({AREA_WORDS[self.goal.area]}): {status}{when}"


def focus_line(areas: tuple[str, ...], agreed_at: int | None) -> str:
    """The agreed problem areas for a header: ``"Focus: grief (agreed at session 3)"``; "" without any.

    >>> focus_line(("role transition", "role dispute"), 2), focus_line(("grief",), None), focus_line((), 2)
    ('Focus: role transition, role dispute (agreed at session 2)', 'Focus: grief', '')
    """
    if not areas:
        return ""
    return f"Focus: {', '.join(areas)}" + (f" (agreed at session {agreed_at})" if agreed_at is not None else "")


def goal_states(doc: Document, number: int) -> list[GoalState]:
    """Every goal of the client with its status at session ``number``, over the sessions held up to it.

    A goal no session has rated yet is "not started".
    """
    latest: dict[str, tuple[GoalStatus, int]] = {}
    for session in held_sessions(doc):
        if session.number > number:
            break
        for progress in session.goal_progress:
            was = latest.get(progress.goal)
            if was is None or was[0] != progress.status:
                latest[progress.goal] = (progress.status, session.number)
    return [GoalState(goal, *latest.get(goal.id, (GoalStatus.NOT_STARTED, None))) for goal in doc.client.goals]


def focus_ties(doc: Document, number: int) -> list[Tie]:
    """The ties of session ``number`` that carry a focus (a problem area), by area then in tie order."""
    ties = [tie for tie in find_session(doc, number).ties if tie.focus is not None]
    order = list(ProblemArea)
    return sorted(ties, key=lambda tie: order.index(tie.focus))


def inventory_at(person: Person, number: int | None) -> Inventory | None:
    """The person's inventory as it stood at session ``number``: ``None`` when none was taken, or it was
    taken at a later session (``number`` ``None``: before any session, only one taken at no session)."""
    inventory = person.inventory
    if inventory is None or inventory.as_of is None:
        return inventory
    return inventory if number is not None and inventory.as_of <= number else None


def inventory_facts(inventory: Inventory | None, *, typed: bool = True) -> list[str]:
    """What the interpersonal inventory records about one relationship, a short clause each.

    Examples
    --------
    >>> inventory_facts(Inventory(support_flow="mostly_from_client", confides=False, knows_about_depression=True,
    ...                           hard="he cannot say sorry", as_of=2))  # doctest: +NORMALIZE_WHITESPACE
    ['care flows mostly from the client', 'does not confide in them', 'knows about the depression',
     'hard: he cannot say sorry']
    >>> inventory_facts(None)
    []

    ``typed`` ``False`` leaves out the answers typed in words (they may name people).
    """
    if inventory is None:
        return []
    facts = []
    if inventory.support_flow is not None:
        facts.append(FLOW_WORDS[inventory.support_flow.value])
    if inventory.confides is not None:
        facts.append("confides in them" if inventory.confides else "does not confide in them")
    if inventory.knows_about_depression is not None:
        facts.append("knows about the depression" if inventory.knows_about_depression
                     else "does not know about the depression")
    for name, words in (("good", "good"), ("hard", "hard"), ("expectations", "expectations"),
                        ("wants_changed", "wants changed")) if typed else ():
        text = getattr(inventory, name)
        if text:
            facts.append(f"{words}: {text}")
    return facts


def inventory_words(inventory: Inventory | None, *, typed: bool = True) -> str:
    """``"Inventory (session 1): care flows mostly from the client; hard: he shouts."``; "" when it is empty
    (``typed`` as in ``inventory_facts``)."""
    facts = inventory_facts(inventory, typed=typed)
    if not facts:
        return ""
    when = f" (session {inventory.as_of})" if inventory.as_of is not None else ""
    return f"Inventory{when}: " + "; ".join(facts) + "."
