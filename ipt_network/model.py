"""Domain types of DESIGN section 3, and every rule of the interchange format (section 4).

All types are frozen pydantic models that refuse unknown keys (they are usually typos).
Field rules live on the fields; rules that span records (references, duplicates, links only
between people tied that session, mood items) live in ``consistency_problems`` so that one
refusal can list every problem, not only the first. ``parse_document`` is the single door
from untrusted data (a dict from JSON, CSV or a form) to a valid ``Document``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal

import pydantic
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ipt_network.errors import NotFoundError, ValidationError

FORMAT_NAME = "ipt-network"
FORMAT_VERSION = 2
"""The version every export writes (DESIGN section 9)."""
READABLE_VERSIONS = (1, 2)

NEW_IN_VERSION_2: dict[str, tuple[str, ...]] = {
    "client": ("planned_sessions", "onset", "formulation", "formulation_shared_at", "areas_agreed_at", "goals",
               "history", "relapse_plan"),
    "people": ("inventory",),
    "sessions": ("attendance", "goal_progress", "risk"),
    "ties": ("rated",),
}
"""The fields each kind of record gained in version 2 (DESIGN section 9; ``ties`` are those inside each
session). Every one is optional with a default, so a version 1 file reads as version 2 with the
defaults; a version 1 file that uses one, or writes an event as an object, is refused (it is a
version 2 file with the wrong number)."""


class ProblemArea(StrEnum):
    GRIEF = "grief"
    ROLE_DISPUTE = "role_dispute"
    ROLE_TRANSITION = "role_transition"
    INTERPERSONAL_DEFICITS = "interpersonal_deficits"


class Role(StrEnum):
    PARTNER = "partner"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    OTHER_FAMILY = "other_family"
    FRIEND = "friend"
    COLLEAGUE = "colleague"
    NEIGHBOUR = "neighbour"
    PROFESSIONAL = "professional"
    OTHER = "other"


class Phase(StrEnum):
    INITIAL = "initial"
    MIDDLE = "middle"
    TERMINATION = "termination"


class RiskLevel(StrEnum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Attendance(StrEnum):
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    DID_NOT_ATTEND = "did_not_attend"


class GoalStatus(StrEnum):
    NOT_STARTED = "not_started"
    PROGRESSING = "progressing"
    MET = "met"


class SupportFlow(StrEnum):
    BOTH_WAYS = "both_ways"
    MOSTLY_TO_CLIENT = "mostly_to_client"
    MOSTLY_FROM_CLIENT = "mostly_from_client"


class EventMood(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    NONE = "none"


class Contact(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    RARELY = "rarely"
    NONE = "none"


class Instrument(StrEnum):
    PHQ9 = "PHQ-9"
    GAD7 = "GAD-7"
    HAMD17 = "HAM-D-17"
    MOOD = "mood-0-10"


INSTRUMENT_MAX = {Instrument.PHQ9: 27, Instrument.GAD7: 21, Instrument.HAMD17: 52, Instrument.MOOD: 10}
"""Highest possible total of each instrument (DESIGN section 5)."""

INSTRUMENT_ITEMS = {Instrument.PHQ9: 9, Instrument.GAD7: 7}
"""Instruments whose items may be recorded, with their item count; every item is scored 0–3."""

ITEM_MAX = 3

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    """Accept a date or a strict ``YYYY-MM-DD`` string; anything else is left for pydantic to refuse."""
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise ValueError("not YYYY-MM-DD")
        return dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        raise ValueError("a date without a time is expected")
    return value


# --- the text rule: what a stored string may hold ----------------------------------------------

EARLIEST_DATE = dt.date(1900, 1, 1)
"""No record of a living client's therapy, or of the people in it, is dated before this."""

STORED = "stored"
"""Validation context key: the data comes from our own database, written before today's rules."""
PARTIAL = "partial"
"""Validation context key: the data holds only some of the client's sessions (one being edited), so
rules that look across all of them are left to the whole course."""

