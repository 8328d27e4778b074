"""A ``SessionNote`` (or the end-of-therapy ``Review``) rendered as PDF, Markdown or a self-contained HTML file.

Each kind of note has its own template and its own Markdown (``note.html.j2`` and
``render_therapist_markdown`` for the therapist's note, ``take_home.html.j2`` and
``render_client_markdown`` for the client's page), sharing only the page frame, so a section of
one can never appear in the other.

- PDF: the HTML template rendered by weasyprint, on A4 or Letter, pictures as SVG in ``data:`` URLs (so
  they stay vectors and their words stay text), DejaVu Sans embedded. weasyprint may fetch only
  ``data:`` URLs: nothing is ever requested from the network or read from disk.
- HTML: the same template for the screen, the figures interactive, plotly.js inline (about
  5 MB), so the file opens offline and asks no server for anything.
- Markdown: text only, to paste into a record system: headings, a table of measures, lists.

Jinja2 escapes everything typed by a person; only markup made here (the figures) is let through.
"""

from __future__ import annotations

import base64
import re
from typing import Literal

import jinja2
import plotly.io
import weasyprint
from markupsafe import Markup
from weasyprint.urls import URLFetcher

from .images import figure_image
from .inventory import InventorySheet
from .note import FocusLine, SessionNote
from .review import Review

Paper = Literal["a4", "letter"]
PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}

FIGURE_WIDTH = 760
"""Layout width of every exported figure, in CSS pixels, as on a laptop screen: room beside the
circle for the longest labels. The printed size is set by the page."""

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("ipt_network.export", "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
)


def _page(note: SessionNote | Review | InventorySheet, figures: dict[str, Markup | None], paper: Paper) -> str:
    if paper not in PAPERS:
        raise ValueError(f"paper must be 'a4' or 'letter', got {paper!r}")
    if isinstance(note, Review):
        template = "review.html.j2"
    elif isinstance(note, InventorySheet):
        template = "inventory.html.j2"
    else:
        template = "note.html.j2" if note.voice == "therapist" else "take_home.html.j2"
    return _templates.get_template(template).render(note=note, figures=figures, paper=PAPERS[paper])


def pdf_from_html(html: str) -> bytes:
    """PDF bytes of an HTML page; only ``data:`` URLs may be loaded, any other is skipped."""
    fetcher = URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()


def _vector_image(figure: dict, width: int, alt: str) -> Markup:
    """The figure as an SVG image in a ``data:`` URL: vectors and real text in the PDF, and about
    twice as quick for weasyprint as the same SVG inline (and no clash between two SVGs' ids)."""
    svg = figure_image(figure, "svg", width=width)
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    return Markup('<img src="{}" alt="{}">').format(source, alt)


def render_html_page(note: SessionNote, paper: Paper = "a4") -> str:
    """The note as the HTML page that weasyprint prints (figures as SVG images)."""
    figures = {"network": _vector_image(note.network_figure, FIGURE_WIDTH, note.network_summary),
               "mood": _vector_image(note.mood_figure, FIGURE_WIDTH, "Mood over the course")
               if note.mood_figure else None}
    return _page(note, figures, paper)


def render_pdf(note: SessionNote, paper: Paper = "a4") -> bytes:
    """The note as a PDF on A4 or Letter paper."""
    return pdf_from_html(render_html_page(note, paper))


def render_review_html_page(review: Review, paper: Paper = "a4") -> str:
    """The review as the HTML page that weasyprint prints (figures as SVG images)."""
    figures = {"first": _vector_image(review.first_figure, FIGURE_WIDTH, f"Session {review.first}"),
               "last": _vector_image(review.last_figure, FIGURE_WIDTH, f"Session {review.session}"),
               "mood": _vector_image(review.mood_figure, FIGURE_WIDTH, "Mood over the course")
               if review.mood_figure else None}
    return _page(review, figures, paper)


def render_review_html(review: Review, paper: Paper = "a4") -> str:
    """The review as one self-contained HTML file with interactive figures."""
    figures = {"first": _interactive(review.first_figure, "first", with_plotlyjs=True),
               "last": _interactive(review.last_figure, "last", with_plotlyjs=False),
               "mood": _interactive(review.mood_figure, "mood", with_plotlyjs=False) if review.mood_figure else None}
    return _page(review, figures, paper)


