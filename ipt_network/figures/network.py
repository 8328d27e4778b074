"""The closeness circle of one session, and two sessions side by side.

Every meaning is carried twice so the picture reads in greyscale and for colour-blind viewers:
support is line *width*; conflict is line *pattern* (solid, dashed, dotted) and a warmer colour;
the kind of tie is marker *shape* and colour. The traces come in the same order, with the same
``ids`` on the people, in every session, so Dash can glide people to their new places
(``layout.transition``) when the session changes. Names reach the figure only through
``display_name``; notes, free text that may name people, appear only while names are shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from ipt_network.case import inventory_at, inventory_words
from ipt_network.graph import find_session
from ipt_network.layout import OUTER_RADIUS, RING_RADIUS, Point, force_positions, ring_positions
from ipt_network.metrics import valence as tie_valence
from ipt_network.model import Document, Link, Person, ProblemArea, Session, Tie
from ipt_network.settings import DEFAULT, Thresholds
from ipt_network.words import list_in_words, plural

from .names import ROLE_WORDS
from .style import (
    GREEN,
    GREY,
    INK,
    MUTED,
    ORANGE,
    PURPLE,
    SKY,
    SLATE,
    VERMILLION,
    base_layout,
    day,
    escape,
    wrap,
)

RING_WORDS = {1: "Inner circle", 2: "Middle circle", 3: "Outer circle"}
RING_FILL = {1: "#E9EEF4", 2: "#F1F4F8", 3: "#F8FAFC"}

VALENCE_STYLE = {  # legend words, marker symbol, colour
    "supportive": ("Supportive", "circle", GREEN),
    "ambivalent": ("Mixed (support and conflict)", "diamond", ORANGE),
    "aversive": ("Mostly conflict", "square", VERMILLION),
    "indifferent": ("Neither strong", "circle-open", SKY),
}
REMEMBERED = ("Remembered (died)", "hexagon-open", GREY)
ATTENTION = ("Needs attention", "circle-open", PURPLE)
STRAIN = "Relationship with strain"
"""What the ring says in the client's words (as their panel says it): it names nobody as a problem."""

CONFLICT_STYLE = {  # legend words, dash, colour: darker and warmer as conflict rises
    "calm": (None, "solid", "#77889E"),
    "some": ("Dashed line: some conflict", "dash", "#AA7D41"),
    "strong": ("Dotted line: a lot of conflict", "dot", "#B0623F"),
}
LINK_COLOUR = "#8A7F70"
"""A warm grey for who knows whom, told apart from the client's slate-blue ties by hue as well as width."""
EVENT_HALO = "#F6D9A8"
"""A warm halo behind the people of the chosen life event: seen at once, it hides nothing."""
FOCUS_TAGS = {  # the letter on a focus person's tag, and its words
    ProblemArea.GRIEF: ("G", "grief"),
    ProblemArea.ROLE_DISPUTE: ("D", "role dispute"),
    ProblemArea.ROLE_TRANSITION: ("T", "role transition"),
    ProblemArea.INTERPERSONAL_DEFICITS: ("I", "interpersonal deficits"),
}
FOCUS_TAG_STEP = 0.36
"""How far a focus tag sits from its person, towards the client, on their tie (drawing units)."""
SUPPORT_BUCKETS = 5
"""Tie widths come in five steps (support 0–1, 2–3, 4–5, 6–7, 8–10): few traces, fast drawing."""

MARKER_SIZE = 18
HIGHLIGHT_SIZE = 26
CROWDED = 30
"""Beyond this many people markers shrink and only the people needing attention and the
highlighted person carry a name label; everyone keeps their hover text."""
CROWDED_MARKER_SIZE = 12

AXIS_REACH = OUTER_RADIUS + 0.95
TRANSITION = {"duration": 500, "easing": "cubic-in-out"}

Hotspots = Collection[str] | Mapping[str, Sequence[str]]


