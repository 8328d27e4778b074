"""Hypothesis strategies for random VALID documents, shared by every test that wants them.

``documents()`` respects every rule of DESIGN sections 4 and 9, including the ones that span records
(unique ids, ties only to known people, links only between people tied that session, mood items
summing to the score, goals within the problem areas, nothing recorded at a session not attended,
the history before the start), and draws awkward text on purpose: formula-like starts, quotes, separators,
line breaks and non-ASCII, so that formats are tested on what people really type.
"""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from ipt_network.model import (
    EARLIEST_DATE,
    INSTRUMENT_ITEMS,
    INSTRUMENT_MAX,
    ITEM_MAX,
    Attendance,
    Client,
    Contact,
    Document,
    Event,
    EventMood,
    Goal,
    GoalProgress,
    GoalStatus,
    HistoryEvent,
    Instrument,
    Inventory,
    Link,
    MoodScore,
    Person,
    Phase,
    ProblemArea,
    RelapsePlan,
    Risk,
    RiskLevel,
    Role,
    Session,
    SupportFlow,
    Tie,
    latest_date,
    refused_character,
    visible,
)

AWKWARD_STARTS = ("", "=", "+", "-", "@", "\t", "\r", "'", "'=", "''-", ";", '"', "[", " ", "\n")
"""Beginnings that spreadsheets, CSV or our own list encodings could misread."""

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

allowed_characters = st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n\r",
                                   exclude_characters=BIDI_CONTROLS)

texts = st.builds(lambda start, rest: start + rest, st.sampled_from(AWKWARD_STARTS),
                  st.text(allowed_characters, max_size=20))
"""Free text as typed in notes, events and tie notes; may be empty. Characters the text rule refuses
(other control characters, bidirectional overrides) are never valid, so never drawn."""

names = texts.filter(lambda text: refused_character(text) is None and visible(text) and not text.isspace())
"""Non-empty text with something visible (the rule for ids, names and labels)."""

dates = st.dates(min_value=EARLIEST_DATE, max_value=latest_date())
"""Any date a record may carry."""

ratings = st.integers(min_value=0, max_value=10)
session_numbers = st.integers(1, 1000)
maybe_flags = st.none() | st.booleans()


def recorded(numbers: list[int]) -> st.SearchStrategy[int | None]:
    """No session, or one of the course's recorded ``numbers`` (a case frame names only those)."""
    return st.none() | st.sampled_from(numbers) if numbers else st.none()


def some(ids: list[str]) -> st.SearchStrategy[list[str]]:
    """A few of ``ids``, each at most once."""
    return st.lists(st.sampled_from(ids), unique=True, max_size=3) if ids else st.just([])


@st.composite
def inventories(draw: st.DrawFn, numbers: list[int]) -> Inventory | None:
    """An inventory of a relationship, or none (an inventory with nothing in it is none)."""
    inventory = Inventory(good=draw(texts), hard=draw(texts), expectations=draw(texts), wants_changed=draw(texts),
                          support_flow=draw(st.none() | st.sampled_from(SupportFlow)), confides=draw(maybe_flags),
                          knows_about_depression=draw(maybe_flags), as_of=draw(recorded(numbers)))
    return None if inventory == Inventory() or draw(st.booleans()) else inventory


@st.composite
def events(draw: st.DrawFn, people: list[str]) -> str | Event:
    """An event as text (version 1) or with the people it involved and how mood went."""
    if draw(st.booleans()):
        return draw(texts)
    return Event(text=draw(texts), people=draw(some(people)), mood=draw(st.none() | st.sampled_from(EventMood)))


@st.composite
def mood_scores(draw: st.DrawFn, instrument: Instrument) -> MoodScore:
    """A score for ``instrument``, with items (summing to it) on about half the PHQ-9/GAD-7 scores."""
    count = INSTRUMENT_ITEMS.get(instrument)
    if count and draw(st.booleans()):
        items = draw(st.lists(st.integers(0, ITEM_MAX), min_size=count, max_size=count))
        return MoodScore(instrument=instrument, score=sum(items), items=items)
    return MoodScore(instrument=instrument, score=draw(st.integers(0, INSTRUMENT_MAX[instrument])))


