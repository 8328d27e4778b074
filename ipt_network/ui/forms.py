"""From form fields to model records, through ``parse_document``, the single door for untrusted data;
and what a form keeps of what was typed in it.

A form is validated by the same rules and in the same words as an imported file, so the new-client
form says "client: label must have at least 1 character" exactly as the CLI would. A form is never
refilled over what the person typed (``keeps_typing``); when it must show another session, what was
typed is set aside as a draft for the session it was typed for (``set_aside``), and comes back when
that session is shown again (``take_back``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from dash import no_update

from ipt_network.model import FORMAT_NAME, FORMAT_VERSION, Client, parse_document

ID_PREFIX = "c-"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def suggest_client_id(label: str | None) -> str:
    """An id made from the label: ``"Ana M."`` → ``"c-ana-m"``; accents are dropped.

    >>> suggest_client_id("Zoë  O'Neil"), suggest_client_id("")
    ('c-zoe-o-neil', '')
    """
    ascii_text = unicodedata.normalize("NFKD", label or "").encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:40].rstrip("-")
    return f"{ID_PREFIX}{slug}" if slug else ""


def client_from_form(label: str | None, client_id: str | None, problem_areas: list[str] | None,
                     start_date: str | None) -> Client:
    """The client the form describes; an empty id field takes the suggested id.

    Raises ``ValidationError`` listing every problem, each naming the field.
    """
    label = (label or "").strip()
    fields = {
        "id": (client_id or "").strip() or suggest_client_id(label),
        "label": label,
        "problem_areas": list(problem_areas or []),
        "start_date": start_date or "",
    }
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "client": fields}
    return parse_document(document).client


def keeps_typing(stored: dict, typed: dict, shown: dict | None) -> bool:
    """Whether a form keeps what is in it: it already shows what is stored, or the person typed in it
    since it was last filled or saved (``shown``), which a refill would throw away."""
    return typed == stored or (shown is not None and typed != shown and shown.get("of") == stored.get("of"))


def refill(fields: Sequence[str], stored: dict, typed: dict, shown: dict | None, *, saved: bool) -> tuple:
    """What a form shows: the values of ``fields`` in ``stored``, then ``stored`` itself for the form's
    ``shown`` store. When the refill comes from a save (``saved``) and the person is typing in the
    form (``keeps_typing``), nothing changes, so nothing typed is thrown away."""
    if saved and keeps_typing(stored, typed, shown):
        return (*(no_update,) * len(fields), stored if typed == stored else no_update)
    return (*(stored[field] for field in fields), stored)


def kept_choice(options: list[dict], chosen) -> object:
    """A menu's value after its options were made again: unchanged while ``chosen`` is still among
    them, else the first option."""
    return no_update if any(option["value"] == chosen for option in options) else options[0]["value"]


# --- what was typed and not saved yet, kept while another session is on show ---------------------


def draft_key(of: Any) -> str:
    """The key a form's draft is kept under: what the form was filled for, as text.

    >>> draft_key(["mood", 15, "PHQ-9"])
    '["mood", 15, "PHQ-9"]'
    """
    return json.dumps(of, ensure_ascii=False)


def set_aside(drafts: dict, typed: dict, shown: dict | None, now: Any) -> dict:
    """``drafts`` with what was ``typed`` in a form kept, when the form is about to be filled for
    something else (``now``: another session, or ``None`` when it can show nothing typed, names being
    hidden) and the person typed in it since it was last filled or saved (``shown``): the text waits
    for that session rather than vanishing, with the record it was typed over."""
    if shown is None or shown.get("of") == now or typed == shown:
        return drafts
    return {**drafts, draft_key(shown["of"]): {"typed": typed, "over": shown}}


def take_back(drafts: dict, of: Any, stored: dict) -> tuple[dict | None, dict, bool]:
    """The draft kept for ``of`` (``None`` if there is none), the drafts without it, and whether one was
    dropped: a draft comes back only over the record it was typed over (``stored`` as the form shows it
    now). When another tab saved that record meanwhile, the saved record wins rather than being
    overwritten by the next save."""
    key = draft_key(of)
    rest = {kept: draft for kept, draft in drafts.items() if kept != key}
    kept = drafts.get(key)
    if kept is None:
        return None, rest, False
    if kept["over"] != stored:
        return None, rest, True
    return kept["typed"], rest, False
