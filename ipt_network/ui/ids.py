"""Every component id of the dashboard, in one place.

Layouts and callbacks import these names instead of repeating strings, so a typo is an
ImportError rather than a callback that silently never fires. Browser tests select elements
with ``#`` + the same value. Ids are grouped by the page (or shell) whose layout owns them.
"""

# --- the shell: present on every page ------------------------------------------------------
URL = "url"
PAGE = "page"
FAILURE = "failure"
"""The alert shown when a callback fails unexpectedly (``view.show_failure``)."""
VIEW_PREFS = "view-prefs"
"""Memory-only store: ``{"voice": "therapist"|"client", "hide_names": bool}``, carried from page to page.

Written from the review page's switches; the router hands it to a new page as its starting values.
Callbacks of a page listen to that page's switches (``VOICE``, ``HIDE_NAMES``), never to this store:
Dash refuses a callback whose inputs are partly on the shell and partly on a page not yet shown."""

# --- client list page (/) ------------------------------------------------------------------
CLIENT_SEARCH = "client-search"
CLIENT_TABLE = "client-table"
CLIENT_ROWS = "client-rows"
CLIENT_COUNT = "client-count"
CLIENTS_CHANGED = "clients-changed"
"""Memory store bumped after a create or import, so the list reloads."""

NEW_LABEL = "new-client-label"
NEW_ID = "new-client-id"
NEW_AREAS = "new-client-areas"
NEW_START = "new-client-start"
NEW_CREATE = "new-client-create"
NEW_MESSAGE = "new-client-message"

UPLOAD = "import-upload"
UPLOAD_MESSAGE = "import-message"
UPLOAD_ACCEPTED = "import-accepted"
"""Memory store: an uploaded file's contents once the page has checked its size (assets/upload.js)."""
UPLOAD_LIMIT = "import-limit"
UPLOAD_CONFIRM = "import-confirm"
UPLOAD_CONFIRM_TEXT = "import-confirm-text"
UPLOAD_REPLACE = "import-replace"
UPLOAD_KEEP = "import-keep"

# --- review page (/client/<id>) ------------------------------------------------------------
REVIEW_URL = "review-url"
"""The review page's own view of the address: its ``search`` holds ``?session=N&compare=M``."""
REVIEW_CLIENT = "review-client"
"""Store holding the client id taken from the path."""
REVIEW_BODY = "review-body"
REVIEW_NOT_FOUND = "review-not-found"
REVIEW_LABEL = "review-label"
REVIEW_AREAS = "review-areas"

SESSION_SLIDER = "session-slider"
SESSION_CAPTION = "session-caption"
SELECTION = "selection"
"""Store: ``{"session": N, "compare": M or None}``, always sessions that exist; the network reads it."""
SHOWN = "shown"
"""Store: the ``SELECTION`` the network has drawn; the other panels follow it, so the picture comes first."""

VOICE = "voice"
HIDE_NAMES = "hide-names"

NETWORK_GRAPH = "network-graph"
NETWORK_SUMMARY = "network-summary"

MOOD_PANEL = "mood-panel"
HOTSPOTS_PANEL = "hotspots-panel"
COMPARE_PANEL = "compare-panel"
EDIT_TOGGLE = "edit-toggle"
EDIT_PANEL = "edit-panel"

# --- the network's options, hotspots and mood (review page) ----------------------------------
NETWORK_ARRANGEMENT = "network-arrangement"
"""Closeness circle or force-directed clusters (``layout_review.CIRCLE`` / ``FORCE``)."""
NETWORK_LINKS = "network-links"
SHOW_NUMBERS = "show-numbers"
"""Scores and measures in the client's view: hidden unless this switch is on (the therapist's view
always has them)."""
SHOW_NUMBERS_PART = "show-numbers-part"

HOTSPOTS_TITLE = "hotspots-title"
HIGHLIGHT = "highlight"
"""Memory store: the id of the person highlighted in the network, or ``None``."""
HIGHLIGHT_CLEAR = "highlight-clear"
LIT_EVENT = "lit-event"
"""Memory store: the session whose life events were chosen on the mood chart (see
``figures.mood.event_key``): their people glow on the network of that session; or ``None``."""
HOTSPOT_PICK = "hotspot-pick"
"""Type of the pattern-matching ids ``{"type": HOTSPOT_PICK, "person": ...}`` of the hotspot buttons."""

