"""The whole course at a glance: the ``metrics --json`` object of DESIGN section 6, and its text.

``CourseAnalysis`` analyses one client's course once: each session's graph and measures are
computed on first use and kept (a ``Document`` never changes), so the dashboard, the reports and
the command line can ask for findings, changes, mood and linkage without repeating work.
``course_overview`` returns exactly the JSON contract (names, nulls, reason codes);
``format_overview`` turns it into the readable per-session report for the terminal, in the
therapist's voice, with flags, hotspots, mood and linkage in words.

With ``session=N`` the overview holds that one session (compared with the session before it,
mood against the first score of the course) and the linkage over sessions up to N only, so a
report for session N reads the same whenever it is made.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ipt_network.change import SessionChange, change_items, measure_deltas
from ipt_network.graph import NameOf, deceased_by, find_session, held_sessions, previous_session, session_graph
from ipt_network.hotspots import Findings, conflict_hotspots, isolation_flags
from ipt_network.linkage import Linkage, linkage_from_tables
from ipt_network.metrics import MEASURES, as_table, measures
from ipt_network.model import Document
from ipt_network.scales import MoodResult, mood_results, mood_sentence, mood_table
from ipt_network.settings import DEFAULT, Thresholds
from ipt_network.words import plural


class CourseAnalysis:
    """Every analysis of one client's course, each session computed once.

    Graphs handed out are frozen (``networkx.freeze``): they are shared, so read them only.

    Examples
    --------
    >>> from ipt_network.model import parse_document
    >>> doc = parse_document({"format": "ipt-network", "version": 1,
    ...     "client": {"id": "c", "label": "A", "start_date": "2026-01-05"},
    ...     "people": [{"id": "mum", "name": "Mum", "role": "parent"}],
    ...     "sessions": [{"number": 1, "date": "2026-01-05", "phase": "initial",
    ...                   "ties": [{"person": "mum", "circle": 1, "support": 6, "conflict": 8}]}]})
    >>> course = CourseAnalysis(doc)
    >>> course.measures(1)["total_conflict"], [h.reasons for h in course.findings(1).hotspots]
    (8, [('high_conflict', 'close_and_conflicted')])
    """

    def __init__(self, doc: Document, thresholds: Thresholds = DEFAULT):
        self.doc = doc
        self.thresholds = thresholds
        self.numbers = [s.number for s in held_sessions(doc)]
        """The sessions held, in order: every series is over these (a missed session keeps only its date)."""
        self._graphs: dict[int, nx.Graph] = {}
        self._measures: dict[int, dict] = {}
        self._moods: dict[int, dict[str, MoodResult]] | None = None

    def graph(self, number: int) -> nx.Graph:
        """The session's graph of counted people (see ``graph.session_graph``)."""
        if number not in self._graphs:
            self._graphs[number] = nx.freeze(session_graph(self.doc, number))
        return self._graphs[number]

    def previous(self, number: int) -> int | None:
        """The number of the session held before ``number``, or ``None`` for the first."""
        before = previous_session(self.doc, number)
        return before.number if before else None

    def measures(self, number: int) -> dict[str, int | float | None]:
        """Every measure of the session (``metrics.measures``)."""
        if number not in self._measures:
            self._measures[number] = measures(self.graph(number), self.thresholds)
        return self._measures[number]

    def measure_table(self, up_to: int | None = None) -> pd.DataFrame:
        """One row per session (up to ``up_to``), one float column per measure, NaN where undefined."""
        return as_table({n: self.measures(n) for n in self.numbers if up_to is None or n <= up_to})

    def findings(self, number: int, name_of: NameOf | None = None) -> Findings:
        """Isolation flags and conflict hotspots of the session, against the session held before it; none
        at a session not held (its empty network is no finding)."""
        if not find_session(self.doc, number).attended:
            return Findings((), ())
        G = self.graph(number)
        before = self.previous(number)
        previous = self.graph(before) if before is not None else None
        return Findings(tuple(isolation_flags(G, previous, self.thresholds, name_of)),
                        tuple(conflict_hotspots(G, previous, self.thresholds, name_of)))

    def change(self, before: int, after: int, name_of: NameOf | None = None) -> SessionChange:
        """What changed from session ``before`` to session ``after`` (either order)."""
        items = change_items(self.graph(before), self.graph(after), self.thresholds, name_of,
                             deceased_by(self.doc, after))
        return SessionChange(before, after, items, measure_deltas(self.measures(before), self.measures(after)))

    def mood(self, number: int) -> dict[str, MoodResult]:
        """Instrument → band, reliable change, response and remission of each score that session
        (none at a session not attended)."""
        if self._moods is None:
            self._moods = mood_results(self.doc)
        find_session(self.doc, number)
        return self._moods.get(number, {})

    def linkage(self, up_to: int | None = None) -> list[Linkage]:
        """Network series against mood over the course, or over the sessions up to ``up_to``."""
        mood = mood_table(self.doc)
        if up_to is not None:
            mood = mood.loc[:up_to]
        return linkage_from_tables(self.measure_table(up_to), mood, self.thresholds)

    def session_json(self, number: int) -> dict:
        """The session object of ``metrics --json``."""
        record = find_session(self.doc, number)
        findings = self.findings(number)
        return {
            "session": number,
            "date": record.date.isoformat(),
            "phase": record.phase.value,
            **self.measures(number),
            "isolation": [flag.code for flag in findings.flags],
            "hotspots": [h.as_json() for h in findings.hotspots],
            "mood": {name: result.as_json() for name, result in self.mood(number).items()},
        }

    def overview(self, session: int | None = None) -> dict:
        """``{"client": ID, "sessions": [...], "linkage": [...]}`` as DESIGN section 6 defines it."""
        if session is not None:
            find_session(self.doc, session)
        numbers = self.numbers if session is None else [session]
        return {"client": self.doc.client.id,
                "sessions": [self.session_json(n) for n in numbers],
                "linkage": [link.as_json() for link in self.linkage(session)]}


