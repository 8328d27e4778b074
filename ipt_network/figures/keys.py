"""The network figure's keys on screen: what plotly.js matches people by from one drawing to the next.

``layout.transition`` makes people glide to their new places when the session changes, matched by
their key (``ids``). Three things need the keys prepared: a person whose marker shape changes
must be redrawn rather than morphed (``glide``); with names hidden the keys must name nobody,
since ids are typed by people (``pseudonyms``, ``rekey``); and a figure that may be removed
mid-transition must not glide at all (``still``).
"""

from __future__ import annotations

from collections.abc import Callable

from ipt_network.model import Document


def still(figure: dict) -> dict:
    """The figure without its animated transition.

    plotly.js throws ("reading '_plots'") when a graph is removed mid-transition, as when the
    therapist leaves the page within half a second of a redraw; a page error is never acceptable.
    """
    figure["layout"].pop("transition", None)
    return figure


def rekey(figure: dict, key_of: Callable[[str], str]) -> dict:
    """The network figure with the people's and the client's ids replaced by ``key_of`` wherever it
    holds them (see ``pseudonyms``)."""
    for trace in figure["data"]:
        if "ids" not in trace:
            continue
        trace["ids"] = [key_of(key) for key in trace["ids"]]
        if "customdata" in trace:
            trace["customdata"] = trace["ids"]
        if trace["name"] == "client":
            figure["layout"]["uirevision"] = f"network:{trace['ids'][0]}"
    return figure


def glide(figure: dict, key_of: Callable[[str], str] | None = None) -> dict:
    """The network figure ready to move smoothly from the one drawn before it.

    A person's key (``ids``) gains their marker shape, so a person whose shape changes (say from
    supportive to mixed) is redrawn in place: plotly.js would otherwise morph a diamond into a
    circle through invalid SVG paths, an error in the console at every frame. ``key_of`` first
    replaces the ids (``rekey``).
    """
    if key_of:
        rekey(figure, key_of)
    for trace in figure["data"]:
        if trace.get("name") == "people":
            trace["ids"] = [f"{key} {symbol}" for key, symbol in zip(trace["ids"], trace["marker"]["symbol"],
                                                                      strict=True)]
    return figure


def pseudonyms(doc: Document) -> Callable[[str], str]:
    """Keys that name nobody, for the figure's ids when names are hidden (ids are typed by people:
    ``p-arjun``). Numbered in the order people were recorded, so the same in every session.

    >>> from ipt_network.model import parse_document
    >>> doc = parse_document({"format": "ipt-network", "version": 1,
    ...     "client": {"id": "c-ana", "label": "Ana", "start_date": "2026-01-05"},
    ...     "people": [{"id": "p-dan", "name": "Dan", "role": "partner"}], "sessions": []})
    >>> key = pseudonyms(doc)
    >>> key("c-ana"), key("p-dan")
    ('client', 'person-1')
    """
    keys = {doc.client.id: "client", **{person.id: f"person-{i}" for i, person in enumerate(doc.people, 1)}}
    return keys.__getitem__