def support_bucket(support: int) -> int:
    """Width step of a tie: 0 for support 0–1 up to 4 for support 8–10."""
    return min(support // 2, SUPPORT_BUCKETS - 1)


def tie_width(support: int) -> float:
    """Line width in pixels: 1 px for support 0–1, 1.25 px more per step, 6 px for 8–10."""
    return 1 + 1.25 * support_bucket(support)


def conflict_level(conflict: int, thresholds: Thresholds = DEFAULT) -> str:
    """``"strong"`` from ``high_conflict`` (7), ``"some"`` from ``high`` (5), else ``"calm"``."""
    if conflict >= thresholds.high_conflict:
        return "strong"
    return "some" if conflict >= thresholds.high else "calm"


def _segments(pairs: Sequence[tuple[Point, Point]]) -> tuple[list, list]:
    """x and y lists drawing many separate segments in one trace (broken by ``None``)."""
    xs: list = []
    ys: list = []
    for (x0, y0), (x1, y1) in pairs:
        xs += (x0, x1, None)
        ys += (y0, y1, None)
    return xs, ys


def _line_trace(name: str, pairs: Sequence[tuple[Point, Point]], *, width: float, dash: str,
                colour: str) -> dict:
    xs, ys = _segments(pairs)
    return {"type": "scatter", "mode": "lines", "name": name, "x": xs, "y": ys, "hoverinfo": "skip",
            "showlegend": False, "line": {"width": width, "dash": dash, "color": colour}}


def _key(name: str, shown: bool, *, marker: dict | None = None, line: dict | None = None) -> dict:
    """A legend-only entry: the legend explains, the real traces stay out of it."""
    trace = {"type": "scatter", "x": [None], "y": [None], "name": name, "hoverinfo": "skip",
             "showlegend": shown, "mode": "markers" if marker else "lines"}
    if marker:
        trace["marker"] = marker
    if line:
        trace["line"] = line
    return trace


def _label_position(x: float, y: float) -> str:
    """Put a name on the outside of its marker, away from the centre."""
    angle = math.atan2(y, x)
    if math.cos(angle) > 0.45:
        return "middle right"
    if math.cos(angle) < -0.45:
        return "middle left"
    return "top center" if y >= 0 else "bottom center"


def _hover(person: Person, tie: Tie, shown_name: str, kind: str, *, deceased: bool,
           attention: Sequence[str] | None, with_notes: bool, with_scores: bool, private: bool = True,
           inventory: str = "") -> str:
    """A person's hover text; ``private`` is the therapist's view (the focus, the words "Needs attention",
    the ``inventory`` in words)."""
    lines = [f"<b>{escape(shown_name)}</b>", f"{ROLE_WORDS[person.role]} · {RING_WORDS[tie.circle].lower()}"]
    if with_scores:
        lines.append(f"Support {tie.support}/10 · Conflict {tie.conflict}/10")
    if deceased:
        lines.append(f"Remembered: died {day(person.deceased_on)}")
    else:
        lines.append(VALENCE_STYLE[kind][0])
    if tie.contact is not None:
        lines.append(f"Contact: {tie.contact.value}")
    if private and tie.focus is not None:
        lines.append(f"Focus: {tie.focus.value.replace('_', ' ')}")
    if attention is not None:
        lines.append((ATTENTION[0] if private else STRAIN) + (": " + escape("; ".join(attention)) if attention else ""))
    if private and inventory:
        lines.append(wrap(inventory))
    if with_notes and tie.note:
        lines.append(f"<i>{wrap(tie.note)}</i>")
    return "<br>".join(lines)


@dataclass(frozen=True)
class Drawn:
    """One tied person as drawn: where, and what kind of tie (``valence``) they have with the client."""

    tie: Tie
    person: Person
    x: float
    y: float
    deceased: bool
    kind: str

    @property
    def style(self) -> tuple[str, str, str]:
        """Legend words, marker symbol and colour."""
        return REMEMBERED if self.deceased else VALENCE_STYLE[self.kind]


@dataclass(frozen=True)
class Scene:
    """One session ready to draw: every step of ``network_figure`` reads it, none changes it."""

    session: Session
    centre: Point
    drawn: list[Drawn]
    names: Mapping[str, str]
    """Tied person id → the text shown for them."""
    reasons: Mapping[str, Sequence[str]]
    """People needing attention → why, in words (may be empty)."""
    positions: Mapping[str, Point]
    links: Sequence[Link]
    """The links to draw (none when links are not on show)."""
    highlight: str | None = None
    lit: Collection[str] = ()
    """The people of the life event chosen on the mood chart."""
    show_scores: bool = True
    with_notes: bool = True
    private: bool = True
    """The therapist's view: a tie's focus and note on hover (the note only with real names)."""
    thresholds: Thresholds = DEFAULT

    @property
    def crowded(self) -> bool:
        return len(self.drawn) > CROWDED

    @property
    def size(self) -> int:
        return CROWDED_MARKER_SIZE if self.crowded else MARKER_SIZE


def scene(doc: Document, session_number: int, *, positions: Mapping[str, Point],
          display_name: Callable[[str], str], hotspots: Hotspots = (), valence: Mapping[str, str] | None = None,
          highlight: str | None = None, lit: Collection[str] = (), show_links: bool = True,
          show_scores: bool = True, private: bool = True, thresholds: Thresholds = DEFAULT) -> Scene:
    """The session's people placed and classified, as every step of ``network_figure`` needs them
    (the parameters are those of ``network_figure``)."""
    session = find_session(doc, session_number)
    people = {p.id: p for p in doc.people}
    names = {tie.person: display_name(tie.person) for tie in session.ties}
    drawn = [Drawn(tie, people[tie.person], *positions[tie.person], deceased=not people[tie.person].alive_on(
                       session.date),
                   kind=(valence or {}).get(tie.person) or tie_valence(tie.support, tie.conflict, thresholds))
             for tie in session.ties]
    return Scene(session=session, centre=positions[doc.client.id], drawn=drawn, names=names,
                 reasons=hotspots if isinstance(hotspots, Mapping) else dict.fromkeys(hotspots, ()),
                 positions=positions, links=session.links if show_links else (), highlight=highlight,
                 lit=frozenset(lit), show_scores=show_scores, private=private,
                 with_notes=private and all(names[pid] == people[pid].name for pid in names), thresholds=thresholds)


def tie_traces(scene: Scene) -> list[dict]:
    """The client's ties, one trace per conflict level and support step (always all of them, so the
    traces keep their places from session to session)."""
    pairs: dict[tuple[str, int], list] = {(level, b): [] for level in CONFLICT_STYLE for b in range(SUPPORT_BUCKETS)}
    for d in scene.drawn:
        pairs[conflict_level(d.tie.conflict, scene.thresholds), support_bucket(d.tie.support)].append(
            (scene.centre, (d.x, d.y)))
    return [_line_trace(f"ties {level} {bucket}", segments, width=tie_width(2 * bucket),
                        dash=CONFLICT_STYLE[level][1], colour=CONFLICT_STYLE[level][2])
            for (level, bucket), segments in pairs.items()]


def link_traces(scene: Scene) -> tuple[list[dict], dict]:
    """Links between people: the calm and the tense lines, and the invisible midpoints carrying
    their hover text (a line is hoverable only at its ends)."""
    calm, tense = [], []
    details: dict[str, list] = {"x": [], "y": [], "hovertext": []}
    for link in scene.links:
        (ax, ay), (bx, by) = scene.positions[link.a], scene.positions[link.b]
        (tense if link.conflict >= scene.thresholds.high else calm).append(((ax, ay), (bx, by)))
        details["x"].append((ax + bx) / 2)
        details["y"].append((ay + by) / 2)
        details["hovertext"].append(
            f"{escape(scene.names[link.a])} and {escape(scene.names[link.b])} know each other"
            + (f"<br>Support {link.support}/10 · Conflict {link.conflict}/10" if scene.show_scores else ""))
    lines = [_line_trace("links", calm, width=1, dash="solid", colour=LINK_COLOUR),
             _line_trace("conflicted links", tense, width=1.3, dash="dot", colour=LINK_COLOUR)]
    hover = {"type": "scatter", "mode": "markers", "name": "link details", "showlegend": False, **details,
             "hovertemplate": "%{hovertext}<extra></extra>", "marker": {"size": 10, "opacity": 0}}
    return lines, hover


def attention_trace(scene: Scene) -> dict:
    """A ring around each person needing attention."""
    ringed = [d for d in scene.drawn if d.tie.person in scene.reasons]
    return {"type": "scatter", "mode": "markers", "name": "needs attention", "showlegend": False,
            "x": [d.x for d in ringed], "y": [d.y for d in ringed], "ids": [d.tie.person for d in ringed],
            "hoverinfo": "skip", "marker": {"symbol": "circle-open", "size": scene.size + 14, "color": PURPLE,
                                            "line": {"width": 3, "color": PURPLE}}}


def event_trace(scene: Scene) -> dict:
    """A soft halo around each person of the life event chosen on the mood chart (the trace is always
    there, maybe empty, so the traces keep their places)."""
    haloed = [d for d in scene.drawn if d.tie.person in scene.lit]
    return {"type": "scatter", "mode": "markers", "name": "event people", "showlegend": False,
            "x": [d.x for d in haloed], "y": [d.y for d in haloed], "ids": [d.tie.person for d in haloed],
            "hoverinfo": "skip", "marker": {"symbol": "circle", "size": scene.size + 22, "color": EVENT_HALO,
                                            "opacity": 1, "line": {"width": 0}}}


def focus_trace(scene: Scene) -> dict:
    """A small lettered tag on the tie of each person the work focuses on (G grief, D role dispute,
    T role transition, I interpersonal deficits), set on the tie just inside the person: the focus is
    the relationship. The therapist's view only, like the focus on hover; the trace is always there
    (maybe empty) so the traces keep their places."""
    tagged = [d for d in scene.drawn if scene.private and d.tie.focus is not None]
    points = [_towards(scene.centre, (d.x, d.y), FOCUS_TAG_STEP) for d in tagged]
    return {"type": "scatter", "mode": "markers+text", "name": "focus", "showlegend": False,
            "x": [x for x, _ in points], "y": [y for _, y in points], "ids": [d.tie.person for d in tagged],
            "text": [FOCUS_TAGS[d.tie.focus][0] for d in tagged], "textposition": "middle center",
            "textfont": {"size": 10, "color": "white"},
            "hovertext": [f"Focus of the work: {FOCUS_TAGS[d.tie.focus][1]} ({escape(scene.names[d.tie.person])})"
                          for d in tagged],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": {"symbol": "square", "size": 15, "color": INK, "opacity": 1,
                       "line": {"width": 1, "color": "white"}}, "cliponaxis": False}