MOOD_GRAPH = "mood-graph"
MOOD_SUMMARY = "mood-summary"
MOOD_SERIES = "mood-series"
"""Checklist of the network series drawn under mood and compared with it."""
MOOD_INSTRUMENT = "mood-instrument"
"""The instrument the linkage sentences compare the network with."""

# --- time: playing through the sessions, the timeline strip (review page) ----------------------
PLAY = "play"
"""One button that starts and pauses playing through the sessions (its label says which)."""
PLAY_TIMER = "play-timer"
"""Interval that steps to the next session while playing; disabled when stopped."""
TIMELINE_GRAPH = "timeline-graph"
TIMELINE_SUMMARY = "timeline-summary"

# --- comparison of two sessions (review page) -------------------------------------------------
COMPARE_WITH = "compare-with"
"""Dropdown of the other sessions; its value is ``compare`` of ``ids.SELECTION`` (``&compare=M``)."""
COMPARE_BEFORE = "compare-before"
COMPARE_AFTER = "compare-after"
"""The two networks side by side, the earlier session first."""

# --- export for session notes (review page) ----------------------------------------------------
EXPORT_PANEL = "export-panel"
EXPORT_BUTTON = "export-button"
"""Type of the pattern-matching ids ``{"type": EXPORT_BUTTON, "export": "note-pdf"}`` of the export buttons."""
EXPORT_PAPER = "export-paper"
EXPORT_MESSAGE = "export-message"
EXPORT_DOWNLOAD = "export-download"

# --- editing in the session (mounted in the review page's EDIT_PANEL) -------------------------
DATA_VERSION = "data-version"
"""Memory store: a counter bumped after every save or refused save; panels that show client data
listen to it and reload, so the picture and the words follow each edit."""
EDIT_VERSIONS = "edit-versions"
"""Memory store: the version of every record on show, as the edit panel loaded it (never browser storage)."""
EDIT_OUTCOME = "edit-outcome"
"""Memory store: what the last edit did (message, tone, and the change that Undo would reverse)."""
EDIT_UNDO_CHANGE = "edit-undo-change"
"""Memory store: the number of the change (in the store's change log) that Undo offers; the server
decides which one that is and what undoing it means."""
EDIT_TAB = "edit-tab"
"""Memory store: a random name for this page, sent with every save so that its own quick second
save is not mistaken for another tab's."""
EDIT_CHANGES = "edit-changes"
EDIT_SESSION_SHOWN = "edit-session-shown"
EDIT_PERSON_SHOWN = "edit-person-shown"
EDIT_MOOD_SHOWN = "edit-mood-shown"
"""Memory stores: what each form last showed as stored (filled or saved), so a form is refilled only
when the person has not typed in it since."""
EDIT_SESSION_DRAFTS = "edit-session-drafts"
EDIT_MOOD_DRAFTS = "edit-mood-drafts"
"""Memory stores: what was typed in the session's details or a questionnaire and not saved, kept per
session (and questionnaire) while another is shown; it comes back when its session is shown again."""
EDIT_UNSAVED = "edit-unsaved"
"""The line that says what typed text is kept unsaved; its ``data-unsaved`` tells assets/unsaved.js
to ask before the page is left."""
EDIT_FOLLOW = "edit-follow"
"""Memory store: a session just started or brought back, to be selected once the session slider knows it."""
EDIT_MESSAGE = "edit-message"
EDIT_UNDO = "edit-undo"
EDIT_CAPTION = "edit-caption"
EDIT_SESSION_PARTS = "edit-session-parts"

EDIT_GRID = "edit-grid"
EDIT_GRID_DRAWN = "edit-grid-drawn"
"""Memory store: the grid's session and rows as the server last drew them. A save also sends every
cell that differs from it, so a change whose own request failed is saved with the next, and a redraw
touches only the cells whose stored value moved, never a cell being typed in."""
EDIT_GRID_CELLS = "edit-grid-cells"
"""Memory store: the cells a redraw sets, ``{person id: {column: value}}``, applied in the page to the
grid's rows as they are then (assets/grid.js), so nothing typed since is overwritten."""