_CHARACTER_CLASSES = (
    (re.compile("[\x00-\x1f\x7f-\x9f]"), "a control character"),
    (re.compile("[\u202a-\u202e\u2066-\u2069]"), "a bidirectional override or isolate"),
)
"""Characters no text may hold, each with the class a refusal names: they break exports (XML has
no NUL, PDF and PNG renderers fail), drive terminals (escape codes) or disguise text (reversed runs).
Unpaired surrogates are refused by pydantic itself, as not a valid string."""

_REFUSED = {
    False: re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"),
    True: re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"),
}
"""Every refused character, by whether the text is multi-line: notes and events may also hold tab,
line feed and carriage return."""

_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
"""Letters and symbols that draw as nothing (Hangul fillers, the blank Braille pattern)."""

REPLACEMENT = "\ufffd"


def refused_character(text: str, *, multiline: bool = False) -> tuple[str, str] | None:
    r"""The first character ``text`` may not hold, with its class; ``None`` if every character is allowed.

    >>> refused_character("Mum\x00")
    ('U+0000', 'a control character')
    >>> refused_character("line one\nline two", multiline=True) is None
    True
    """
    found = _REFUSED[multiline].search(text)
    if found is None:
        return None
    char = found.group()
    kind = next(kind for pattern, kind in _CHARACTER_CLASSES if pattern.match(char))
    return f"U+{ord(char):04X}", kind


def visible(text: str) -> bool:
    """Whether ``text`` draws anything: a name of spaces, zero-width or combining marks alone does not."""
    return any(unicodedata.category(c) not in _INVISIBLE_CATEGORIES and c not in _BLANK_LETTERS for c in text)


def scrub(text: str, *, multiline: bool = False, named: bool = False) -> str:
    r"""``text`` with every refused character replaced by U+FFFD, for data stored before the text rule
    and for anything printed to a terminal; a name with nothing visible becomes U+FFFD.

    >>> scrub("Dan\x1b[31m") == "Dan\ufffd[31m"
    True
    """
    text = _REFUSED[multiline].sub(REPLACEMENT, text)
    return text if not named or visible(text) else REPLACEMENT


def _stored(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get(STORED))


_REFUSED_CLASS = {
    False: r"\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069",
    True: r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069",
}
TEXT_PATTERN = rf"^[^{_REFUSED_CLASS[True]}]*$"
"""Multi-line text: no refused character (the same set as ``_REFUSED``, written so that both pydantic's
regex engine and a JSON Schema validator read it)."""
NAME_PATTERN = (rf"^[^{_REFUSED_CLASS[False]}]*"
                r"[^\p{Z}\p{C}\p{M}\s\u115F\u1160\u3164\uFFA0\u2800]"
                rf"[^{_REFUSED_CLASS[False]}]*$")
"""Ids, names and labels: one line, no refused character, at least one visible character. Checked as a
field pattern, in pydantic's core: a Python check per field would double the time to read a client."""

MULTILINE_FIELDS = {"notes", "note", "events", "text", "formulation", "good", "hard", "expectations",
                    "wants_changed", "warning_signs", "actions"}


def text_problem(field: str, value: str, multiline: bool | None = None) -> str:
    """Why ``value`` breaks the text rule of ``field``, naming the character class:
    ``"name must not contain a control character (U+0000)"``. ``multiline`` defaults to what the
    field's name says."""
    bad = refused_character(value, multiline=field in MULTILINE_FIELDS if multiline is None else multiline)
    if bad:
        code, kind = bad
        return f"{field} must not contain {kind} ({code})"
    if not value.strip():
        return f"{field} must not be empty"
    return f"{field} must have something visible in it"


