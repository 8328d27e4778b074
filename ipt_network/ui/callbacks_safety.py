"""Safety on the review page: the item 9 warning as it is answered, the session bar's cue, and the
risk record's form (filled from the store, saved with the session's version like every edit)."""

from __future__ import annotations

import dash
from dash import Input, Output, Patch, State, ctx, no_update
from dash.exceptions import PreventUpdate

from ipt_network.errors import NotFoundError, StaleEditError, ValidationError
from ipt_network.graph import find_session
from ipt_network.model import Instrument, Risk
from ipt_network.overview import CourseAnalysis
from ipt_network.store import Store
from ipt_network.ui import ids
from ipt_network.ui.courses import Courses
from ipt_network.ui.editing import ITEMS, version_key
from ipt_network.ui.forms import keeps_typing, set_aside, take_back
from ipt_network.ui.layout_safety import NOT_RECORDED
from ipt_network.ui.view import names_hidden, session_on_show

PHQ9 = Instrument.PHQ9.value
STALE = "Not saved: this session was changed in another tab or window. The form now shows what is stored."


def item9_warning(answer: int | None) -> str | None:
    """The warning for a PHQ-9 item 9 answer, or ``None`` for 0 or no answer yet."""
    if not answer:
        return None
    return (f"Item 9 answered {answer}: thoughts of being better off dead or of self-harm. Check safety now, "
            "whatever the total, and record your risk assessment below.")


def has_safety_signal(course: CourseAnalysis, number: int) -> bool:
    """Item 9 above 0 or not recorded (total only), or a risk record at medium or high."""
    moods = course.mood(number).values()
    risk = find_session(course.doc, number).risk
    return any(r.needs_safety_check or r.item9_not_recorded for r in moods) or bool(risk and risk.is_raised)


def form_values(risk: Risk | None) -> tuple:
    """The risk form's four values for a stored record (``None`` when there is none)."""
    if risk is None:
        return None, None, None, ""
    plan = NOT_RECORDED if risk.plan_in_place is None else ("yes" if risk.plan_in_place else "no")
    return ("yes" if risk.assessed else "no", risk.level.value if risk.level else NOT_RECORDED, plan, risk.note)


def risk_from_form(assessed: str | None, level: str | None, plan: str | None, note: str | None) -> Risk:
    """A ``Risk`` from the form; ``ValidationError`` saying what is missing or contradictory.
    ``note`` ``None`` is kept as an empty note here; the caller puts the stored one back."""
    if assessed not in ("yes", "no"):
        raise ValidationError("say whether risk was assessed")
    data = {"assessed": assessed == "yes", "note": note or ""}
    if level not in (None, NOT_RECORDED):
        data["level"] = level
    if plan not in (None, NOT_RECORDED):
        data["plan_in_place"] = plan == "yes"
    risk = Risk.model_validate(data)
    if not risk.assessed and (risk.level is not None or risk.plan_in_place is not None):
        raise ValidationError("a level or a plan is given only when risk was assessed")
    return risk


def risk_words(number: int, risk: Risk) -> str:
    level = f", level {risk.level.value}" if risk.level else ""
    plan = "" if risk.plan_in_place is None else (", safety plan in place" if risk.plan_in_place
                                                  else ", no safety plan in place")
    return f"Saved: risk record of session {number} ({'assessed' if risk.assessed else 'not assessed'}{level}{plan})."