EDIT_LINK_A = "edit-link-a"
EDIT_LINK_B = "edit-link-b"
EDIT_LINK_SUPPORT = "edit-link-support"
EDIT_LINK_CONFLICT = "edit-link-conflict"
EDIT_LINK_SAVE = "edit-link-save"
EDIT_LINK_LIST = "edit-link-list"
EDIT_LINK_REMOVE = "edit-link-remove"
"""Type of the pattern-matching ids ``{"type": EDIT_LINK_REMOVE, "a": ..., "b": ...}`` of the Remove buttons."""

EDIT_MOOD_SAVED = "edit-mood-saved"
EDIT_MOOD_INSTRUMENT = "edit-mood-instrument"
EDIT_MOOD_MODE = "edit-mood-mode"
EDIT_MOOD_MODE_PART = "edit-mood-mode-part"
EDIT_MOOD_ITEMS = "edit-mood-items"
EDIT_MOOD_TOTAL_PART = "edit-mood-total-part"
EDIT_MOOD_TOTAL = "edit-mood-total"
EDIT_MOOD_LIVE = "edit-mood-live"
EDIT_MOOD_SAVE = "edit-mood-save"


def mood_item(instrument: str, number: int) -> str:
    """The answer control of item ``number`` (from 1) of ``instrument``: ``edit-mood-phq-9-item-3``."""
    return f"edit-mood-{instrument.lower()}-item-{number}"


def mood_item_group(instrument: str) -> str:
    """The box holding every item of ``instrument``, shown when that instrument is chosen."""
    return f"edit-mood-{instrument.lower()}-items"


EDIT_PEOPLE_SAVED = "edit-people-saved"
EDIT_PERSON_CHOICE = "edit-person-choice"
EDIT_PERSON_NAME = "edit-person-name"
EDIT_PERSON_NAME_HINT = "edit-person-name-hint"
EDIT_PERSON_ROLE = "edit-person-role"
EDIT_PERSON_NOTES = "edit-person-notes"
EDIT_PERSON_SAVE = "edit-person-save"
EDIT_PERSON_DIED_PART = "edit-person-died-part"
EDIT_PERSON_DIED_ON = "edit-person-died-on"
EDIT_PERSON_DIED_SAVE = "edit-person-died-save"

EDIT_SESSION_SAVED = "edit-session-saved"
EDIT_SESSION_FIELDS = "edit-session-fields"
EDIT_SESSION_HINT = "edit-session-hint"
EDIT_SESSION_DATE = "edit-session-date"
EDIT_SESSION_PHASE = "edit-session-phase"
EDIT_SESSION_NOTES = "edit-session-notes"
EDIT_SESSION_EVENTS = "edit-session-events"
EDIT_SESSION_ATTENDANCE = "edit-session-attendance"
"""Whether the session took place, was cancelled, or the client did not attend."""
EDIT_SESSION_SAVE = "edit-session-save"
EDIT_EVENT_CHOICE = "edit-event-choice"
"""The life event of the session whose people and mood are edited (its place in the session)."""
EDIT_EVENT_PEOPLE = "edit-event-people"
EDIT_EVENT_MOOD = "edit-event-mood"
EDIT_EVENT_SAVE = "edit-event-save"
EDIT_SESSION_NEXT = "edit-session-next"
EDIT_DELETE_PART = "edit-delete-part"
"""Deleting the session on show: the therapist's words only."""
EDIT_DELETE_ASK = "edit-delete-ask"
EDIT_DELETE_CONFIRM = "edit-delete-confirm"
"""The confirmation in the page: the question, Delete and Keep; nothing is deleted without it."""
EDIT_DELETE_QUESTION = "edit-delete-question"
EDIT_DELETE_YES = "edit-delete-yes"
EDIT_DELETE_KEEP = "edit-delete-keep"

# --- the case card: focus, formulation, goals and the plan (review page) -------------------------