def _towards(centre: Point, point: Point, step: float) -> Point:
    """The point ``step`` drawing units from ``point`` towards ``centre``."""
    dx, dy = centre[0] - point[0], centre[1] - point[1]
    length = math.hypot(dx, dy) or 1.0
    return point[0] + dx * step / length, point[1] + dy * step / length


def people_trace(scene: Scene) -> dict:
    """The people: shape and colour by kind of tie, names beside them (only the ones that matter
    when crowded), hover text in the words and with the scores this view allows."""
    marker: dict[str, list] = {key: [] for key in ("text", "hovertext", "textposition", "symbol", "color", "size",
                                                   "line_width", "line_color", "text_color")}
    for d in scene.drawn:
        person_id = d.tie.person
        _, symbol, colour = d.style
        chosen = person_id == scene.highlight
        labelled = not scene.crowded or person_id in scene.reasons or chosen
        name = scene.names[person_id]
        marker["text"].append((escape(name) + (" (in memory)" if d.deceased else "")) if labelled else "")
        marker["textposition"].append(_label_position(d.x - scene.centre[0], d.y - scene.centre[1]))
        marker["symbol"].append(symbol)
        marker["color"].append(colour)
        marker["size"].append(HIGHLIGHT_SIZE if chosen else scene.size)
        marker["line_width"].append((2.5 if symbol.endswith("open") else 1.5) + (1.5 if chosen else 0))
        marker["line_color"].append(INK if chosen else "white")
        marker["text_color"].append(MUTED if d.deceased else INK)
        marker["hovertext"].append(_hover(d.person, d.tie, name, d.kind, deceased=d.deceased,
                                          attention=scene.reasons.get(person_id) if person_id in scene.reasons
                                          else None, with_notes=scene.with_notes, with_scores=scene.show_scores,
                                          private=scene.private, inventory=inventory_words(
                                              inventory_at(d.person, scene.session.number), typed=scene.with_notes)))
    keys = [d.tie.person for d in scene.drawn]
    return {"type": "scatter", "mode": "markers+text", "name": "people", "showlegend": False,
            "x": [d.x for d in scene.drawn], "y": [d.y for d in scene.drawn], "ids": keys, "customdata": keys,
            "text": marker["text"], "textposition": marker["textposition"],
            "textfont": {"size": 12, "color": marker["text_color"]},
            "hovertext": marker["hovertext"], "hovertemplate": "%{hovertext}<extra></extra>",
            # opacity 1 stated: plotly makes markers with per-point sizes translucent by default
            "marker": {"symbol": marker["symbol"], "color": marker["color"], "size": marker["size"], "opacity": 1,
                       "line": {"width": marker["line_width"], "color": marker["line_color"]}}, "cliponaxis": False}