def course_overview(doc: Document, session: int | None = None, thresholds: Thresholds = DEFAULT) -> dict:
    """The ``metrics --json`` object of DESIGN section 6 for a whole course, or for one session.

    Raises ``NotFoundError`` when ``session`` is given and the client has no such session.
    """
    return CourseAnalysis(doc, thresholds).overview(session)


def _number(value: int | float | None) -> str:
    if value is None:
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.2f}"


def _session_text(entry: dict, course: CourseAnalysis, name_of: NameOf | None) -> list[str]:
    m = {name: _number(entry[name]) for name in MEASURES}
    findings = course.findings(entry["session"], name_of)
    results = course.mood(entry["session"])
    lines = [
        f"Session {entry['session']}, {entry['date']} ({entry['phase']} phase)",
        f"  People: {m['size']} (inner circle {m['inner_circle']})",
        f"  Support: total {m['total_support']}, mean {m['mean_support']}, "
        f"concentration {m['support_concentration']}",
        f"  Conflict: total {m['total_conflict']}, mean {m['mean_conflict']}",
        f"  Ties: {m['supportive']} supportive, {m['ambivalent']} ambivalent, {m['aversive']} aversive, "
        f"{m['indifferent']} indifferent",
        f"  Structure: density {m['density']}, effective size {m['effective_size']}, "
        f"constraint {m['constraint']}",
        "  Isolation: " + ("none flagged" if not findings.flags else ""),
        *[f"    - {flag.therapist}" for flag in findings.flags],
        "  Conflict hotspots: " + ("none" if not findings.hotspots else "(most severe first)"),
        *[f"    {rank}. {h.therapist}" for rank, h in enumerate(findings.hotspots, 1)],
        "  Mood: " + ("not recorded" if not entry["mood"] else ""),
        *[f"    - {mood_sentence(results[name])}" for name in entry["mood"]],
    ]
    return [line.rstrip() for line in lines]


def format_overview(overview: dict, doc: Document, thresholds: Thresholds = DEFAULT,
                    name_of: NameOf | None = None) -> str:
    """The overview as text, one block per session and then the mood linkage, for the therapist.

    ``doc`` and ``thresholds`` must be those the overview was made from; they supply the names
    and the ratings quoted in the sentences. ``name_of`` replaces the names shown.
    """
    course = CourseAnalysis(doc, thresholds)
    blocks = [f"Client {overview['client']}"]
    blocks += ["\n".join(_session_text(entry, course, name_of)) for entry in overview["sessions"]]
    up_to = overview["sessions"][0]["session"] if len(overview["sessions"]) == 1 else None
    on_changes = [link for link in course.linkage(up_to) if link.on == "changes"]
    defined = [link for link in on_changes if link.rho is not None]
    lines = ["Mood linkage on changes from one session to the next (Spearman's rho; "
             "lag 1 = a network change, then the next mood change; levels in the JSON)"]
    lines += [f"  - {link.sentence}" for link in defined]
    undefined = len(on_changes) - len(defined)
    if not on_changes:
        lines.append("  No mood scores recorded.")
    elif undefined:
        lines.append(f"  {plural(undefined, 'comparison')} not computed: too few changes with both "
                     f"(fewer than {thresholds.min_n_changes}) or a series that did not change.")
    blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