CASE_VIEW = "case-view"
"""The case frame in words, in the voice on show."""
CASE_MESSAGE = "case-message"
"""What the last save from the case card did, or why it was refused."""
CASE_UNDO = "case-undo"
CASE_SAVED = "case-saved"
"""Store: the case frame's fields as stored, and the goals' status at the session on show."""
CASE_SHOWN = "case-shown"
"""What the case form was last filled with, so a refill never throws away what is being typed."""
CASE_GOAL_SHOWN = "case-goal-shown"
CASE_FORM = "case-form"
"""The editing part of the card (not shown in the client's words)."""
CASE_HINT = "case-hint"
CASE_PLANNED = "case-planned"
CASE_AREAS = "case-areas"
CASE_AGREED_AT = "case-agreed-at"
CASE_FORMULATION = "case-formulation"
CASE_SHARED_AT = "case-shared-at"
CASE_SAVE = "case-save"
CASE_GOAL = "case-goal"
CASE_GOAL_AREA = "case-goal-area"
CASE_GOAL_TEXT = "case-goal-text"
CASE_GOAL_STATUS = "case-goal-status"
CASE_GOAL_SAVE = "case-goal-save"
CASE_ONSET = "case-onset"
CASE_HISTORY = "case-history"
"""The event before therapy chosen in the form (its place in the record), or the choice to add one."""
CASE_HISTORY_DATE = "case-history-date"
CASE_HISTORY_TEXT = "case-history-text"
CASE_HISTORY_PEOPLE = "case-history-people"
CASE_HISTORY_SAVE = "case-history-save"
CASE_HISTORY_REMOVE = "case-history-remove"
CASE_HISTORY_SHOWN = "case-history-shown"
CASE_BEFORE_AFTER_SAVED = "case-before-after-saved"
"""Store: the history before therapy and the relapse plan as stored (they do not change with the session)."""
CASE_RELAPSE_SIGNS = "case-relapse-signs"
CASE_RELAPSE_ACTIONS = "case-relapse-actions"
CASE_RELAPSE_PEOPLE = "case-relapse-people"
CASE_RELAPSE_SAVE = "case-relapse-save"
CASE_RELAPSE_SHOWN = "case-relapse-shown"

# --- the inventory of one person: the relationship in words and its form (review page) -----------

INVENTORY_PERSON = "inventory-person"
"""The person whose inventory is on show; clicking a person on the circle chooses them too."""
INVENTORY_VIEW = "inventory-view"
"""That person's inventory as of the session on show, in words, in the voice on show."""
INVENTORY_MESSAGE = "inventory-message"
INVENTORY_UNDO = "inventory-undo"
INVENTORY_SAVED = "inventory-saved"
"""Store: the chosen person's inventory as stored, with the session on show."""
INVENTORY_SHOWN = "inventory-shown"
"""What the inventory form was last filled with, so a refill never throws away what is being typed."""
INVENTORY_FORM = "inventory-form"
"""The editing part of the card (not shown in the client's words)."""
INVENTORY_HINT = "inventory-hint"
INVENTORY_GOOD = "inventory-good"
INVENTORY_HARD = "inventory-hard"
INVENTORY_EXPECTATIONS = "inventory-expectations"
INVENTORY_WANTS_CHANGED = "inventory-wants-changed"
INVENTORY_FLOW = "inventory-flow"
INVENTORY_CONFIDES = "inventory-confides"
INVENTORY_KNOWS = "inventory-knows"
INVENTORY_AS_OF = "inventory-as-of"
INVENTORY_SAVE = "inventory-save"

# --- safety: PHQ-9 item 9 and the risk record (the therapist's; see docs/metrics.md) ------------

SAFETY_CUE = "safety-cue"
"""The small neutral symbol in the session bar at a session with a safety signal (never worded on screen)."""
EDIT_ITEM9_WARNING = "edit-item9-warning"
"""Shown the moment PHQ-9 item 9 is answered above 0 in the entry form."""
EDIT_RISK_ASSESSED = "edit-risk-assessed"
EDIT_RISK_LEVEL = "edit-risk-level"
EDIT_RISK_PLAN = "edit-risk-plan"
EDIT_RISK_NOTE = "edit-risk-note"
EDIT_RISK_SAVE = "edit-risk-save"
EDIT_RISK_SHOWN = "edit-risk-shown"
EDIT_RISK_DRAFTS = "edit-risk-drafts"
"""Memory store: a risk record typed and not saved, kept per session while another is shown."""
"""What the risk form was last filled with, so a refill never throws away what is being typed."""
EXPORT_AUDIENCE = "export-audience"
"""Who the exported note is for: the therapist's session note or the client's take-home page."""