def latest_date(today: dt.date | None = None) -> dt.date:
    """One year from today: the latest date a record may carry (a session booked ahead, never 9999)."""
    today = today or dt.date.today()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def _date_range(value: dt.date, info: ValidationInfo) -> dt.date:
    if _stored(info) or EARLIEST_DATE <= value <= latest_date():
        return value
    raise PydanticCustomError("date_range", "must be between {low} and {high}",
                              {"low": EARLIEST_DATE.isoformat(), "high": latest_date().isoformat()})


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), Field(strict=True), AfterValidator(_date_range)]
Id = Annotated[str, Field(strict=True, min_length=1, max_length=200, pattern=NAME_PATTERN)]
Text = Annotated[str, Field(strict=True, max_length=10_000, pattern=TEXT_PATTERN)]
Name = Annotated[str, Field(strict=True, min_length=1, max_length=200, pattern=NAME_PATTERN)]
Rating = Annotated[int, Field(strict=True, ge=0, le=10)]
Circle = Annotated[int, Field(strict=True, ge=1, le=3)]
SessionNumber = Annotated[int, Field(strict=True, ge=1, le=1000)]
Flag = Annotated[bool, Field(strict=True)]
PersonIds = Annotated[list[Id], Field(max_length=1000)]


class Record(BaseModel):
    """Base of every domain type: immutable, unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Goal(Record):
    """A goal agreed with the client (version 2), within one of the agreed problem areas."""

    id: Id
    area: ProblemArea
    text: Annotated[Text, Field(min_length=1)]


class HistoryEvent(Record):
    """Something that happened before therapy began (onset, a loss, a move), with the people it involved."""

    date: IsoDate
    text: Annotated[Text, Field(min_length=1)]
    people: PersonIds = Field(default_factory=list)


class RelapsePlan(Record):
    """Made at the end of therapy: signs that depression is coming back, what to do, and whom to turn to."""

    warning_signs: list[Text] = Field(default_factory=list, max_length=100)
    actions: list[Text] = Field(default_factory=list, max_length=100)
    people: PersonIds = Field(default_factory=list)


def _empty_is_none(record: Record | None) -> Record | None:
    """An inventory or a relapse plan with nothing in it is no record: ``None``, as when none was made."""
    return None if record is not None and record == type(record)() else record


class Client(Record):
    id: Id
    label: Name
    problem_areas: list[ProblemArea] = Field(default_factory=list, max_length=4)
    start_date: IsoDate
    notes: Text = ""
    planned_sessions: Annotated[int, Field(strict=True, ge=1, le=52)] | None = None
    onset: IsoDate | None = None
    formulation: Text = ""
    formulation_shared_at: SessionNumber | None = None
    areas_agreed_at: SessionNumber | None = None
    goals: list[Goal] = Field(default_factory=list, max_length=100)
    history: list[HistoryEvent] = Field(default_factory=list, max_length=1000)
    relapse_plan: Annotated[RelapsePlan | None, AfterValidator(_empty_is_none)] = None


class Inventory(Record):
    """The interpersonal inventory of one relationship (version 2): what is good and hard in it, what
    each expects, what the client wants changed, which way care flows, whether the client confides in
    this person and whether they know about the depression; ``as_of`` the session it was taken."""

    good: Text = ""
    hard: Text = ""
    expectations: Text = ""
    wants_changed: Text = ""
    support_flow: SupportFlow | None = None
    confides: Flag | None = None
    knows_about_depression: Flag | None = None
    as_of: SessionNumber | None = None


class Person(Record):
    id: Id
    name: Name
    role: Role
    deceased_on: IsoDate | None = None
    notes: Text = ""
    inventory: Annotated[Inventory | None, AfterValidator(_empty_is_none)] = None

    def alive_on(self, day: dt.date) -> bool:
        """True when the person counts in that day's network (DESIGN section 5)."""
        return self.deceased_on is None or self.deceased_on > day


class Tie(Record):
    person: Id
    circle: Circle
    support: Rating
    conflict: Rating
    contact: Contact | None = None
    focus: ProblemArea | None = None
    note: Text = ""
    rated: Flag = True
    """False when "start next session" carried the tie forward and nobody rated it that session."""


class Link(Record):
    a: Id
    b: Id
    support: Rating
    conflict: Rating

    @property
    def pair(self) -> frozenset[str]:
        """The unordered pair: a link a–b is the same as b–a."""
        return frozenset((self.a, self.b))


