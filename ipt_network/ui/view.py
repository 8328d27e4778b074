"""What every panel shares: the view on show, the names in it, the session it follows, and how a
refusal or an unexpected failure is told.

The review page's switches decide what every panel may show: the voice (therapist or client),
"Hide names", and in the client's words "Show scores". Each panel reads them through these
helpers, so the rule for a name or a score is written once. A panel follows the session on show
(``ids.SHOWN``, or ``ids.SELECTION`` for the network) and starts with ``session_on_show``.

Refusals (bad input) are expected and told by the panel that was asked. Anything else raised in a
callback (a bug, a database that stopped answering) reaches ``show_failure``, Dash's ``on_error``
for the whole app: it is logged with its traceback and the page shows a calm alert instead of a
panel left silently stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import dash
from dash import html
from dash.exceptions import PreventUpdate

from ipt_network.errors import IPTNetworkError, NotFoundError, StorageError, ValidationError
from ipt_network.figures.names import display_namer
from ipt_network.figures.network import client_summary, network_summary
from ipt_network.hotspots import Findings
from ipt_network.model import Document
from ipt_network.overview import CourseAnalysis
from ipt_network.store import Course
from ipt_network.ui import ids
from ipt_network.ui.courses import Courses
from ipt_network.ui.derived import derived
from ipt_network.ui.labels import CLIENT, THERAPIST, voice_or_default
from ipt_network.ui.urls import Selection

log = logging.getLogger(__name__)

HIDE = "hide"
"""The value of the "Hide names" switch when it is on."""
NUMBERS = "numbers"
"""The value of the "Show scores" switch (client's view) when it is on."""


# --- the view on show ---------------------------------------------------------------------------

def names_hidden(switch_value: list | None) -> bool:
    """Whether the "Hide names" switch, with this value, is on."""
    return HIDE in (switch_value or [])


def scores_shown(voice: str, switch_value: list | None) -> bool:
    """Whether ratings and scores are on show: always in the therapist's words, in the client's
    only when the "Show scores" switch (with this value) is on."""
    return voice == THERAPIST or NUMBERS in (switch_value or [])


def view_prefs(voice: str | None, hide: list[str] | None) -> dict:
    """The switches' values as the preferences of ``ids.VIEW_PREFS``."""
    return {"voice": voice_or_default(voice), "hide_names": names_hidden(hide)}


def namer(doc: Document, prefs: dict) -> Callable[[str], str]:
    """How people are shown: names, or roles when hidden; the client is "You" in the client's words."""
    hide = prefs["hide_names"]
    client_label = "You" if prefs["voice"] == CLIENT else "Client" if hide else doc.client.label
    return display_namer(doc, "roles" if hide else "names", client_label=client_label)


def session_findings(course: CourseAnalysis, number: int, voice: str, hide_names: bool) -> Findings:
    """The session's flags and hotspots in the words of this view (see ``derived``)."""
    return course.findings(number, namer(course.doc, {"voice": voice, "hide_names": hide_names}))


def findings_in_view(course: CourseAnalysis, number: int, prefs: dict) -> Findings:
    """``session_findings``, made once per course, session and view."""
    return derived(course, session_findings, number, prefs["voice"], prefs["hide_names"])


def picture_in_words(course: CourseAnalysis, number: int, voice: str, display_name: Callable[[str], str],
                     hotspots: dict | list) -> str:
    """The network of a session in one or two sentences: with the people needing attention in the
    therapist's words, without naming anyone as a problem in the client's (who sees the screen)."""
    if voice == THERAPIST:
        return network_summary(course.doc, number, display_name=display_name, hotspots=hotspots,
                               thresholds=course.thresholds)
    return client_summary(course.doc, number, display_name=display_name)


# --- the session a panel follows ----------------------------------------------------------------

def selection_of(data: dict | None) -> Selection:
    """The selection held by ``ids.SELECTION`` or ``ids.SHOWN``; no update while there is none yet.

    >>> selection_of({"session": 4, "compare": None})
    Selection(session=4, compare=None)
    """
    if not data:
        raise PreventUpdate
    return Selection(**data)


def stored_course(courses: Courses, client_id: str) -> Course:
    """The client's record as stored now; no update while the client is gone (removed underneath the
    page: the panel keeps what it shows)."""
    try:
        return courses.stored(client_id)
    except NotFoundError:
        raise PreventUpdate from None


def session_on_show(data: dict | None) -> int:
    """The number of the session on show; no update while there is none (nothing loaded, or a
    client with no sessions yet).

    >>> session_on_show({"session": 4, "compare": 2})
    4
    """
    number = Selection(**(data or {})).session
    if number is None:
        raise PreventUpdate
    return number


# --- refusals and failures ----------------------------------------------------------------------

def refusal(error: IPTNetworkError, intro: str) -> html.Div:
    """Every problem of a refusal, one per line as the CLI prints them, under ``intro`` (which says
    what was not done)."""
    lines = error.message.splitlines() if isinstance(error, ValidationError) else [str(error)]
    return html.Div(className="alert alert-warning mb-0", role="alert", children=[
        html.P(intro, className="mb-1"),
        html.Ul([html.Li(line) for line in lines], className="problems mb-0"),
    ])


NOTHING_CHANGED = ("Something went wrong; nothing was changed. This part of the page may be out of date: "
                   "reload the page to try again.")
MAYBE_SAVED = ("Something went wrong while saving, so this change may not have been kept. "
               "Reload the page to see what is stored.")
WRITERS = frozenset({ids.EDIT_OUTCOME, ids.CLIENTS_CHANGED})
"""Outputs of the callbacks that write to the database: every write in the dashboard reports its
outcome through one of them."""


def failure_message(error: Exception, outputs: set[str]) -> str:
    """What the alert says: nothing was changed when the failing callback only reads, or when the
    database refused (its transaction was rolled back); otherwise the change may have been kept.

    >>> failure_message(KeyError("x"), {"network-graph"}) == NOTHING_CHANGED
    True
    >>> failure_message(KeyError("x"), {ids.EDIT_OUTCOME}) == MAYBE_SAVED
    True
    """
    writes = bool(outputs & WRITERS)
    return NOTHING_CHANGED if isinstance(error, StorageError) or not writes else MAYBE_SAVED


def _output_ids(outputs: list | dict) -> set[str]:
    """The plain ids among a callback's outputs (pattern-matching ones by their ``type``)."""
    if isinstance(outputs, list):
        return set().union(*(_output_ids(output) for output in outputs))
    key = outputs["id"]
    return {key["type"] if isinstance(key, dict) else key}


def failure_alert() -> html.Div:
    """The alert ``show_failure`` fills, hidden until then; it lives in the shell, on every page."""
    return html.Div(id=ids.FAILURE, hidden=True, role="alert", className="alert alert-warning failure-alert")


def show_failure(error: Exception) -> None:
    """Dash's ``on_error`` for every callback: log the exception with its traceback, show the
    alert, and leave every output of the failing callback as it was."""
    outputs = _output_ids(dash.callback_context.outputs_list)
    log.error("A callback writing %s failed", ", ".join(sorted(outputs)), exc_info=error)
    dash.set_props(ids.FAILURE, {"children": failure_message(error, outputs), "hidden": False})