def register(app: dash.Dash, store: Store, courses: Courses) -> None:
    @app.callback(
        Output(ids.EDIT_ITEM9_WARNING, "children"),
        Output(ids.EDIT_ITEM9_WARNING, "hidden"),
        Input(ids.mood_item(PHQ9, 9), "value"),
        Input(ids.EDIT_MOOD_INSTRUMENT, "value"),
        Input(ids.EDIT_MOOD_MODE, "value"),
    )
    def warn_on_item9(answer, instrument, mode):
        warning = item9_warning(answer) if instrument == PHQ9 and mode == ITEMS else None
        return warning or "", warning is None

    @app.callback(
        Output(ids.SAFETY_CUE, "hidden"),
        Input(ids.SHOWN, "data"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
    )
    def show_cue(selection, _data_version, client_id):
        if not client_id or not (selection or {}).get("session"):
            return True
        return not has_safety_signal(courses.get(client_id), session_on_show(selection))

    @app.callback(
        Output(ids.EDIT_RISK_ASSESSED, "value"),
        Output(ids.EDIT_RISK_LEVEL, "value"),
        Output(ids.EDIT_RISK_PLAN, "value"),
        Output(ids.EDIT_RISK_NOTE, "value"),
        Output(ids.EDIT_RISK_SHOWN, "data"),
        Output(ids.EDIT_RISK_NOTE, "disabled"),
        Output(ids.EDIT_RISK_DRAFTS, "data"),
        Input(ids.SHOWN, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_RISK_ASSESSED, "value"),
        State(ids.EDIT_RISK_LEVEL, "value"),
        State(ids.EDIT_RISK_PLAN, "value"),
        State(ids.EDIT_RISK_NOTE, "value"),
        State(ids.EDIT_RISK_SHOWN, "data"),
        State(ids.EDIT_RISK_DRAFTS, "data"),
    )
    def fill_risk(selection, _data_version, hide, client_id, *typed_and_shown):
        """The stored risk record of the session on show; after another save, left as it is while the
        therapist is typing in it. Its note may name people, so it stays off screen while names are hidden.
        A record typed and not saved waits as a draft while another session is shown or names are hidden,
        and comes back with its session shown with names."""
        if not client_id:
            raise PreventUpdate
        *typed, shown, drafts = typed_and_shown
        number = session_on_show(selection)
        off = names_hidden(hide)
        values = list(form_values(find_session(courses.get(client_id).doc, number).risk))
        stored = {"of": number, "values": [*values[:3], ""] if off else values}
        typed = {"of": (shown or {}).get("of"), "values": list(typed)}
        if ctx.triggered_id == ids.DATA_VERSION and keeps_typing(stored, typed, shown):
            return *(no_update,) * 4, stored if typed == stored else no_update, off, no_update
        if shown:
            drafts = set_aside(drafts or {}, typed, shown, None if off and ctx.triggered_id == ids.HIDE_NAMES else
                               number)
        draft, rest, _ = take_back(drafts or {}, number, stored)
        shows = stored if off or draft is None else draft
        return *shows["values"], stored, off, drafts if off else rest

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Output(ids.EDIT_VERSIONS, "data", allow_duplicate=True),
        Input(ids.EDIT_RISK_SAVE, "n_clicks"),
        State(ids.EDIT_RISK_ASSESSED, "value"),
        State(ids.EDIT_RISK_LEVEL, "value"),
        State(ids.EDIT_RISK_PLAN, "value"),
        State(ids.EDIT_RISK_NOTE, "value"),
        State(ids.SHOWN, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_VERSIONS, "data"),
        State(ids.EDIT_TAB, "data"),
        State(ids.HIDE_NAMES, "value"),
        prevent_initial_call=True,
    )
    def save_risk(_clicks, assessed, level, plan, note, selection, client_id, versions, tab, hide):
        """Saved like every edit: against the session's version on the page (a second save from this page
        is applied), logged in the change log (so Undo can put it back), answered with the new version."""
        number = session_on_show(selection)
        key = version_key(("session", number))
        try:
            risk = risk_from_form(assessed, level, plan, note)
            if names_hidden(hide):  # the note was off screen: keep the stored one
                kept = find_session(courses.stored(client_id).document, number).risk
                risk = risk.model_copy(update={"note": kept.note if kept else ""})
            version = store.save_risk(client_id, number, risk, expected_version=(versions or {}).get(key), tab=tab)
        except StaleEditError:
            return {"problem": STALE}, no_update
        except (ValidationError, NotFoundError) as exc:
            return {"problem": f"Not saved: {exc}."}, no_update
        patch = Patch()
        patch[key] = version
        return {"text": risk_words(number, risk)}, patch