class MoodScore(Record):
    instrument: Instrument
    score: Annotated[int, Field(strict=True, ge=0)]
    items: list[Annotated[int, Field(strict=True, ge=0, le=ITEM_MAX)]] | None = None


class Risk(Record):
    """The therapist's own risk assessment at a session (version 2): whether risk was assessed, the
    level judged, whether a safety plan is in place, and a note. For the record, never the client's page."""

    assessed: Annotated[bool, Field(strict=True)]
    level: RiskLevel | None = None
    plan_in_place: Annotated[bool, Field(strict=True)] | None = None
    note: Text = ""

    @property
    def is_raised(self) -> bool:
        """A level of medium or high."""
        return self.level in (RiskLevel.MEDIUM, RiskLevel.HIGH)


class Event(Record):
    """A life event of the week (version 2 form): the people it involved and how mood went with it."""

    text: Text
    people: PersonIds = Field(default_factory=list)
    mood: EventMood | None = None


PLAIN, LINKED = "plain", "linked"
"""The two forms of an event: a string as in version 1, or an ``Event``."""

AnyEvent = Annotated[
    Annotated[Text, Tag(PLAIN)] | Annotated[Event, Tag(LINKED)],
    Discriminator(lambda value: LINKED if isinstance(value, dict | Event) else PLAIN),
]


def event_text(event: str | Event | dict) -> str:
    """The words of an event in either form, as a record or as its JSON data."""
    if isinstance(event, str):
        return event
    return event["text"] if isinstance(event, dict) else event.text


class GoalProgress(Record):
    goal: Id
    status: GoalStatus


class Session(Record):
    number: SessionNumber
    date: IsoDate
    phase: Phase
    attendance: Attendance = Attendance.ATTENDED
    notes: Text = ""
    events: list[AnyEvent] = Field(default_factory=list, max_length=100)
    goal_progress: list[GoalProgress] = Field(default_factory=list, max_length=100)
    ties: list[Tie] = Field(default_factory=list, max_length=1000)
    links: list[Link] = Field(default_factory=list, max_length=20_000)
    mood: list[MoodScore] = Field(default_factory=list, max_length=10)
    risk: Risk | None = None

    @property
    def attended(self) -> bool:
        """Whether the session took place; one not attended is left out of every series."""
        return self.attendance is Attendance.ATTENDED


class Document(Record):
    """One client and their whole course of therapy: the unit of import and export."""

    format: Literal["ipt-network"]
    version: Literal[2]
    client: Client
    people: list[Person] = Field(default_factory=list, max_length=1000)
    sessions: list[Session] = Field(default_factory=list, max_length=1000)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Document:
        problems = consistency_problems(self)
        if not (info.context and (info.context.get(STORED) or info.context.get(PARTIAL))):
            problems += session_reference_problems(self)
        if problems:
            raise ValidationError(problems)
        return self

    def person(self, person_id: str) -> Person:
        """The person with this id; ``NotFoundError`` if there is none (a page showing an older record)."""
        found = next((p for p in self.people if p.id == person_id), None)
        if found is None:
            raise NotFoundError(f"client '{self.client.id}' has no person '{person_id}'")
        return found

    def session(self, number: int) -> Session:
        """The session with this number; ``NotFoundError`` if there is none (removed by a replacing import)."""
        found = next((s for s in self.sessions if s.number == number), None)
        if found is None:
            raise NotFoundError(f"client '{self.client.id}' has no session {number}")
        return found


# --- rules that span records -------------------------------------------------------------


def session_where(session: Session) -> str:
    return f"session {session.number}"


def mood_problems(mood: MoodScore) -> list[str]:
    """Range of the total for its instrument; items only where defined, and summing to the total."""
    problems = []
    top = INSTRUMENT_MAX[mood.instrument]
    if mood.score > top:
        problems.append(f"score must be an integer 0–{top} for {mood.instrument}, got {mood.score}")
    if mood.items is not None:
        count = INSTRUMENT_ITEMS.get(mood.instrument)
        if count is None:
            problems.append(f"items are not recorded for {mood.instrument}; give only the score")
        elif len(mood.items) != count:
            problems.append(f"{mood.instrument} has {count} items, got {len(mood.items)}")
        elif sum(mood.items) != mood.score:
            problems.append(f"score {mood.score} does not equal the sum of the items ({sum(mood.items)})")
    return problems