@st.composite
def risks(draw: st.DrawFn) -> Risk:
    """A risk record: assessed with any level and plan, or not assessed (no level, no plan)."""
    if draw(st.booleans()):
        return Risk(assessed=True, level=draw(st.none() | st.sampled_from(RiskLevel)),
                    plan_in_place=draw(st.none() | st.booleans()), note=draw(texts))
    return Risk(assessed=False, note=draw(texts))


@st.composite
def sessions(draw: st.DrawFn, number: int, people: list[Person], goals: list[Goal] = ()) -> Session:
    """One session: ties to some of ``people``, links between some of those tied, some mood scores, events,
    progress on some ``goals``; a session not attended has no ties, links or mood."""
    attendance = draw(st.sampled_from(Attendance))
    ids = [p.id for p in people]
    tied = draw(st.lists(st.sampled_from(ids), unique=True)) if ids and attendance is Attendance.ATTENDED else []
    ties = [
        Tie(person=person, circle=draw(st.integers(1, 3)), support=draw(ratings), conflict=draw(ratings),
            contact=draw(st.none() | st.sampled_from(Contact)), focus=draw(st.none() | st.sampled_from(ProblemArea)),
            note=draw(texts), rated=draw(st.booleans()))
        for person in tied
    ]
    pairs = list(itertools.combinations(tied, 2))
    linked = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6)) if pairs else []
    links = [
        Link(**dict(zip("ab", pair if draw(st.booleans()) else pair[::-1], strict=True)),
             support=draw(ratings), conflict=draw(ratings))
        for pair in linked
    ]
    instruments = draw(st.lists(st.sampled_from(Instrument), unique=True)) if attendance is Attendance.ATTENDED else []
    progressed = draw(some([goal.id for goal in goals]))
    return Session(number=number, date=draw(dates), phase=draw(st.sampled_from(Phase)), attendance=attendance,
                   notes=draw(texts), events=draw(st.lists(events(ids), max_size=3)),
                   goal_progress=[GoalProgress(goal=goal, status=draw(st.sampled_from(GoalStatus)))
                                  for goal in progressed],
                   ties=ties, links=links, mood=[draw(mood_scores(instrument)) for instrument in instruments],
                   risk=draw(st.none() | risks()))


@st.composite
def clients(draw: st.DrawFn, client_id: str, people: list[str], numbers: list[int]) -> Client:
    """A client with the case frame of version 2 drawn too: goals within the areas, history before the start."""
    start = draw(dates)
    areas = draw(st.lists(st.sampled_from(ProblemArea), unique=True))
    goal_ids = draw(st.lists(names, unique=True, max_size=3)) if areas else []
    before = st.dates(min_value=EARLIEST_DATE, max_value=start)
    plan = RelapsePlan(warning_signs=draw(st.lists(texts, max_size=2)), actions=draw(st.lists(texts, max_size=2)),
                       people=draw(some(people)))
    return Client(
        id=client_id, label=draw(names), problem_areas=areas, start_date=start, notes=draw(texts),
        planned_sessions=draw(st.none() | st.integers(1, 52)), onset=draw(st.none() | before),
        formulation=draw(texts), formulation_shared_at=draw(recorded(numbers)),
        areas_agreed_at=draw(recorded(numbers)),
        goals=[Goal(id=goal, area=draw(st.sampled_from(areas)), text=draw(names)) for goal in goal_ids],
        history=[HistoryEvent(date=draw(before), text=draw(names), people=draw(some(people)))
                 for _ in range(draw(st.integers(0, 2)))],
        relapse_plan=None if plan == RelapsePlan() or draw(st.booleans()) else plan)


@st.composite
def documents(draw: st.DrawFn, max_people: int = 5, max_sessions: int = 4) -> Document:
    """A valid ``Document`` with up to ``max_people`` people and ``max_sessions`` sessions."""
    ids = draw(st.lists(names, min_size=1, max_size=max_people + 1, unique=True))
    numbers = draw(st.lists(session_numbers, unique=True, max_size=max_sessions))
    client = draw(clients(ids[0], ids[1:], numbers))
    people = [
        Person(id=person_id, name=draw(names), role=draw(st.sampled_from(Role)),
               deceased_on=draw(st.none() | dates), notes=draw(texts), inventory=draw(inventories(numbers)))
        for person_id in ids[1:]
    ]
    return Document(format="ipt-network", version=2, client=client, people=people,
                    sessions=[draw(sessions(number, people, client.goals)) for number in numbers])