LEGEND_BAND = 0.2
"""The share of the picture's height, at its foot, kept for the legend."""


def network_figure(doc: Document, session_number: int, *, positions: Mapping[str, Point],
                   display_name: Callable[[str], str], hotspots: Hotspots = (),
                   valence: Mapping[str, str] | None = None, highlight: str | None = None,
                   lit: Collection[str] = (), show_links: bool = True, show_rings: bool = True,
                   show_scores: bool = True, title: str | None = None, thresholds: Thresholds = DEFAULT,
                   height: int | None = 640, private: bool = True) -> dict:
    """One session's network as a plotly figure dict.

    Parameters
    ----------
    doc, session_number
        The course and the session to draw.
    positions
        Person id (and client id) → (x, y): ``layout.ring_positions`` for the closeness circle,
        ``layout.force_positions`` for the force-directed view. Every tied person needs one.
    display_name
        Person or client id → the text shown (see ``names.display_namer``).
    hotspots
        Ids of people needing attention, or id → reasons in plain words (shown on hover), e.g.
        ``{h.person: [h.client] for h in session_findings(doc, n, name_of=display_name).hotspots}``.
    valence
        Person id → ``"supportive"``, ``"ambivalent"``, ``"aversive"`` or ``"indifferent"``;
        by default each tie's valence under ``thresholds`` (``metrics.valence``).
    highlight
        A person drawn larger and outlined in ink (the one selected in the dashboard).
    lit
        People drawn on a warm halo: those of the life event chosen on the mood chart.
    show_links, show_rings
        Links between people; the three closeness rings (off for the force-directed view).
    show_scores
        Support and conflict ratings on hover; off in the client's words unless scores are asked
        for (the kind of tie is said in words either way).
    private
        The therapist's view: each tie's focus and typed note on hover. Off on the client's page, which
        carries neither.

    Returns
    -------
    dict
        ``{"data": [...], "layout": {...}}``. People carry their id in ``ids`` and
        ``customdata``; the trace order is the same for every session: links, ties, link hover,
        event halos, attention rings, focus tags, people, client, legend keys.
    """
    drawing = scene(doc, session_number, positions=positions, display_name=display_name, hotspots=hotspots,
                    valence=valence, highlight=highlight, lit=lit, show_links=show_links, show_scores=show_scores,
                    private=private, thresholds=thresholds)
    links, link_hover = link_traces(drawing)
    client = doc.client.id
    data = [*links, *tie_traces(drawing), link_hover, event_trace(drawing), attention_trace(drawing),
            focus_trace(drawing),
            people_trace(drawing), _client_trace(client, drawing.centre, display_name(client)), *legend(drawing)]
    layout = base_layout(height=height, title=title)
    reach = AXIS_REACH
    # "domain": the drawing area shrinks to keep circles round, so the axis ranges never change and
    # plotly.js never animates them (an axis animation outlives a graph removed mid-transition).
    axis = {"visible": False, "range": [-reach, reach], "zeroline": False, "showgrid": False,
            "constrain": "domain"}
    layout.update({
        # The legend sits in the paper's bottom band, under the drawing: a legend outside the paper
        # would take its room after the circle was kept round, and squash it into an ellipse.
        "xaxis": axis, "yaxis": {**axis, "scaleanchor": "x", "scaleratio": 1, "domain": [LEGEND_BAND, 1]},
        "legend": {**layout["legend"], "y": 0, "yanchor": "bottom"},
        "shapes": _rings() if show_rings else [], "annotations": _ring_labels() if show_rings else [],
        "uirevision": f"network:{client}", "transition": TRANSITION, "hovermode": "closest",
        "dragmode": "pan",
    })
    return {"data": data, "layout": layout}