def reference_problems(record: str, ids: list[str], known: dict[str, Any] | set[str], kind: str = "person",
                       among: str = "people") -> list[str]:
    """Each id in ``ids`` that names nothing in ``known``, or is named twice."""
    problems = [f"{record}: {kind} '{i}' is not in {among}" for i in ids if i not in known]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    problems += [f"{record}: {kind} '{i}' is named more than once" for i in twice]
    return problems


def session_problems(session: Session, people: dict[str, Person], goals: set[str] = frozenset()) -> list[str]:
    """Every cross-record problem inside one session, each naming its record."""
    where = session_where(session)
    problems: list[str] = []
    if not session.attended:
        carried = [name for name in ("ties", "links", "mood") if getattr(session, name)]
        if carried:
            problems.append(f"{where}: a session marked {session.attendance} has no {', '.join(carried)} "
                            "(it did not take place)")
    for index, event in enumerate(session.events):
        if isinstance(event, Event):
            problems += reference_problems(f"{where}, event #{index + 1}", event.people, people)
    progressed = [progress.goal for progress in session.goal_progress]
    problems += reference_problems(f"{where}, goal progress", progressed, goals, kind="goal",
                                   among="the client's goals")
    tied: set[str] = set()
    for tie in session.ties:
        if tie.person not in people:
            problems.append(f"{where}, tie for '{tie.person}': person '{tie.person}' is not in people")
        if tie.person in tied:
            problems.append(f"{where}, tie for '{tie.person}': more than one tie for this person")
        tied.add(tie.person)
    pairs: set[frozenset[str]] = set()
    for link in session.links:
        rec = f"{where}, link '{link.a}'–'{link.b}'"
        if link.a == link.b:
            problems.append(f"{rec}: a person cannot be linked to themselves")
            continue
        for end in (link.a, link.b):
            if end not in people:
                problems.append(f"{rec}: person '{end}' is not in people")
            elif end not in tied:
                problems.append(f"{rec}: '{end}' has no tie in this session, so cannot be linked")
        if link.pair in pairs:
            problems.append(f"{rec}: more than one link for this pair (a–b and b–a are the same)")
        pairs.add(link.pair)
    if session.risk is not None and not session.risk.assessed and (
            session.risk.level is not None or session.risk.plan_in_place is not None):
        problems.append(f"{where}, risk: a level or a plan is given only when risk was assessed (assessed: true)")
    seen: set[Instrument] = set()
    for mood in session.mood:
        rec = f"{where}, mood {mood.instrument}"
        if mood.instrument in seen:
            problems.append(f"{rec}: recorded more than once")
        seen.add(mood.instrument)
        problems += [f"{rec}: {p}" for p in mood_problems(mood)]
    return problems


def consistency_problems(doc: Document) -> list[str]:
    """Every rule of DESIGN section 4 that spans records, as sentences naming the record."""
    problems: list[str] = []
    people: dict[str, Person] = {}
    for person in doc.people:
        if person.id in people:
            problems.append(f"person '{person.id}': id used more than once")
        people[person.id] = person
    if doc.client.id in people:
        problems.append(f"client '{doc.client.id}': the client id is also used by a person")
    problems += client_problems(doc.client, people)
    goals = {goal.id for goal in doc.client.goals}
    numbers: set[int] = set()
    for session in doc.sessions:
        if session.number in numbers:
            problems.append(f"{session_where(session)}: session number used more than once")
        numbers.add(session.number)
        problems += session_problems(session, people, goals)
    return problems


HAPPENED_AT = {"areas_agreed_at": "the problem areas were agreed",
               "formulation_shared_at": "the formulation was shared", "as_of": "an inventory was taken"}
"""What the session each field names saw, in words."""


