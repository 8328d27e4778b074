"""What was typed in the recording panel and not saved yet: the line that says what is kept, and the
flag (``data-unsaved``) that makes assets/unsaved.js ask before the page is left.

Typed text is never thrown away: a form about to show another session keeps what was typed as a
draft for its own session (``callbacks_edit``, ``forms.set_aside``), which this line names until that
session is shown again; leaving the page while anything is unsaved asks first.
"""

from __future__ import annotations

import json

import dash
from dash import Input, Output

from ipt_network.ui import ids
from ipt_network.ui.callbacks_edit import ALL_ITEM_IDS, items_by_instrument, mood_form, session_form

RISK_BOXES = (ids.EDIT_RISK_ASSESSED, ids.EDIT_RISK_LEVEL, ids.EDIT_RISK_PLAN, ids.EDIT_RISK_NOTE)
"""The risk record's controls, in the order its form holds their values (``callbacks_safety.fill_risk``)."""


def kept_words(session_drafts: dict, mood_drafts: dict, risk_drafts: dict) -> str:
    """The line naming every draft kept, or nothing when there is none.

    >>> kept_words({"15": {}}, {'[15, "PHQ-9"]': {}}, {})[:98]
    'Typed and not saved yet, kept for you: the details of session 15; the PHQ-9 answers of session 15.'
    """
    kept = [f"the details of session {json.loads(key)}" for key in session_drafts]
    kept += ["the {1} answers of session {0}".format(*json.loads(key)) for key in mood_drafts]
    kept += [f"the risk record of session {json.loads(key)}" for key in risk_drafts]
    if not kept:
        return ""
    return (f"Typed and not saved yet, kept for you: {'; '.join(kept)}. It comes back when that session is shown "
            "(with names), to be saved.")


def typed_since(shown: dict | None, typed: dict) -> bool:
    """Whether a form holds something typed since it was last filled or saved (``shown``)."""
    return shown is not None and typed != shown


def register(app: dash.Dash) -> None:
    @app.callback(
        Output(ids.EDIT_UNSAVED, "children"),
        Output(ids.EDIT_UNSAVED, "data-unsaved"),
        Input(ids.EDIT_SESSION_DRAFTS, "data"),
        Input(ids.EDIT_MOOD_DRAFTS, "data"),
        Input(ids.EDIT_RISK_DRAFTS, "data"),
        Input(ids.EDIT_SESSION_SHOWN, "data"),
        Input(ids.EDIT_SESSION_DATE, "value"),
        Input(ids.EDIT_SESSION_PHASE, "value"),
        Input(ids.EDIT_SESSION_ATTENDANCE, "value"),
        Input(ids.EDIT_SESSION_NOTES, "value"),
        Input(ids.EDIT_SESSION_EVENTS, "value"),
        Input(ids.EDIT_MOOD_SHOWN, "data"),
        Input(ids.EDIT_MOOD_MODE, "value"),
        Input(ids.EDIT_MOOD_TOTAL, "value"),
        *(Input(item_id, "value") for item_id in ALL_ITEM_IDS),
        Input(ids.EDIT_PERSON_SHOWN, "data"),
        Input(ids.EDIT_PERSON_NAME, "value"),
        Input(ids.EDIT_PERSON_ROLE, "value"),
        Input(ids.EDIT_PERSON_NOTES, "value"),
        Input(ids.EDIT_PERSON_DIED_ON, "value"),
        Input(ids.EDIT_RISK_SHOWN, "data"),
        *(Input(box, "value") for box in RISK_BOXES),
        prevent_initial_call=True,
    )
    def say_what_is_unsaved(session_drafts, mood_drafts, risk_drafts, session_shown, date, phase, attendance, notes,
                            events, mood_shown, mode, total, *rest):
        """The drafts kept, in words; and whether anything (a draft, or a form typed in) is unsaved."""
        answers = rest[:len(ALL_ITEM_IDS)]
        person_shown, name, role, person_notes, died, risk_shown, *risk = rest[len(ALL_ITEM_IDS):]
        session_drafts, mood_drafts, risk_drafts = session_drafts or {}, mood_drafts or {}, risk_drafts or {}
        unsaved = bool(session_drafts or mood_drafts or risk_drafts)
        if session_shown:
            unsaved |= typed_since(session_shown, session_form(session_shown["of"], date, phase, attendance, notes,
                                                               events))
        if mood_shown:
            number, instrument = mood_shown["of"]
            items = items_by_instrument(answers).get(instrument, [])
            unsaved |= typed_since(mood_shown, mood_form(number, instrument, mode, items, total))
        if person_shown:
            unsaved |= typed_since(person_shown, {"of": person_shown["of"], "name": name or "", "role": role,
                                                  "notes": person_notes or "", "died": died or ""})
        if risk_shown:
            unsaved |= typed_since(risk_shown, {"of": risk_shown["of"], "values": risk})
        return kept_words(session_drafts, mood_drafts, risk_drafts), str(unsaved).lower()