def render_review_markdown(review: Review) -> str:
    """The review as Markdown, text only."""
    lines = [f"# {_md(review.client_label)} · End-of-therapy review", "",
             _md(" · ".join(filter(None, (review.date_text, review.contract, review.phase, review.focus_line)))), "",
             _md(review.course_words) + ".", "", "## Safety", "", *[f"- {_md(line)}" for line in review.safety], ""]
    if review.formulation:
        shared = f" · shared at session {review.formulation_shared_at}" if review.formulation_shared_at else ""
        lines += [f"## Formulation{shared}", "", _md(review.formulation), ""]
    lines += [f"## What changed · Since session {review.first}", ""]
    lines += [f"- {_md(line)}" for line in (*review.changes, *review.remembered)] or [
        f"No change in the network since session {review.first}."]
    lines += ["", "## Key measures", "", f"| Measure | Session {review.session} | Since session {review.first} |",
              "|---|---:|---:|", *[f"| {_md(m.words)} | {m.value} | {m.change} |" for m in review.measures],
              "", "## Mood over the course", ""]
    lines += [f"- {_md(line)}" for line in review.mood] or ["No mood score recorded."]
    lines += ["", "## Goals", ""]
    lines += [f"- {_md(goal)}" for goal in review.goals] or ["No goals recorded."]
    lines += ["", "## Relapse plan", ""]
    plan = review.relapse_plan
    if plan is None:
        lines.append("No relapse plan recorded yet.")
    else:
        for title, items, none in (("Warning signs", plan.warning_signs, "None written yet."),
                                   ("What to do", plan.actions, "None written yet."),
                                   ("People to turn to", plan.people, "Nobody chosen yet.")):
            lines += [f"### {title}", "", *([f"- {_md(item)}" for item in items] or [none]), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_inventory_html(sheet: InventorySheet, paper: Paper = "a4") -> str:
    """The inventory sheet as an HTML page (it has no figures): printed by weasyprint, or saved as it is."""
    return _page(sheet, {}, paper)


def render_inventory_markdown(sheet: InventorySheet) -> str:
    """The inventory sheet as Markdown; an unanswered question reads "…"."""
    lines = [f"# {_md(sheet.client_label)} · Interpersonal inventory", "",
             f"As of session {sheet.session} · {sheet.date_text}", ""]
    for entry in sheet.entries:
        as_of = f" · inventory as of session {entry.as_of}" if entry.as_of else ""
        lines += [f"## {_md(entry.title)}", "", f"On the map: {_md(entry.map_words)}{as_of}", ""]
        lines += [f"- {question}: {_md(answer) if answer else '…'}" for question, answer in entry.answers]
        lines.append("")
    if not sheet.entries:
        lines.append("Nobody is on the map yet.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _interactive(figure: dict, div_id: str, with_plotlyjs: bool) -> Markup:
    html = plotly.io.to_html(figure, include_plotlyjs=with_plotlyjs, full_html=False, validate=False,
                             div_id=div_id, default_width="100%", default_height=f"{figure['layout']['height']}px",
                             config={"displaylogo": False, "responsive": True})
    return Markup(html)


def render_html(note: SessionNote, paper: Paper = "a4") -> str:
    """The note as one self-contained HTML file with interactive figures; it prints on ``paper``."""
    figures = {"network": _interactive(note.network_figure, "network", with_plotlyjs=True),
               "mood": _interactive(note.mood_figure, "mood", with_plotlyjs=False) if note.mood_figure else None}
    return _page(note, figures, paper)


def _md(text: str) -> str:
    """Text made inert in Markdown: no emphasis, code, links, HTML or table breaks, one line.

    Only characters that act anywhere in a line, and a heading, quote or list marker at its
    start, are escaped, so pasted text stays readable.

    >>> print(_md("# 1. *Jo* <b>|</b>"))
    \\# 1. \\*Jo\\* \\<b>\\|\\</b>
    """
    escaped = " ".join("".join("\\" + c if c in "\\`*_[]<|~" else c for c in text).split())
    return re.sub(r"^(?=[#>+=-])|^(\d+)(?=[.)])", lambda m: (m.group(1) or "") + "\\", escaped)


def render_markdown(note: SessionNote) -> str:
    """The note as Markdown (CommonMark with a pipe table), text only, in its own kind."""
    return render_therapist_markdown(note) if note.voice == "therapist" else render_client_markdown(note)


def render_therapist_markdown(note: SessionNote) -> str:
    """The therapist's session note as Markdown: safety first, then the session."""
    lines = [f"# {_md(note.client_label)} · Session {note.session}", "",
             _md(" · ".join(filter(None, (_when(note), note.focus_line)))), "",
             "## Safety", "", *[f"- {_md(line)}" for line in note.safety],
             *[f"- {_md(line)}" for line in note.safety_history], ""]
    if note.midpoint:
        lines += [f"**Midpoint.** {_md(note.midpoint)}", ""]
    if note.focus:
        lines += ["## Focus people", ""]
        lines += [f"- **{_md(line.title)}**: {_md(_focus_text(line))}" for line in note.focus]
        lines.append("")
    if note.goals:
        lines += ["## Goals", "", *[f"- {_md(goal)}" for goal in note.goals], ""]
    lines += [_md(note.network_summary), "", "## Mood", ""]
    if note.mood:
        lines += [f"- **{line.instrument} {line.score}** ({line.band}): {_md(line.status)}" for line in note.mood]
    else:
        lines.append("No mood score recorded this session.")
    since = f" | Since session {note.previous}" if note.previous is not None else ""
    lines += ["", "## Key measures", "", f"| Measure | This session{since} |",
              "|---|---:" + ("|---:|" if since else "|")]
    lines += [f"| {_md(line.words)} | {line.value}" + (f" | {line.change} |" if since else " |")
              for line in note.measures]
    lines += ["", "## Isolation", "", *_findings(note.flags, "No isolation flag this session."),
              "", "## Conflict hotspots", "", *_findings(note.hotspots, "No conflict hotspot this session."),
              "", f"## What changed · {note.change_heading}", ""]
    if note.previous is None:
        lines.append("This is the first session; there is nothing earlier to compare.")
    else:
        lines += [f"- {_md(change)}" for change in note.changes] or [
            f"No change in the network since session {note.previous}."]
    if note.first is not None:
        lines += ["", f"## What changed · {note.first_heading}", ""]
        lines += [f"- {_md(line)}" for line in (*note.since_first, *note.remembered)] or [
            f"No change in the network since session {note.first}."]
    if note.events:
        lines += ["", "## Life events", "", *[f"- {_md(event)}" for event in note.events]]
    lines += ["", "## Therapist's note", "", _md(note.notes) if note.notes else "", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_client_markdown(note: SessionNote) -> str:
    """The client's take-home page as Markdown, in the client's words."""
    lines = [f"# {_md(note.client_label)} · Session {note.session}", "", _md(_when(note)), "",
             _md(note.network_summary), ""]
    if note.goals:
        lines += ["## Your goals", "", *[f"- {_md(goal)}" for goal in note.goals], ""]
    lines += ["## Support around you", ""]
    lines += [f"- {_md(name)}" for name in note.support] or [
        "Nobody felt strongly supportive this week. That can change, and it is something to talk about."]
    lines += ["", "## Relationships with strain", ""]
    lines += [f"- {_md(line)}" for line in note.strain] or ["No relationship felt strongly strained this week."]
    lines += ["", f"## {note.change_heading}", ""]
    if note.previous is None:
        lines.append("This is your first session; next time you can see what has changed.")
    else:
        lines += [f"- {_md(change)}" for change in note.changes] or ["Your circle is the same as last time."]
    if note.first is not None:
        lines += ["", f"## {note.first_heading}", ""]
        lines += [f"- {_md(line)}" for line in (*note.since_first, *note.remembered)] or [
            "Your circle is the same as at the start."]
    if note.mood:
        lines += ["", "## How you have been feeling", "", *[f"- {_md(line.status)}" for line in note.mood]]
    return "\n".join(lines).rstrip("\n") + "\n"


def _focus_text(line: FocusLine) -> str:
    return " ".join(filter(None, (line.now + ".", line.since_last, line.since_first, line.inventory)))


def _when(note: SessionNote) -> str:
    """``"2 Mar 2026 · Session 8 of 16 · 8 left · Middle phase"`` (the contract only when one is planned)."""
    return " · ".join(filter(None, (note.date_text, note.contract, note.phase)))


def _findings(findings, none: str) -> list[str]:
    return [f"- **{_md(f.title)}.** {_md(f.reason)}" for f in findings] or [none]