def session_references(doc: Document) -> list[tuple[str, str, int]]:
    """Every session number the case frame or an inventory gives ("agreed at session 3", "as of session
    2"), as ``(record, field, number)``."""
    given = [("client", "areas_agreed_at", doc.client.areas_agreed_at),
             ("client", "formulation_shared_at", doc.client.formulation_shared_at),
             *((f"person '{person.id}', inventory", "as_of", person.inventory.as_of)
               for person in doc.people if person.inventory)]
    return [(record, field, number) for record, field, number in given if number is not None]


def session_reference_problems(doc: Document) -> list[str]:
    """Each session number of ``session_references`` that names no session of the course: a typing slip
    that would put the agreement out of place."""
    numbers = {session.number for session in doc.sessions}
    return [unrecorded_session(record, field, number, numbers) for record, field, number in session_references(doc)
            if number not in numbers]


def unrecorded_session(record: str, field: str, number: int, numbers: set[int]) -> str:
    """The refusal of a session number that names no recorded session."""
    last = f"the last is session {max(numbers)}" if numbers else "none is recorded yet"
    return f"{record}: {field} is session {number}, which is not a recorded session ({last})"


def client_problems(client: Client, people: dict[str, Person]) -> list[str]:
    """The case frame's own rules (version 2): goals within the agreed areas, ids unique, the history
    and the onset before therapy began, only known people named."""
    problems: list[str] = []
    seen: set[str] = set()
    for goal in client.goals:
        record = f"client, goal '{goal.id}'"
        if goal.id in seen:
            problems.append(f"{record}: goal id used more than once")
        seen.add(goal.id)
        if goal.area not in client.problem_areas:
            problems.append(f"{record}: area '{goal.area}' is not among the client's problem areas "
                            f"({', '.join(client.problem_areas) or 'none'})")
    if client.onset is not None and client.onset > client.start_date:
        problems.append(f"client: onset {client.onset} is after the start date {client.start_date} "
                        "(the episode began before therapy)")
    for index, event in enumerate(client.history):
        record = f"client, history #{index + 1}"
        if event.date > client.start_date:
            problems.append(f"{record}: date {event.date} is after the start date {client.start_date} "
                            "(history is what came before therapy; later events belong to a session)")
        problems += reference_problems(record, event.people, people)
    if client.relapse_plan is not None:
        problems += reference_problems("client, relapse plan", client.relapse_plan.people, people)
    return problems


# --- from untrusted data to a Document -------------------------------------------------------

_FIELD_RULES = {
    "support": "must be an integer 0–10",
    "conflict": "must be an integer 0–10",
    "circle": "must be 1 (inner), 2 (middle) or 3 (outer)",
    "number": "must be a whole number from 1",
    "score": "must be a whole number from 0",
    "date": "must be a date written YYYY-MM-DD",
    "start_date": "must be a date written YYYY-MM-DD",
    "deceased_on": "must be a date written YYYY-MM-DD, or empty",
    "items": "must each be a whole number 0–3",
    "version": "must be 1 or 2",
    "assessed": "must be true or false",
    "plan_in_place": "must be true, false or empty",
    "rated": "must be true or false",
    "confides": "must be true, false or empty",
    "knows_about_depression": "must be true, false or empty",
    "planned_sessions": "must be a whole number 1–52, or empty",
    "onset": "must be a date written YYYY-MM-DD, or empty",
    "formulation_shared_at": "must be a session number from 1, or empty",
    "areas_agreed_at": "must be a session number from 1, or empty",
    "as_of": "must be a session number from 1, or empty",
}