def _client_trace(client: str, centre: Point, label: str) -> dict:
    inside = len(label) <= 4
    return {"type": "scatter", "mode": "markers+text", "name": "client", "showlegend": False,
            "x": [centre[0]], "y": [centre[1]], "ids": [client], "customdata": [client],
            "text": [escape(label)], "textposition": "middle center" if inside else "bottom center",
            "textfont": {"size": 13, "color": "white" if inside else INK},
            "hovertext": [escape(label)], "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": {"size": 38, "color": SLATE, "line": {"width": 2, "color": "white"}}, "cliponaxis": False}


def legend(scene: Scene) -> list[dict]:
    """Plain-word keys, shown only for what this picture contains."""
    present = {d.style[1] for d in scene.drawn}
    keys = [_key(words, symbol in present, marker={"symbol": symbol, "color": colour, "size": 12,
                                                    "line": {"width": 2 if symbol.endswith("open") else 0}})
            for words, symbol, colour in (*VALENCE_STYLE.values(), REMEMBERED)]
    keys.append(_key(ATTENTION[0] if scene.private else STRAIN, any(d.tie.person in scene.reasons for d in scene.drawn),
                     marker={"symbol": "circle-open", "color": PURPLE, "size": 14, "line": {"width": 3}}))
    levels = {conflict_level(d.tie.conflict, scene.thresholds) for d in scene.drawn}
    keys.append(_key("Thicker line: more support", bool(scene.drawn),
                     line={"width": 5, "color": CONFLICT_STYLE["calm"][2]}))
    keys += [_key(words, level in levels, line={"width": 2.5, "dash": dash, "color": colour})
             for level, (words, dash, colour) in CONFLICT_STYLE.items() if words]
    areas = [area for area in FOCUS_TAGS if scene.private and any(d.tie.focus == area for d in scene.drawn)]
    keys.append(_key("Letter tag: focus of the work ("
                     + ", ".join(" ".join(FOCUS_TAGS[area]) for area in areas) + ")", bool(areas),
                     marker={"symbol": "square", "color": INK, "size": 12}))
    keys.append(_key("Warm halo: in the life event chosen", any(d.tie.person in scene.lit for d in scene.drawn),
                     marker={"symbol": "circle", "color": EVENT_HALO, "size": 14}))
    keys.append(_key("Grey line: these two know each other", bool(scene.links),
                     line={"width": 1.5, "color": LINK_COLOUR}))
    return keys


