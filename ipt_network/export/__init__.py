"""Exports of a client's record: pictures, session notes and data, each as bytes plus a safe file name.

Every function returns a ``Download`` so that the dashboard can hand it to the browser in one
line (``dcc.send_bytes(d.content, d.filename)``) and the command line can write it to a file::

    picture(doc, "png", number=8)                  # ana-session-08-network.png
    note_file(doc, "pdf", number=8, hide_names=True)  # client-session-08-note.pdf
    review_file(doc, "pdf")                        # rosa-session-16-review.pdf
    data_file(doc, "csv")                          # ana-course.zip

Every function takes ``hide_names``: the export is then made from a copy of the record with no
person's name, client label, id or free text in it (see ``hidden``), and its file name carries
no label either. ``number`` is a session number; ``None`` means the latest session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ipt_network.errors import NotFoundError
from ipt_network.figures.style import day
from ipt_network.formats import csv_bundle, graphml, json_v1
from ipt_network.graph import find_session
from ipt_network.model import Document
from ipt_network.overview import CourseAnalysis

from .filenames import download_name
from .images import IMAGE_FORMATS, ImageFormat, PicturesUnavailableError, figure_image, warm_up
from .inventory import InventorySheet, inventory_sheet
from .note import SessionNote, latest_session, mood_view, network_view, prepared, session_note
from .report import (
    FIGURE_WIDTH,
    Paper,
    pdf_from_html,
    render_html,
    render_inventory_html,
    render_inventory_markdown,
    render_markdown,
    render_pdf,
    render_review_html,
    render_review_html_page,
    render_review_markdown,
)
from .review import Review, review

NoteFormat = Literal["pdf", "md", "html"]
DataFormat = Literal["json", "csv", "graphml"]
Picture = Literal["network", "mood"]

MEDIA_TYPES = {
    "png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8", "json": "application/json", "zip": "application/zip",
    "graphml": "application/graphml+xml",
}


@dataclass(frozen=True)
class Download:
    """An export ready to hand over: its bytes, a suggested file name and its media type."""

    content: bytes
    filename: str
    media_type: str


def _download(content: bytes, doc: Document, what: str, extension: str, *, session: int | None,
              hide_names: bool) -> Download:
    name = download_name(doc.client.label, what, extension, session=session, hide_names=hide_names)
    return Download(content, name, MEDIA_TYPES[extension])


def picture(doc: Document, fmt: ImageFormat = "png", *, number: int | None = None, what: Picture = "network",
            hide_names: bool = False) -> Download:
    """The closeness circle of a session, or mood over the course up to it, as PNG, SVG or PDF.

    Raises ``NotFoundError`` for an unknown session or when there is no mood chart to draw (fewer
    than two sessions with a mood score), ``PicturesUnavailableError`` when Chromium is missing.
    """
    source = prepared(doc, hide_names)
    number = latest_session(source) if number is None else number
    session = find_session(source, number)
    title = f"{source.client.label} · Session {number} · {day(session.date)}"
    course = CourseAnalysis(source)
    if what == "network":
        figure = network_view(course, number, title=title)
    elif what == "mood":
        figure = mood_view(course, number, title=f"Mood · {title}")
        if figure is None:
            raise NotFoundError(f"client '{doc.client.id}' has mood scores in fewer than two sessions up to "
                                f"session {number}, so there is no mood chart to draw")
    else:
        raise ValueError(f"picture must be 'network' or 'mood', got {what!r}")
    content = figure_image(figure, fmt, width=FIGURE_WIDTH)
    return _download(content, doc, what, fmt, session=number, hide_names=hide_names)


def _written(what: str, fmt: NoteFormat, *, pdf: Callable[[], bytes], md: Callable[[], str],
             html: Callable[[], str]) -> bytes:
    """The bytes of a written document (note, review, inventory) in ``fmt``; only that one is rendered."""
    if fmt == "pdf":
        return pdf()
    if fmt in ("md", "html"):
        return (md if fmt == "md" else html)().encode("utf-8")
    raise ValueError(f"{what} format must be 'pdf', 'md' or 'html', got {fmt!r}")


def note_file(doc: Document, fmt: NoteFormat = "pdf", *, number: int | None = None, hide_names: bool = False,
              voice: str = "therapist", paper: Paper = "a4", since: int | None = None,
              show_scores: bool = False) -> Download:
    """The therapist's session note (``voice="therapist"``) or the client's take-home page
    (``voice="client"``, scores only with ``show_scores``) as PDF, Markdown or a self-contained HTML file."""
    note = session_note(doc, number, hide_names=hide_names, voice=voice, since=since, show_scores=show_scores)
    content = _written("note", fmt, pdf=lambda: render_pdf(note, paper), md=lambda: render_markdown(note),
                       html=lambda: render_html(note, paper))
    what = "note" if voice == "therapist" else "take-home"
    return _download(content, doc, what, fmt, session=note.session, hide_names=hide_names)


def review_file(doc: Document, fmt: NoteFormat = "pdf", *, number: int | None = None, hide_names: bool = False,
                paper: Paper = "a4") -> Download:
    """The end-of-therapy review at session ``number`` (default: the last held) as PDF, Markdown or HTML."""
    made = review(doc, number, hide_names=hide_names)
    content = _written("review", fmt, pdf=lambda: pdf_from_html(render_review_html_page(made, paper)),
                       md=lambda: render_review_markdown(made), html=lambda: render_review_html(made, paper))
    return _download(content, doc, "review", fmt, session=made.session, hide_names=hide_names)


def inventory_file(doc: Document, fmt: NoteFormat = "pdf", *, number: int | None = None, hide_names: bool = False,
                   paper: Paper = "a4") -> Download:
    """The printable interpersonal inventory as of session ``number`` (default: the last held)."""
    sheet = inventory_sheet(doc, number, hide_names=hide_names)
    content = _written("inventory", fmt, pdf=lambda: pdf_from_html(render_inventory_html(sheet, paper)),
                       md=lambda: render_inventory_markdown(sheet), html=lambda: render_inventory_html(sheet, paper))
    return _download(content, doc, "inventory", fmt, session=sheet.session, hide_names=hide_names)


def data_file(doc: Document, fmt: DataFormat = "json", *, number: int | None = None,
              hide_names: bool = False) -> Download:
    """The whole course as JSON v1 or a CSV bundle (.zip), or one session (``number``) as GraphML."""
    source = prepared(doc, hide_names)
    if fmt == "json":
        return _download(json_v1.dumps(source).encode("utf-8"), doc, "course", "json", session=None,
                         hide_names=hide_names)
    if fmt == "csv":
        return _download(csv_bundle.zip_bytes(csv_bundle.to_files(source)), doc, "course", "zip", session=None,
                         hide_names=hide_names)
    if fmt == "graphml":
        number = latest_session(source) if number is None else number
        return _download(graphml.dumps(source, number), doc, "network", "graphml", session=number,
                         hide_names=hide_names)
    raise ValueError(f"data format must be 'json', 'csv' or 'graphml', got {fmt!r}")


__all__ = [
    "IMAGE_FORMATS", "Download", "InventorySheet", "PicturesUnavailableError", "Review", "SessionNote", "data_file",
    "inventory_file", "inventory_sheet", "note_file", "picture", "prepared", "render_html", "render_markdown",
    "render_pdf", "review", "review_file", "session_note", "warm_up",
]