def _record_name(data: Any, loc: tuple) -> tuple[str, tuple]:
    """Turn the start of a pydantic location into the record a person knows, plus the rest.

    ``('sessions', 7, 'ties', 1, 'support')`` becomes ``("session 8, tie for 'dan'", ('support',))``
    by looking the numbers and ids up in the submitted data.
    """

    def get(container: Any, key: Any) -> Any:
        try:
            return container[key]
        except (KeyError, IndexError, TypeError):
            return None

    def ident(item: Any, key: str, fallback: str) -> str:
        value = get(item, key)
        return f"'{value}'" if isinstance(value, str | int) and not isinstance(value, bool) else fallback

    if len(loc) <= 1:
        return "document", loc
    head, rest = loc[0], loc[1:]
    if head == "client":
        client = get(data, "client")
        if len(rest) >= 2 and rest[0] == "goals" and isinstance(rest[1], int):
            goal = get(get(client, "goals"), rest[1])
            return f"client, goal {ident(goal, 'id', f'#{rest[1] + 1}')}", rest[2:]
        if len(rest) >= 2 and rest[0] == "history" and isinstance(rest[1], int):
            return f"client, history #{rest[1] + 1}", rest[2:]
        if rest and rest[0] == "relapse_plan":
            return "client, relapse plan", rest[1:]
        return "client", rest
    if head == "people" and rest and isinstance(rest[0], int):
        person = get(get(data, "people"), rest[0])
        return f"person {ident(person, 'id', f'#{rest[0] + 1}')}", rest[1:]
    if head == "sessions" and rest and isinstance(rest[0], int):
        session = get(get(data, "sessions"), rest[0])
        number = get(session, "number")
        name = f"session {number}" if isinstance(number, int) else f"session #{rest[0] + 1}"
        rest = rest[1:]
        if len(rest) >= 2 and isinstance(rest[1], int) and rest[0] in ("ties", "links", "mood", "events",
                                                                        "goal_progress"):
            kind, index, item = rest[0], rest[1], get(get(session, rest[0]), rest[1])
            if kind == "ties":
                name += f", tie for {ident(item, 'person', f'#{index + 1}')}"
            elif kind == "links":
                name += f", link {ident(item, 'a', '?')}–{ident(item, 'b', '?')}"
            elif kind == "mood":
                name += f", mood {ident(item, 'instrument', f'#{index + 1}').strip(chr(39))}"
            elif kind == "goal_progress":
                name += f", progress of goal {ident(item, 'goal', f'#{index + 1}')}"
            else:
                name += f", event #{index + 1}"
            rest = rest[2:]
        return name, rest
    return str(head), rest