def _rings() -> list[dict]:
    """The three closeness rings, outermost first so the inner fills sit on top."""
    return [{"type": "circle", "xref": "x", "yref": "y", "x0": -r, "y0": -r, "x1": r, "y1": r,
             "fillcolor": RING_FILL[ring], "line": {"color": "#D3DAE3", "width": 1.2}, "layer": "below",
             "name": RING_WORDS[ring]}
            for ring, r in sorted(RING_RADIUS.items(), reverse=True)]


def _ring_labels() -> list[dict]:
    """Ring names just outside the top of each ring, in the wedge no person sits in
    (``layout.LABEL_WEDGE``)."""
    return [{"x": 0, "y": r, "xref": "x", "yref": "y", "text": RING_WORDS[ring], "showarrow": False,
             "yanchor": "bottom", "yshift": 1, "font": {"size": 11, "color": MUTED}}
            for ring, r in RING_RADIUS.items()]


def network_summary(doc: Document, session_number: int, *, display_name: Callable[[str], str],
                    hotspots: Hotspots = (), valence: Mapping[str, str] | None = None,
                    thresholds: Thresholds = DEFAULT) -> str:
    """The picture in one or two sentences, for screen readers and reports.

    Counts cover people alive on the session's date, as the measures do; people who have died
    are mentioned as remembered.
    """
    session = find_session(doc, session_number)
    people = {p.id: p for p in doc.people}
    alive = [t for t in session.ties if people[t.person].alive_on(session.date)]
    remembered = [t.person for t in session.ties if not people[t.person].alive_on(session.date)]
    kinds = [(valence or {}).get(t.person) or tie_valence(t.support, t.conflict, thresholds) for t in alive]
    text = (f"Session {session.number} ({day(session.date)}): {plural(len(alive), 'person', 'people')}, "
            f"{sum(t.circle == 1 for t in alive)} in the inner circle; "
            f"{plural(kinds.count('supportive'), 'supportive tie')}")
    order = list(hotspots) if isinstance(hotspots, Mapping) else [p.id for p in doc.people if p.id in hotspots]
    attention = [display_name(pid) for pid in order if any(t.person == pid for t in session.ties)]
    if attention:
        needs = "needs" if len(attention) == 1 else "need"
        text += f"; {plural(len(attention), 'person', 'people')} {needs} attention: {list_in_words(attention)}"
    text += "."
    if remembered:
        text += f" Remembered: {list_in_words(display_name(pid) for pid in remembered)}."
    return text


