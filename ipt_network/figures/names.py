"""What a person is called on screen: their name, their initials, or their role.

The "hide names" switch must reach every label, hover text and summary, so figures never read
``Person.name`` themselves: they call a ``display_name(id)`` function made here (or any other
callable from id to text), which also names the client.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Literal

from ipt_network.model import Document, Person, Role

ROLE_WORDS = {
    Role.PARTNER: "Partner", Role.PARENT: "Parent", Role.CHILD: "Child", Role.SIBLING: "Sibling",
    Role.OTHER_FAMILY: "Family", Role.FRIEND: "Friend", Role.COLLEAGUE: "Colleague",
    Role.NEIGHBOUR: "Neighbour", Role.PROFESSIONAL: "Professional", Role.OTHER: "Other",
}

NameMode = Literal["names", "initials", "roles"]


def initials(name: str) -> str:
    """First letter of each word, upper case: ``"Auntie Rose"`` → ``"AR"``, ``"j."`` → ``"J"``.

    >>> initials("Auntie Rose"), initials("j."), initials("Mum")
    ('AR', 'J', 'M')
    """
    letters = [word[0] for word in name.split() if word[0].isalnum()]
    return "".join(letters).upper() or "?"


def _shown(person: Person, mode: NameMode) -> str:
    if mode == "names":
        return person.name
    if mode == "initials":
        return initials(person.name)
    return ROLE_WORDS[person.role]


def display_namer(doc: Document, mode: NameMode = "names", *, client_label: str = "You") -> Callable[
        [str], str]:
    """A function from person or client id to the text shown for them.

    ``mode`` is ``"names"`` (as the client calls them), ``"initials"`` or ``"roles"``. When
    initials or roles coincide, a number tells the people apart ("Friend 1", "Friend 2"),
    numbered in the order people were recorded. The client is shown as ``client_label``.

    >>> from ipt_network.model import parse_document
    >>> doc = parse_document({"format": "ipt-network", "version": 1,
    ...     "client": {"id": "c", "label": "Ana", "start_date": "2026-01-05"},
    ...     "people": [{"id": "a", "name": "Jo", "role": "friend"},
    ...                {"id": "b", "name": "Sam", "role": "friend"},
    ...                {"id": "m", "name": "Mum", "role": "parent"}], "sessions": []})
    >>> shown = display_namer(doc, "roles")
    >>> shown("a"), shown("b"), shown("m"), shown("c")
    ('Friend 1', 'Friend 2', 'Parent', 'You')
    """
    if mode not in ("names", "initials", "roles"):
        raise ValueError(f"name mode must be 'names', 'initials' or 'roles', got {mode!r}")
    plain = {person.id: _shown(person, mode) for person in doc.people}
    repeated = Counter(plain.values()) if mode != "names" else Counter()
    seen: Counter[str] = Counter()
    shown = {doc.client.id: client_label}
    for person_id, text in plain.items():
        if repeated[text] > 1:
            seen[text] += 1
            text = f"{text} {seen[text]}"
        shown[person_id] = text
    return shown.__getitem__