def _shown(value: Any, limit: int = 60) -> str:
    """The offending value as a person would type it, cut short so a hostile file can't flood the message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(data: Any, error: dict, origin: Callable[[tuple], str | None] | None = None) -> str:
    record, rest = _record_name(data, tuple(error["loc"]))
    place = origin(tuple(error["loc"])) if origin else None
    if place:
        record = f"{place}, {record}"
    fields = [str(p) for p in rest if not isinstance(p, int)]
    field = fields[-1] if fields else None
    got = _shown(error.get("input"))
    kind = error["type"]
    if kind == "extra_forbidden":
        message = f"unknown field '{field}' (is it a typo?)"
    elif kind == "missing":
        message = f"{field} is required"
    elif kind == "string_pattern_mismatch":
        message = text_problem(field or "text", error["input"])  # a plain event is text with no field name
    elif kind == "date_range":
        message = f"{field} {error['msg']}"
    elif field in _FIELD_RULES and kind not in ("too_long", "too_short"):
        message = f"{field} {_FIELD_RULES[field]}, got {got}"
    elif kind in ("enum", "literal_error"):
        message = f"{field or 'value'} {error['msg'].lower().replace('input should be', 'must be')}, got {got}"
    elif kind == "string_type" and field is None and "events" in error["loc"]:
        message = f"an event must be text or an object with text, people and mood, got {got}"
    elif kind == "string_too_short" and error.get("input") == "":
        message = f"{field} must not be empty"
    elif kind.startswith("string_"):
        message = f"{field} {error['msg'].lower().replace('string should', 'must')}"
    else:
        message = f"{field or 'value'}: {error['msg']}, got {got}"
    return f"{record}: {message}" if record else message


def _repaired(data: Any, errors: list[dict]) -> Any:
    """Stored data with every text the text rule refuses replaced by its ``scrub``: text written
    before the rule existed. Rare, so done only after a first validation failed."""
    data = copy.deepcopy(data)
    for error in errors:
        if error["type"] != "string_pattern_mismatch":
            continue
        *path, last = error["loc"]
        container = data
        for step in path:
            container = container[step]
        multiline = [step for step in error["loc"] if isinstance(step, str)][-1] in MULTILINE_FIELDS
        container[last] = scrub(error["input"], multiline=multiline, named=not multiline)
    return data


def _without_event_forms(loc: tuple) -> tuple:
    """A pydantic location with the form of an event (``PLAIN``/``LINKED``) taken out: the path in the data."""
    return tuple(step for i, step in enumerate(loc)
                 if not (i >= 2 and loc[i - 2] == "events" and step in (PLAIN, LINKED)))


def _located(exc: pydantic.ValidationError) -> list[dict]:
    return [{**error, "loc": _without_event_forms(tuple(error["loc"]))} for error in exc.errors()]


def _version_2_uses(data: dict) -> list[tuple[tuple, str]]:
    """Where a version 1 document uses version 2: (location, what), for each field and object event."""
    def listed(value: Any) -> list:
        return value if isinstance(value, list) else []

    def dicts(value: Any) -> list[tuple[int, dict]]:
        return [(i, item) for i, item in enumerate(listed(value)) if isinstance(item, dict)]

    client = data.get("client")
    found = [(("client", field), f"'{field}' is a field") for field in NEW_IN_VERSION_2["client"]
             if isinstance(client, dict) and field in client]
    found += [(("people", i, field), f"'{field}' is a field") for i, person in dicts(data.get("people"))
              for field in NEW_IN_VERSION_2["people"] if field in person]
    for i, session in dicts(data.get("sessions")):
        found += [(("sessions", i, field), f"'{field}' is a field") for field in NEW_IN_VERSION_2["sessions"]
                  if field in session]
        found += [(("sessions", i, "ties", t, field), f"'{field}' is a field") for t, tie in dicts(session.get("ties"))
                  for field in NEW_IN_VERSION_2["ties"] if field in tie]
        found += [(("sessions", i, "events", e, "text"), "an event written as an object is a form")
                  for e, _ in dicts(session.get("events"))]
    return found


def as_current_version(data: Any) -> Any:
    """Data of a version 1 document as version 2 (its new fields take their defaults); other data as given.

    A version 1 document that uses a field of version 2 is refused, naming each such field.
    """
    if not isinstance(data, dict) or data.get("version") != 1 or isinstance(data.get("version"), bool):
        return data
    problems = [f"{_record_name(data, loc)[0]}: {what} of version 2, but the file says version 1 (set version to 2)"
                for loc, what in _version_2_uses(data)]
    if problems:
        raise ValidationError(problems)
    return {**data, "version": FORMAT_VERSION}


def parse_document(
    data: Any, source: str | None = None, origin: Callable[[tuple], str | None] | None = None, *,
    stored: bool = False, partial: bool = False,
) -> Document:
    """Validate untrusted data (a dict as read from JSON or CSV) into a ``Document``.

    Raises ``ValidationError`` listing every problem found, each naming its record and field.
    ``origin`` lets a format whose records are rows say where a record came from: it maps a
    location such as ``('sessions', 7, 'ties', 1)`` to a place ("ties.csv line 14") that is
    put before the record's name. ``stored`` is for data read back from our own database: text
    written before the text rule existed is repaired (``scrub``) and old dates kept, so that old
    records can still be shown and exported; everything else is checked as for an import.
    ``partial`` is for a document holding only some of the client's sessions (an edit of one).
    """
    try:
        data = as_current_version(data)
        try:
            return Document.model_validate(data, context={STORED: stored, PARTIAL: partial})
        except pydantic.ValidationError as exc:
            if not stored:
                raise
            return Document.model_validate(_repaired(data, _located(exc)), context={STORED: stored, PARTIAL: partial})
    except pydantic.ValidationError as exc:
        raise ValidationError([_describe(data, e, origin) for e in _located(exc)], source) from None
    except ValidationError as exc:
        raise exc.with_source(source) if source else exc from None