def client_summary(doc: Document, session_number: int, *, display_name: Callable[[str], str]) -> str:
    """The picture in the client's words: how many people, how many close, who is remembered; nobody
    is named as a problem (the client may read it aloud, or a relative may)."""
    session = find_session(doc, session_number)
    people = {p.id: p for p in doc.people}
    alive = [t for t in session.ties if people[t.person].alive_on(session.date)]
    remembered = [display_name(t.person) for t in session.ties if not people[t.person].alive_on(session.date)]
    inner = sum(t.circle == 1 for t in alive)
    text = f"{plural(len(alive), 'person', 'people')} in your circle, {inner} of them in the inner circle."
    return text + (f" Remembered here: {list_in_words(remembered)}." if remembered else "")


def comparison_figures(doc: Document, first: int, second: int, *, display_name: Callable[[str], str],
                       hotspots: Mapping[int, Hotspots] | None = None,
                       valence: Mapping[int, Mapping[str, str]] | None = None,
                       force: bool = False, seed: int = 7, **options) -> tuple[dict, dict]:
    """Two sessions drawn to be laid side by side, each person in the same place in both.

    In the closeness circle a person keeps their angle and shows any move between rings; in the
    force-directed view (``force=True``) both sessions share one layout of their joint network.
    ``hotspots`` and ``valence`` are keyed by session number; ``options`` go to
    ``network_figure`` (``show_links``, ``show_scores``, ``thresholds``, ``height``, ``highlight``).
    """
    shared = force_positions(doc, (first, second), seed=seed) if force else None
    figures = []
    for number in (first, second):
        session = find_session(doc, number)
        figures.append(network_figure(
            doc, number, positions=shared or ring_positions(doc, number), display_name=display_name,
            hotspots=(hotspots or {}).get(number, ()), valence=(valence or {}).get(number),
            show_rings=not force, title=f"Session {number} · {day(session.date)}", **options))
    return figures[0], figures[1]

