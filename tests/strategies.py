"""Hypothesis strategies for random VALID documents, shared by every test that wants them.

``documents()`` respects every rule of DESIGN section 4, including the ones that span records
(unique ids, ties only to known people, links only between people tied that session, mood items
summing to the score), and draws awkward text on purpose: formula-like starts, quotes, separators,
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
    Client,
    Contact,
    Document,
    Instrument,
    Link,
    MoodScore,
    Person,
    Phase,
    ProblemArea,
    Risk,
    RiskLevel,
    Role,
    Session,
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
def sessions(draw: st.DrawFn, number: int, people: list[Person]) -> Session:
    """One session: ties to some of ``people``, links between some of those tied, some mood scores."""
    tied = draw(st.lists(st.sampled_from([p.id for p in people]), unique=True)) if people else []
    ties = [
        Tie(person=person, circle=draw(st.integers(1, 3)), support=draw(ratings), conflict=draw(ratings),
            contact=draw(st.none() | st.sampled_from(Contact)), focus=draw(st.none() | st.sampled_from(ProblemArea)),
            note=draw(texts))
        for person in tied
    ]
    pairs = list(itertools.combinations(tied, 2))
    linked = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6)) if pairs else []
    links = [
        Link(**dict(zip("ab", pair if draw(st.booleans()) else pair[::-1], strict=True)),
             support=draw(ratings), conflict=draw(ratings))
        for pair in linked
    ]
    instruments = draw(st.lists(st.sampled_from(Instrument), unique=True))
    return Session(number=number, date=draw(dates), phase=draw(st.sampled_from(Phase)), notes=draw(texts),
                   events=draw(st.lists(texts, max_size=3)), ties=ties, links=links,
                   mood=[draw(mood_scores(instrument)) for instrument in instruments],
                   risk=draw(st.none() | risks()))


@st.composite
def documents(draw: st.DrawFn, max_people: int = 5, max_sessions: int = 4) -> Document:
    """A valid ``Document`` with up to ``max_people`` people and ``max_sessions`` sessions."""
    ids = draw(st.lists(names, min_size=1, max_size=max_people + 1, unique=True))
    client = Client(id=ids[0], label=draw(names),
                    problem_areas=draw(st.lists(st.sampled_from(ProblemArea), unique=True)),
                    start_date=draw(dates), notes=draw(texts))
    people = [
        Person(id=person_id, name=draw(names), role=draw(st.sampled_from(Role)),
               deceased_on=draw(st.none() | dates), notes=draw(texts))
        for person_id in ids[1:]
    ]
    numbers = draw(st.lists(st.integers(1, 1000), unique=True, max_size=max_sessions))
    return Document(format="ipt-network", version=2, client=client, people=people,
                    sessions=[draw(sessions(number, people)) for number in numbers])
